"""libhs_capi.so (capi/handshake_capi.h) through ctypes, and handshake_playground.Engine from packages/python over
build/native/libhs_capi.so: the C ABI's refusals, bytes passing through unchanged, the size limit, the exported
symbols, Engine's controls and errors, and calls from several threads.

Run from the repository root:
    python3 -m unittest tests/python/test_capi.py
"""

import ctypes
import datetime
import json
import os
import subprocess
import sys
import threading
import unittest
from unittest import mock

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LIBRARY = os.path.join(REPO_ROOT, "build", "native", "libhs_capi.so")
sys.path.insert(0, os.path.join(REPO_ROOT, "packages", "python"))

UTC = datetime.timezone.utc
DESCRIBE_HANDSHAKE = "AWSOrganizationsV20161128.DescribeHandshake"


def setUpModule():
    # The python stage runs after the native build, which builds libhs_capi.so; build it when run alone.
    build = subprocess.run(["bash", "-c", '. scripts/lib.sh && hs_build_native --target hs_capi -j "${HS_JOBS:-2}"'],
                           cwd=REPO_ROOT, capture_output=True, text=True, timeout=1800, stdin=subprocess.DEVNULL)
    if build.returncode != 0:
        raise AssertionError(f"building hs_capi failed:\n{build.stderr[-4000:]}")


Chars = ctypes.POINTER(ctypes.c_char)


class CApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        lib = ctypes.CDLL(LIBRARY)
        lib.hs_engine_create.argtypes = [ctypes.c_uint64]
        lib.hs_engine_create.restype = ctypes.c_void_p
        lib.hs_engine_destroy.argtypes = [ctypes.c_void_p]
        lib.hs_engine_handle.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                         ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t,
                                         ctypes.POINTER(Chars), ctypes.POINTER(ctypes.c_size_t)]
        lib.hs_engine_handle.restype = ctypes.c_int
        lib.hs_free.argtypes = [Chars]
        cls.lib = lib

    def setUp(self):
        self.engine = self.lib.hs_engine_create(0)
        self.assertTrue(self.engine)

    def tearDown(self):
        self.lib.hs_engine_destroy(self.engine)

    def handle(self, caller, target, body, body_len=None, engine="self", out=True):
        engine = self.engine if engine == "self" else engine
        out_body, out_len = Chars(), ctypes.c_size_t(12345)
        status = self.lib.hs_engine_handle(engine, caller, len(caller or b""), target, len(target or b""), body,
                                           len(body or b"") if body_len is None else body_len,
                                           ctypes.byref(out_body) if out else None,
                                           ctypes.byref(out_len) if out else None)
        if status < 0:
            self.assertFalse(out_body)  # nothing allocated
            return status, None
        data = out_body[:out_len.value]
        self.assertEqual(out_body[out_len.value], b"\0")  # NUL-terminated too
        self.lib.hs_free(out_body)
        return status, data

    def test_abi_version(self):
        self.assertEqual(self.lib.hs_capi_abi_version(), 1)

    def test_bad_arguments_are_refused_without_touching_the_engine(self):
        self.assertEqual(self.handle(b"", b"Simulator.DescribeWorld", b"{}", engine=None), (-1, None))
        self.assertEqual(self.handle(b"", b"Simulator.DescribeWorld", b"{}", out=False), (-1, None))
        self.assertEqual(self.handle(b"", b"Simulator.DescribeWorld", None, body_len=2), (-1, None))
        # A NULL string of length 0 is the empty string.
        self.assertEqual(self.handle(b"", b"Simulator.DescribeWorld", None)[0], 200)
        self.assertEqual(self.handle(b"", b"Simulator.DescribeWorld", None), self.handle(b"", b"Simulator.DescribeWorld", b""))
        self.lib.hs_engine_destroy(None)  # ignored
        self.lib.hs_free(Chars())  # ignored

    def test_answers_as_the_wire(self):
        status, body = self.handle(b"", b"Simulator.CreateAccount",
                                   b'{"Id": "111111111111", "Name": "Bill", "Email": "bill@example.com"}')
        self.assertEqual((status, json.loads(body)),
                         (200, {"Account": {"Id": "111111111111", "Name": "Bill", "Email": "bill@example.com"}}))
        self.assertEqual(self.handle(b"", DESCRIBE_HANDSHAKE.encode(), b"{}"),
                         (400, b'{"__type":"com.amazon.coral.service#MissingAuthenticationTokenException",'
                               b'"message":"Request is missing Authentication Token"}'))

    def test_bytes_pass_through_unchanged(self):
        self.handle(b"", b"Simulator.CreateAccount", b'{"Id": "111111111111", "Name": "B", "Email": "b@example.com"}')
        # A NUL inside the body reaches the engine (the length is passed), which refuses it as the wire does.
        status, body = self.handle(b"111111111111", DESCRIBE_HANDSHAKE.encode(), b'{"HandshakeId": "h-\x00"}')
        self.assertEqual((status, body),
                         (400, b'{"Message":"The request body is not valid JSON.","__type":"SerializationException"}'))
        # A caller cut at the NUL would be the account; the whole 13 bytes are not.
        self.assertEqual(self.handle(b"111111111111", b"AWSOrganizationsV20161128.ListHandshakesForAccount", b"{}"),
                         (200, b'{"Handshakes":[]}'))
        status, body = self.handle(b"111111111111\x00", b"AWSOrganizationsV20161128.ListHandshakesForAccount", b"{}")
        self.assertEqual(json.loads(body)["__type"], "UnrecognizedClientException")

    def test_body_over_the_limit(self):
        big = b'{"HandshakeId": "' + b"a" * (4 * 1024 * 1024) + b'"}'
        status, body = self.handle(b"111111111111", DESCRIBE_HANDSHAKE.encode(), big)
        self.assertEqual((status, json.loads(body)["__type"]), (413, "RequestEntityTooLargeException"))

    def test_only_the_c_abi_is_exported(self):
        nm = subprocess.run(["nm", "-D", "--defined-only", LIBRARY], capture_output=True, text=True, check=True)
        names = sorted(line.split()[-1] for line in nm.stdout.splitlines() if line.strip())
        self.assertEqual(names, ["hs_capi_abi_version", "hs_engine_create", "hs_engine_destroy", "hs_engine_handle",
                                 "hs_free"])


class EngineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with mock.patch.dict(os.environ, {"HANDSHAKE_PLAYGROUND_LIBRARY": LIBRARY}):
            from handshake_playground import Engine, SimulatorError
            cls.Engine, cls.SimulatorError = Engine, SimulatorError
            Engine().close()  # loads the library while the variable is set

    def test_controls(self):
        with self.Engine() as engine:
            self.assertEqual(engine.now(), datetime.datetime(2026, 1, 1, tzinfo=UTC))
            bill = engine.create_account("Bill", "bill@example.com", id="111111111111")
            self.assertEqual(bill, {"Id": "111111111111", "Name": "Bill", "Email": "bill@example.com"})
            org = engine.create_organization("111111111111", feature_set="CONSOLIDATED_BILLING", id="o-exampleorgid")
            self.assertEqual((org["Id"], org["FeatureSet"]), ("o-exampleorgid", "CONSOLIDATED_BILLING"))
            engine.create_account("Susan", "susan@example.com", id="222222222222")
            susan = engine.join_organization("222222222222", "o-exampleorgid", joined_method="CREATED")
            self.assertEqual(susan["JoinedMethod"], "CREATED")
            start = datetime.datetime(2026, 9, 13, 3, 44, 6, 110000, tzinfo=UTC)
            self.assertEqual(engine.set_time(start), 1789271046.11)
            self.assertEqual(engine.advance_time(datetime.timedelta(days=1)), 1789271046.11 + 86400)
            self.assertEqual(engine.now(), start + datetime.timedelta(days=1))
            self.assertEqual(engine.set_settings(account_limit=3)["AccountLimit"], 3)
            snapshot = engine.export_world()
            engine.reset()
            self.assertEqual(engine.describe_world()["Accounts"], [])
            engine.import_world(snapshot)
            self.assertEqual([a["Id"] for a in engine.describe_world()["Accounts"]], ["111111111111", "222222222222"])
            self.assertEqual(engine.describe_lifecycle("INVITE")[0]["Initial"], "OPEN")
            self.assertEqual([o["Name"] for o in engine.describe_operations("AcceptHandshake")], ["AcceptHandshake"])
            dry = engine.dry_run("111111111111", "DescribeOrganization", {}, explain=True)
            self.assertEqual(dry["Status"], 200)
            self.assertEqual(json.loads(dry["Body"])["Organization"]["Id"], "o-exampleorgid")
            self.assertEqual(engine.call("111111111111", "DescribeOrganization")["Organization"]["FeatureSet"],
                             "CONSOLIDATED_BILLING")

    def test_refusals_raise_simulator_error(self):
        with self.Engine() as engine:
            with self.assertRaises(self.SimulatorError) as ctx:
                engine.set_time(datetime.datetime(2020, 1, 1, tzinfo=UTC))
            self.assertEqual((ctx.exception.code, ctx.exception.status, ctx.exception.target),
                             ("InvalidInputException", 400, "Simulator.SetTime"))
            self.assertEqual(ctx.exception.message,
                             "The simulated clock cannot move backwards; use Simulator.Reset to start over.")
            with self.assertRaises(self.SimulatorError) as ctx:
                engine.call("111111111111", "DescribeOrganization")
            self.assertEqual(ctx.exception.code, "UnrecognizedClientException")
            with self.assertRaises(ValueError):
                engine.set_time(datetime.datetime(2027, 1, 1))  # naive: no time zone

    def test_closed_engine(self):
        engine = self.Engine()
        engine.close()
        engine.close()
        with self.assertRaisesRegex(ValueError, "closed"):
            engine.handle("", "Simulator.DescribeWorld", "{}")

    def test_threads_share_one_engine(self):
        with self.Engine() as engine:
            def create(first):
                for i in range(first, first + 50):
                    engine.create_account(f"A{i}", f"a{i}@example.com", id=f"{i:012d}")
            threads = [threading.Thread(target=create, args=(n * 1000,)) for n in range(1, 5)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual(len(engine.describe_world()["Accounts"]), 200)


if __name__ == "__main__":
    unittest.main()
