"""Tests of the Python runner function, run with the machine's python3 (pyrunner_test.go runs them).

STORMLESS_SHIM_DIR points at internal/runner/python/shim (the shim the
zip carries a copy of); the actions are the python runner's test pack.
"""

import datetime
import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
os.environ.setdefault("STORMLESS_SHIM_DIR", os.path.join(ROOT, "internal", "runner", "python", "shim"))
sys.path.insert(0, os.path.join(HERE, "testdata"))

import handler  # noqa: E402
import stormless_kv  # noqa: E402
from fake_ssm import FakeSSM  # noqa: E402

PACK = os.path.join(ROOT, "internal", "runner", "python", "testdata", "pack")


def event(action, parameters=None, timeout=600, env=None):
    return {"start": {"entry_point": os.path.join(PACK, "actions", action + ".py"), "pack": "demo",
                      "config": {"greeting": "Bonjour"}, "parameters": parameters or {}, "user": "ada",
                      "log_level": "DEBUG"},
            "pack_dir": PACK, "env": env or {"ST2_ACTION_EXECUTION_ID": "exec-42"}, "timeout": timeout}


class Clock(object):
    def __init__(self):
        self.t = datetime.datetime(2026, 11, 28, 3, 0, 0, 123456, tzinfo=datetime.timezone.utc)

    def __call__(self):
        return self.t


def store(ssm, clock=None):
    return lambda user: stormless_kv.Datastore(lambda: ssm, "/stormless", user, now=clock)


class Context(object):
    def __init__(self, ms):
        self.ms = ms

    def get_remaining_time_in_millis(self):
        return self.ms


class HandlerTest(unittest.TestCase):
    def run_action(self, action, **kw):
        self.ssm = FakeSSM()
        return handler.run(event(action, **kw), store(self.ssm))

    def test_success(self):
        got = self.run_action("hello", parameters={"name": "Ada"})
        self.assertEqual(got["result"], "Bonjour, Ada.")
        self.assertEqual((got["exit_code"], got["done"], got["status"], got["timed_out"]), (0, True, None, False))
        self.assertEqual(got["stdout"], "about to greet\n")
        self.assertIn("a warning\n", got["stderr"])

    def test_false_tuple(self):
        got = self.run_action("tuple_fail")
        self.assertEqual((got["done"], got["status"], got["result"], got["exit_code"]), (True, False, {"reason": "nope"}, 0))

    def test_true_tuple_and_not_json(self):
        got = self.run_action("not_json")
        self.assertEqual((got["status"], got["result"]), (True, "{1, 2}"))

    def test_exception(self):
        got = self.run_action("raises")
        self.assertEqual((got["done"], got["exit_code"], got["result"]), (False, 1, None))
        self.assertIn("ValueError: boom", got["stderr"])
        self.assertIn("Traceback", got["stderr"])

    def test_invalid_status(self):
        got = self.run_action("bad_status")
        self.assertEqual(got["exit_code"], 220)
        self.assertIn("must either be True or False", got["stderr"])

    def test_pack_lib_on_path(self):
        got = self.run_action("uses_lib", parameters={"word": "hi"})
        self.assertEqual(got["result"], {"word": "HI!", "set": "[1, 3]"})

    def test_timeout(self):
        began = time.monotonic()
        got = self.run_action("slow", timeout=1)
        self.assertLess(time.monotonic() - began, 10)
        self.assertEqual((got["timed_out"], got["exit_code"], got["done"]), (True, -9, False))
        self.assertEqual(got["stdout"], "sleeping\n")

    def test_function_time_limit_caps_the_timeout(self):
        began = time.monotonic()
        got = handler.handler(event("slow", timeout=600), Context(3000))  # 3 s left, 2 s kept
        self.assertTrue(got["timed_out"])
        self.assertLess(time.monotonic() - began, 10)

    def test_datastore(self):
        got = self.run_action("datastore")
        self.assertEqual(got["result"], {"got": "41", "shared": "global", "missing": None, "names": ["demo.Datastore:counter"],
                                         "deleted": True, "deleted_again": False,
                                         "scope_error": "Scope user is unsupported."})
        self.assertEqual(sorted(self.ssm.params), ["/stormless/system/shared"])
        self.assertEqual(self.ssm.params["/stormless/system/shared"]["Description"], "stormless datastore item")

    def test_output_capped(self):
        self.assertEqual(handler.decode([b"ab", None, b"c"]), "abc")
        big = handler.decode([b"x" * (handler.MAX_STREAM + 10)])
        self.assertTrue(big.startswith("x" * 100))
        self.assertTrue(big.endswith("[stormless: 10 more bytes dropped: a Lambda answer is limited to 6 MB]\n"))

    def test_bad_events(self):
        for name, ev, want in [
            ("not an object", [], "must be an object"),
            ("no entry point", {"start": {}}, "entry_point"),
            ("missing file", {"start": {"entry_point": "/nope/x.py"}}, "packs layer"),
            ("bad env", dict(event("hello"), env={"A": 1}), "env"),
            ("bad timeout", dict(event("hello"), timeout="soon"), "timeout"),
        ]:
            with self.subTest(name):
                with self.assertRaisesRegex(handler.InvocationError, want):
                    handler.run(ev, store(FakeSSM()))

    def test_handler_entry_point(self):
        os.environ["STORMLESS_KV_PREFIX"] = "/stormless/"
        got = handler.handler(event("hello", parameters={"name": "Bo"}), Context(60000))
        self.assertEqual(got["result"], "Bonjour, Bo.")


