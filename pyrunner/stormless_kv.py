"""The key-value datastore of the Python runner function, on SSM Parameter Store.

It reads and writes the parameters internal/datastore/ssmkv (the Go
adapter every other function uses) reads and writes, in the same layout, so
that an action's set_value is the next action's (or rule's) st2kv lookup:

- items are <root>/system/<name> and <root>/user/<user>/<name>; names and
  users are escaped: letters, digits, '_' and '.' stay, every other byte
  becomes -HH (upper-case hex), so "a:b" is "a-3Ab";
- the description is "stormless datastore item", then "; expires=<RFC 3339
  time>" for a TTL and "; empty" for an empty value (stored as one space,
  since SSM refuses empty values); an expired item is absent (and get
  deletes it);
- secrets are SecureString parameters (the account's aws/ssm key), plain
  values String, every parameter on the Intelligent-Tiering tier.

Datastore.call answers the shim's datastore messages ({"op": "get", ...})
with {"value": ...} or {"error": ...}, as the Go runner's channel does.
"""

import datetime
import re

DESCRIBED_AS = "stormless datastore item"


def root_of(prefix):
    """The root path of a KV prefix: "/stormless/" gives "/stormless" (lambdafn.KVRoot)."""
    return prefix[:-1] if prefix.endswith("/") else prefix


def _plain(b):
    return (0x61 <= b <= 0x7A) or (0x41 <= b <= 0x5A) or (0x30 <= b <= 0x39) or b in (0x5F, 0x2E)


def escape(value):
    """Maps value into SSM's name alphabet, byte by byte of its UTF-8."""
    return "".join(chr(b) if _plain(b) else "-%02X" % b for b in value.encode("utf-8"))


_HEX = re.compile(r"^[0-9A-Fa-f]{2}$")


def unescape(value):
    """Undoes escape; raises ValueError for a malformed escape."""
    out = bytearray()
    i = 0
    while i < len(value):
        c = value[i]
        if c != "-":
            out += c.encode("utf-8")
            i += 1
            continue
        if i + 2 >= len(value):
            raise ValueError("unescaping %r: truncated escape at %d" % (value, i))
        if not _HEX.match(value[i + 1:i + 3]):
            raise ValueError("unescaping %r: bad escape at %d" % (value, i))
        out.append(int(value[i + 1:i + 3], 16))
        i += 3
    return out.decode("utf-8")


def format_time(t):
    """RFC 3339 in UTC with microseconds, as Go's time.RFC3339Nano parses it."""
    return t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_TIME = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$")


def parse_time(s):
    """Parses Go's RFC3339Nano (up to nanoseconds); None when malformed."""
    m = _TIME.match(s)
    if not m:
        return None
    frac = (m.group(2) or "")[:6].ljust(6, "0")
    zone = "+00:00" if m.group(3) == "Z" else m.group(3)
    try:
        return datetime.datetime.fromisoformat("%s.%s%s" % (m.group(1), frac, zone))
    except ValueError:
        return None


class Meta(object):
    """What a parameter's description carries."""

    def __init__(self, expires=None, empty=False):
        self.expires = expires
        self.empty = empty

    def __str__(self):
        s = DESCRIBED_AS
        if self.expires is not None:
            s += "; expires=" + format_time(self.expires)
        if self.empty:
            s += "; empty"
        return s

    @classmethod
    def parse(cls, desc):
        m = cls()
        for part in (desc or "").split(";"):
            part = part.strip()
            if part.startswith("expires="):
                m.expires = parse_time(part[len("expires="):])
            if part == "empty":
                m.empty = True
        return m

    def expired(self, now):
        return self.expires is not None and now >= self.expires


class NotFound(Exception):
    pass


def _is_not_found(e):
    code = getattr(e, "response", {}).get("Error", {}).get("Code") if hasattr(e, "response") else None
    return code == "ParameterNotFound" or type(e).__name__ == "ParameterNotFound"


