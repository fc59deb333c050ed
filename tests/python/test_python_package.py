"""The Python package as a stranger gets it: scripts/package-python builds the wheel, a fresh virtual environment
installs it offline, and a boto3 script run there (outside this repository) drives the invitation lifecycle
under mock_organizations(), as a context manager and as a decorator.

Run from the repository root:
    python3 -m unittest discover -s tests/python -p 'test_python_package.py'
"""

import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import unittest

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

from aws_messages import (ACCESS_DENIED, ALREADY_IN_STATE, DUPLICATE, INVALID_PATTERN, INVALID_TRANSITION,
                          NOT_FOUND, UNRECOGNIZED)

# The stranger's script. It records what it sees as [label, value] pairs (printed as JSON on the last line);
# the test below says what each must be.
SCRIPT = r'''
import datetime, http.server, json, threading, unittest
import boto3, botocore.exceptions
from botocore.config import Config
import handshake_playground
from handshake_playground import Engine, SimulatorError, current_engine, mock_organizations

seen = []
def record(label, value):
    seen.append([label, value])

def error_of(call, **params):
    try:
        call(**params)
    except botocore.exceptions.ClientError as e:
        return [type(e).__name__, e.response["Error"]["Code"], e.response["Error"]["Message"],
                e.response.get("Reason"), e.response["ResponseMetadata"]["HTTPStatusCode"]]
    return "no error"

def org(key, **kwargs):
    return boto3.client("organizations", region_name="us-east-1", aws_access_key_id=key,
                        aws_secret_access_key="x", config=Config(retries={"max_attempts": 1}), **kwargs)

# A local server that records what reaches the network.
network = []
class Recorder(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        network.append(self.headers.get("X-Amz-Target") or self.headers.get("Host"))
        self.send_response(418)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
threading.Thread(target=server.serve_forever, daemon=True).start()
local = f"http://127.0.0.1:{server.server_port}"

record("package file", handshake_playground.__file__)
record("library", handshake_playground.library_path())

with mock_organizations() as world:
    bill = org("111111111111")
    susan = org("222222222222")
    juan = world.client("333333333333")

    h = bill.invite_account_to_organization(Target={"Type": "EMAIL", "Id": "susan@example.com"}, Notes="Welcome")["Handshake"]
    record("invite", [h["State"], h["Action"], h["RequestedTimestamp"].isoformat(),
                      (h["ExpirationTimestamp"] - h["RequestedTimestamp"]).days])
    record("invite again", error_of(bill.invite_account_to_organization, Target={"Type": "EMAIL", "Id": "susan@example.com"}))
    record("sender accepts", error_of(bill.accept_handshake, HandshakeId=h["Id"]))
    record("recipient cancels", error_of(susan.cancel_handshake, HandshakeId=h["Id"]))
    record("accept", susan.accept_handshake(HandshakeId=h["Id"])["Handshake"]["State"])
    record("accept again", error_of(susan.accept_handshake, HandshakeId=h["Id"]))
    record("cancel accepted", error_of(bill.cancel_handshake, HandshakeId=h["Id"]))
    record("susan's organization", susan.describe_organization()["Organization"]["Id"])

    d = bill.invite_account_to_organization(Target={"Type": "ACCOUNT", "Id": "333333333333"})["Handshake"]
    record("decline", juan.decline_handshake(HandshakeId=d["Id"])["Handshake"]["State"])
    record("accept declined", error_of(juan.accept_handshake, HandshakeId=d["Id"]))

    c = bill.invite_account_to_organization(Target={"Type": "ACCOUNT", "Id": "333333333333"})["Handshake"]
    record("cancel", bill.cancel_handshake(HandshakeId=c["Id"])["Handshake"]["State"])
    record("accept canceled", error_of(juan.accept_handshake, HandshakeId=c["Id"]))

    e = bill.invite_account_to_organization(Target={"Type": "ACCOUNT", "Id": "333333333333"})["Handshake"]
    world.advance_time(datetime.timedelta(days=15, seconds=1))
    record("after 15 days", juan.describe_handshake(HandshakeId=e["Id"])["Handshake"]["State"])

    record("unknown handshake", error_of(bill.describe_handshake, HandshakeId="h-00000000"))
    record("bad handshake id", error_of(bill.describe_handshake, HandshakeId="bad"))
    record("not an account key", error_of(org("AKIAIOSFODNN7EXAMPLE").list_handshakes_for_account))
    record("with an endpoint_url",
           org("111111111111", endpoint_url=local).describe_handshake(HandshakeId=h["Id"])["Handshake"]["State"])

    carol = world.create_account("Carol", "carol@example.com")
    record("create_account", [carol["Name"], len(carol["Id"])])
    try:
        world.create_account("Bill again", "bill@example.com")
        record("duplicate account", "no error")
    except SimulatorError as err:
        record("duplicate account", [err.code, err.message, err.status])
    record("wire", list(world.handle("111111111111", "AWSOrganizationsV20161128.DescribeHandshake", b'{"HandshakeId": "h-\x00"}')))

    # Other services go to the network as always.
    try:
        boto3.client("sts", region_name="us-east-1", endpoint_url=local, aws_access_key_id="111111111111",
                     aws_secret_access_key="x", config=Config(retries={"max_attempts": 1})).get_caller_identity()
    except Exception:
        pass

record("active after with", current_engine() is None)
try:
    org("111111111111", endpoint_url=local).list_handshakes_for_account()
except Exception:
    pass
record("network", network)

@mock_organizations()
def invite_juan():
    bill = org("111111111111")
    state = bill.invite_account_to_organization(Target={"Type": "ACCOUNT", "Id": "333333333333"})["Handshake"]["State"]
    return [state, len(current_engine().describe_world()["Handshakes"])]

record("decorated", [invite_juan(), invite_juan()])

@mock_organizations(scenario=None)
class EmptyWorld(unittest.TestCase):
    def setUp(self):
        # Active in setUp already, and empty in each test: both tests create the same account.
        self.world = current_engine()
        self.world.create_account("Ana", "ana@example.com", id="555555555555")
        self.ana = org("555555555555")
    def test_ana_alone(self):
        self.assertEqual([a["Id"] for a in self.world.describe_world()["Accounts"]], ["555555555555"])
        self.assertEqual(error_of(self.ana.describe_organization)[1], "AWSOrganizationsNotInUseException")
    def test_ana_creates_an_organization(self):
        self.assertEqual(self.ana.create_organization(FeatureSet="ALL")["Organization"]["MasterAccountId"], "555555555555")

result = unittest.TextTestRunner(stream=open("/dev/null", "w")).run(unittest.defaultTestLoader.loadTestsFromTestCase(EmptyWorld))
record("decorated class", [result.testsRun, [str(e[1])[-300:] for e in result.errors + result.failures]])
record("active after class", current_engine() is None)
print(json.dumps(seen))
'''


class PythonPackageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        build = subprocess.run([os.path.join(REPO_ROOT, "scripts", "package-python")], cwd=REPO_ROOT,
                               capture_output=True, text=True, timeout=1800, stdin=subprocess.DEVNULL)
        if build.returncode != 0:
            raise AssertionError(f"scripts/package-python failed:\n{build.stderr[-4000:]}")
        cls.wheel = build.stdout.strip().splitlines()[-1]
        cls._tmp = tempfile.TemporaryDirectory()
        cls.venv = os.path.join(cls._tmp.name, "venv")
        # boto3 comes from the default Python's site packages (no downloads); the wheel is the only install.
        # Without pip in the venv, the default Python's pip (importable there) installs into it.
        subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", cls.venv],
                       check=True, timeout=120)
        cls.python = os.path.join(cls.venv, "bin", "python")
        install = subprocess.run([cls.python, "-m", "pip", "install", "--no-index", "--no-deps",
                                  "--disable-pip-version-check", "--no-cache-dir", cls.wheel],
                                 capture_output=True, text=True, timeout=300, cwd=cls._tmp.name)
        if install.returncode != 0:
            raise AssertionError(f"pip install {cls.wheel} failed:\n{install.stdout}\n{install.stderr}")
        cls.seen = cls.run_script(SCRIPT)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    @classmethod
    def run_script(cls, source):
        """Runs source with the venv's Python in the temp dir, with no AWS settings or engine override."""
        work = os.path.join(cls._tmp.name, "work")
        os.makedirs(work, exist_ok=True)
        for name in ("config", "credentials"):
            open(os.path.join(work, name), "w").close()
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("AWS_") and k not in ("PYTHONPATH", "HANDSHAKE_PLAYGROUND_LIBRARY")}
        env.update(AWS_CONFIG_FILE=os.path.join(work, "config"), AWS_SHARED_CREDENTIALS_FILE=os.path.join(work, "credentials"),
                   AWS_EC2_METADATA_DISABLED="true", NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")
        script = os.path.join(work, "stranger.py")
        with open(script, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(source))
        run = subprocess.run([cls.python, script], cwd=work, env=env, capture_output=True, text=True, timeout=300,
                             stdin=subprocess.DEVNULL)
        if run.returncode != 0:
            raise AssertionError(f"the script failed ({run.returncode}):\n{run.stdout}\n{run.stderr[-4000:]}")
        return dict(json.loads(run.stdout.strip().splitlines()[-1]))

    def test_readme_three_lines_work_as_written(self):
        with open(os.path.join(REPO_ROOT, "README.md"), encoding="utf-8") as f:
            blocks = [b for b in re.findall(r"```python\n(.*?)```", f.read(), re.S)
                      if b.startswith("from handshake_playground import")]
        self.assertEqual(len(blocks), 1, "expected one README python block starting with the package's import")
        self.assertEqual(len(blocks[0].strip().splitlines()), 3, blocks[0])
        # What the block did, seen in the world as the mock closes it: Bill's organization invited Susan.
        spy = textwrap.dedent("""\
            import atexit, json, handshake_playground.engine as engine_module
            worlds = []
            close = engine_module.Engine.close
            def close_and_record(self):
                if self._handle:
                    worlds.append(self.describe_world()["Handshakes"])
                close(self)
            engine_module.Engine.close = close_and_record
            atexit.register(lambda: print(json.dumps([["handshakes", [
                [h["State"], h["Action"], sorted(p["Id"] for p in h["Parties"])] for w in worlds for h in w]]])))
            """)
        seen = self.run_script(spy + blocks[0])
        self.assertEqual(seen["handshakes"], [["OPEN", "INVITE", ["exampleorgid", "susan@example.com"]]])

    def test_wheel_is_tagged_for_this_platform_and_carries_the_engine(self):
        self.assertRegex(os.path.basename(self.wheel), r"^handshake_playground-\d+\.\d+\.\d+-py3-none-linux_\w+\.whl$")
        site = os.path.join(self.venv, "lib")
        self.assertTrue(self.seen["package file"].startswith(site), self.seen["package file"])
        self.assertEqual(self.seen["library"],
                         os.path.join(os.path.dirname(self.seen["package file"]), "libhs_capi.so"))

    def test_invite_accept_with_exact_errors(self):
        s = self.seen
        self.assertEqual(s["invite"], ["OPEN", "INVITE", "2026-09-13T03:44:06.110000+00:00", 15])
        self.assertEqual(s["invite again"], ["DuplicateHandshakeException", "DuplicateHandshakeException", DUPLICATE, None, 400])
        self.assertEqual(s["sender accepts"], ["AccessDeniedException", "AccessDeniedException", ACCESS_DENIED, None, 400])
        self.assertEqual(s["recipient cancels"], ["AccessDeniedException", "AccessDeniedException", ACCESS_DENIED, None, 400])
        self.assertEqual(s["accept"], "ACCEPTED")
        self.assertEqual(s["accept again"], ["HandshakeAlreadyInStateException", "HandshakeAlreadyInStateException",
                                             ALREADY_IN_STATE, None, 400])
        self.assertEqual(s["cancel accepted"], ["InvalidHandshakeTransitionException", "InvalidHandshakeTransitionException",
                                                INVALID_TRANSITION, None, 400])
        self.assertEqual(s["susan's organization"], "o-exampleorgid")

    def test_decline_cancel_expire(self):
        s = self.seen
        self.assertEqual(s["decline"], "DECLINED")
        self.assertEqual(s["accept declined"], ["InvalidHandshakeTransitionException", "InvalidHandshakeTransitionException",
                                                INVALID_TRANSITION, None, 400])
        self.assertEqual(s["cancel"], "CANCELED")
        self.assertEqual(s["accept canceled"], ["InvalidHandshakeTransitionException", "InvalidHandshakeTransitionException",
                                                INVALID_TRANSITION, None, 400])
        self.assertEqual(s["after 15 days"], "EXPIRED")

    def test_request_errors(self):
        s = self.seen
        self.assertEqual(s["unknown handshake"], ["HandshakeNotFoundException", "HandshakeNotFoundException", NOT_FOUND, None, 400])
        self.assertEqual(s["bad handshake id"], ["InvalidInputException", "InvalidInputException", INVALID_PATTERN,
                                                 "INVALID_PATTERN:HANDSHAKE_ID", 400])
        self.assertEqual(s["not an account key"], ["ClientError", "UnrecognizedClientException", UNRECOGNIZED, None, 400])
        self.assertEqual(s["wire"], [400, '{"Message":"The request body is not valid JSON.","__type":"SerializationException"}'])

    def test_simulator_controls(self):
        self.assertEqual(self.seen["create_account"], ["Carol", 12])
        self.assertEqual(self.seen["duplicate account"],
                         ["DuplicateAccountException", "An account with that Email already exists.", 400])

    def test_only_organizations_and_only_while_active(self):
        # Inside the mock, an organizations client with an endpoint_url is still answered by the engine; the
        # sts request and the organizations request made after the mock ended reach the network.
        self.assertEqual(self.seen["with an endpoint_url"], "ACCEPTED")
        self.assertTrue(self.seen["active after with"])
        network = self.seen["network"]
        self.assertEqual(len(network), 2, network)
        self.assertRegex(network[0], r"^127\.0\.0\.1:\d+$")  # sts (query protocol: no X-Amz-Target)
        self.assertEqual(network[1], "AWSOrganizationsV20161128.ListHandshakesForAccount")

    def test_decorator_gives_each_call_a_fresh_world(self):
        # The second call would be a DuplicateHandshakeException in a shared world.
        self.assertEqual(self.seen["decorated"], [["OPEN", 1], ["OPEN", 1]])
        self.assertEqual(self.seen["decorated class"], [2, []])
        self.assertTrue(self.seen["active after class"])


if __name__ == "__main__":
    unittest.main()