class DatastoreTest(unittest.TestCase):
    def setUp(self):
        self.ssm = FakeSSM()
        self.clock = Clock()
        self.kv = stormless_kv.Datastore(lambda: self.ssm, "/stormless", "ada", now=self.clock)

    def test_escape(self):
        for raw, esc in [("a:b", "a-3Ab"), ("x.y_z9", "x.y_z9"), ("a b/c", "a-20b-2Fc"), ("é", "-C3-A9")]:
            self.assertEqual(stormless_kv.escape(raw), esc)
            self.assertEqual(stormless_kv.unescape(esc), raw)
        for bad in ["a-3", "a-G1", "-+1"]:
            with self.assertRaises(ValueError):
                stormless_kv.unescape(bad)

    def test_paths(self):
        self.assertEqual(self.kv.path("system", "demo.A:k"), "/stormless/system/demo.A-3Ak")
        self.assertEqual(self.kv.path("user", "k"), "/stormless/user/ada/k")
        self.assertEqual(stormless_kv.root_of("/stormless/"), "/stormless")

    def test_ttl(self):
        self.assertEqual(self.kv.call({"op": "set", "name": "t", "value": "v", "ttl": 60, "scope": "system"}), {"value": None})
        desc = self.ssm.params["/stormless/system/t"]["Description"]
        self.assertEqual(desc, "stormless datastore item; expires=2026-11-28T03:01:00.123456Z")
        self.assertEqual(self.kv.call({"op": "get", "name": "t"}), {"value": "v"})
        item = self.kv.call({"op": "list", "prefix": ""})["value"][0]
        self.assertEqual(item["expire_timestamp"], "2026-11-28T03:01:00.123456Z")
        self.clock.t += datetime.timedelta(seconds=60)
        self.assertEqual(self.kv.call({"op": "get", "name": "t"}), {"error": "key 't' not found"})
        self.assertNotIn("/stormless/system/t", self.ssm.params, "an expired item is deleted on get")

    def test_go_written_expiry(self):
        self.ssm.params["/stormless/system/g"] = {"Name": "/stormless/system/g", "Value": "v", "Type": "String",
                                                  "Description": "stormless datastore item; expires=2026-11-28T03:00:00.999999999Z"}
        self.assertEqual(self.kv.call({"op": "get", "name": "g"}), {"value": "v"})
        self.clock.t += datetime.timedelta(seconds=1)
        self.assertIn("error", self.kv.call({"op": "get", "name": "g"}))

    def test_empty_and_secret(self):
        self.kv.call({"op": "set", "name": "e", "value": ""})
        self.assertEqual(self.ssm.params["/stormless/system/e"]["Value"], " ")
        self.assertEqual(self.kv.call({"op": "get", "name": "e"}), {"value": ""})
        self.kv.call({"op": "set", "name": "s", "value": "pw", "encrypt": True})
        self.assertEqual(self.ssm.params["/stormless/system/s"]["Type"], "SecureString")
        self.assertEqual(self.kv.call({"op": "get", "name": "s", "decrypt": True}), {"value": "pw"})
        self.assertEqual(self.kv.call({"op": "get", "name": "s"}), {"value": "ENC(pw)"})

    def test_list_pages_and_prefix(self):
        for n in ["p.b", "p.a", "q.c", "p.c"]:
            self.kv.call({"op": "set", "name": n, "value": n.upper()})
        self.ssm.params["/stormless/system/x/y"] = {"Name": "/stormless/system/x/y", "Value": "1", "Type": "String",
                                                    "Description": "foreign"}
        got = self.kv.call({"op": "list", "prefix": "p."})["value"]
        self.assertEqual([(i["name"], i["value"]) for i in got], [("p.a", "P.A"), ("p.b", "P.B"), ("p.c", "P.C")])

    def test_delete_and_errors(self):
        self.assertEqual(self.kv.call({"op": "delete", "name": "nope"}), {"error": "key 'nope' not found"})
        self.kv.call({"op": "set", "name": "d", "value": "1"})
        self.assertEqual(self.kv.call({"op": "delete", "name": "d"}), {"value": None})
        self.assertIn("unknown datastore call", self.kv.call({"op": "frob", "name": "d"})["error"])
        self.assertIn("negative ttl", self.kv.call({"op": "set", "name": "d", "value": "1", "ttl": -1})["error"])
        self.assertIn("unknown scope", self.kv.call({"op": "get", "name": "d", "scope": "galaxy"})["error"])

    def test_user_scope(self):
        self.kv.call({"op": "set", "name": "k", "value": "mine", "scope": "user"})
        self.assertIn("/stormless/user/ada/k", self.ssm.params)
        got = self.kv.call({"op": "list", "prefix": "", "scope": "user"})["value"]
        self.assertEqual(got, [{"name": "k", "value": "mine", "scope": "user", "user": "ada", "secret": False, "encrypted": False}])


if __name__ == "__main__":
    unittest.main()