class Datastore(object):
    """The datastore of one execution's user; ssm() returns a boto3 SSM client (or a fake)."""

    def __init__(self, ssm, root, user, now=None):
        self._ssm = ssm
        self.root = root
        self.user = user or "stanley"
        self._now = now or (lambda: datetime.datetime.now(datetime.timezone.utc))

    def path(self, scope, name):
        if scope == "user":
            return "%s/user/%s/%s" % (self.root, escape(self.user), escape(name))
        return "%s/system/%s" % (self.root, escape(name))

    def call(self, message):
        op, name = message.get("op"), message.get("name", "")
        scope = message.get("scope") or "system"
        try:
            if scope not in ("system", "user"):
                raise ValueError("unknown scope %r" % scope)
            if op == "get":
                return {"value": self.get(scope, name, bool(message.get("decrypt")))}
            if op == "set":
                self.set(scope, name, message.get("value", ""), float(message.get("ttl") or 0), bool(message.get("encrypt")))
                return {"value": None}
            if op == "delete":
                self.delete(scope, name)
                return {"value": None}
            if op == "list":
                return {"value": self.list(scope, message.get("prefix", ""))}
            raise ValueError("unknown datastore call %r" % op)
        except NotFound:
            return {"error": "key %r not found" % name}
        except Exception as e:  # the action sees the error, as locally
            return {"error": "datastore %s %r: %s" % (op, name, e)}

    def describe(self, path):
        out = self._ssm().describe_parameters(ParameterFilters=[{"Key": "Name", "Option": "Equals", "Values": [path]}])
        for p in out.get("Parameters", []):
            if p.get("Name") == path:
                return Meta.parse(p.get("Description"))
        raise NotFound(path)

    def get(self, scope, name, decrypt):
        path = self.path(scope, name)
        meta = self.describe(path)
        if meta.expired(self._now()):
            try:
                self._ssm().delete_parameter(Name=path)
            except Exception:
                pass  # best effort
            raise NotFound(path)
        try:
            p = self._ssm().get_parameter(Name=path, WithDecryption=decrypt)["Parameter"]
        except Exception as e:
            if _is_not_found(e):
                raise NotFound(path)
            raise
        secret = p.get("Type") == "SecureString"
        if meta.empty and (not secret or decrypt):
            return ""
        return p.get("Value")

    def set(self, scope, name, value, ttl, encrypt):
        if ttl < 0:
            raise ValueError("negative ttl")
        meta = Meta(empty=(value == ""))
        if ttl > 0:
            meta.expires = self._now() + datetime.timedelta(seconds=ttl)
        self._ssm().put_parameter(Name=self.path(scope, name), Value=" " if meta.empty else value, Overwrite=True,
                                  Type="SecureString" if encrypt else "String", Description=str(meta),
                                  Tier="Intelligent-Tiering")

    def delete(self, scope, name):
        path = self.path(scope, name)
        meta = self.describe(path)
        try:
            self._ssm().delete_parameter(Name=path)
        except Exception as e:
            if _is_not_found(e):
                raise NotFound(path)
            raise
        if meta.expired(self._now()):
            raise NotFound(path)

    def list(self, scope, prefix):
        """The live items of scope whose name starts with prefix, in name order; secrets stay encrypted."""
        base = self.root + "/system" if scope == "system" else "%s/user/%s" % (self.root, escape(self.user))
        ssm = self._ssm()
        metas = {}
        kwargs = {"ParameterFilters": [{"Key": "Path", "Option": "Recursive", "Values": [base]}], "MaxResults": 50}
        while True:
            out = ssm.describe_parameters(**kwargs)
            for p in out.get("Parameters", []):
                metas[p["Name"]] = Meta.parse(p.get("Description"))
            if not out.get("NextToken"):
                break
            kwargs["NextToken"] = out["NextToken"]
        now, items = self._now(), []
        kwargs = {"Path": base, "Recursive": True, "MaxResults": 10}
        while True:
            out = ssm.get_parameters_by_path(**kwargs)
            for p in out.get("Parameters", []):
                item = self._item(scope, base, p, metas.get(p["Name"]), now)
                if item is not None and item["name"].startswith(prefix):
                    items.append(item)
            if not out.get("NextToken"):
                break
            kwargs["NextToken"] = out["NextToken"]
        items.sort(key=lambda i: i["name"].encode("utf-8"))
        return items

    def _item(self, scope, base, p, meta, now):
        rest = p["Name"][len(base) + 1:] if p["Name"].startswith(base + "/") else ""
        if meta is None or not rest or "/" in rest or meta.expired(now):
            return None
        try:
            name = unescape(rest)
        except ValueError:
            return None
        secret = p.get("Type") == "SecureString"
        item = {"name": name, "value": "" if meta.empty and not secret else p.get("Value"), "scope": scope,
                "secret": secret, "encrypted": secret}
        if scope == "user":
            item["user"] = self.user
        if meta.expires is not None:
            item["expire_timestamp"] = format_time(meta.expires)
        return item
