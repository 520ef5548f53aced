"""An in-memory SSM Parameter Store with boto3's method names and shapes (tests only)."""


class ParameterNotFound(Exception):
    """What boto3 raises (ssm.exceptions.ParameterNotFound), carrying its error code."""

    def __init__(self, name):
        Exception.__init__(self, "ParameterNotFound: %s" % name)
        self.response = {"Error": {"Code": "ParameterNotFound", "Message": name}}


class FakeSSM(object):
    def __init__(self, page=2):
        self.params = {}
        self.calls = []
        self.page = page

    def put_parameter(self, Name, Value, Type, Overwrite=False, Description="", Tier=None, KeyId=None):
        self.calls.append(("put_parameter", Name))
        if not Value:
            raise ValueError("ValidationException: empty value")
        if Name in self.params and not Overwrite:
            raise ValueError("ParameterAlreadyExists")
        self.params[Name] = {"Name": Name, "Value": Value, "Type": Type, "Description": Description, "Tier": Tier}

    def _value(self, p, decrypt):
        if p["Type"] == "SecureString" and not decrypt:
            return "ENC(" + p["Value"] + ")"
        return p["Value"]

    def get_parameter(self, Name, WithDecryption=False):
        self.calls.append(("get_parameter", Name))
        if Name not in self.params:
            raise ParameterNotFound(Name)
        p = self.params[Name]
        return {"Parameter": {"Name": Name, "Type": p["Type"], "Value": self._value(p, WithDecryption)}}

    def delete_parameter(self, Name):
        self.calls.append(("delete_parameter", Name))
        if Name not in self.params:
            raise ParameterNotFound(Name)
        del self.params[Name]

    def _paged(self, items, key, token, limit):
        start = int(token or 0)
        out = {key: items[start:start + limit]}
        if start + limit < len(items):
            out["NextToken"] = str(start + limit)
        return out

    def describe_parameters(self, ParameterFilters, MaxResults=50, NextToken=None):
        self.calls.append(("describe_parameters", ParameterFilters[0]["Values"][0]))
        f = ParameterFilters[0]
        want = f["Values"][0]
        if f["Key"] == "Name":
            names = [n for n in sorted(self.params) if n == want]
        else:
            names = [n for n in sorted(self.params) if n.startswith(want.rstrip("/") + "/")]
        items = [{"Name": n, "Type": self.params[n]["Type"], "Description": self.params[n]["Description"]} for n in names]
        return self._paged(items, "Parameters", NextToken, min(MaxResults, self.page))

    def get_parameters_by_path(self, Path, Recursive=False, MaxResults=10, NextToken=None, WithDecryption=False):
        self.calls.append(("get_parameters_by_path", Path))
        names = [n for n in sorted(self.params) if n.startswith(Path.rstrip("/") + "/")]
        items = [{"Name": n, "Type": self.params[n]["Type"], "Value": self._value(self.params[n], WithDecryption)}
                 for n in names]
        return self._paged(items, "Parameters", NextToken, min(MaxResults, self.page))
