"""The AWS CLI (and boto3 with endpoint_url) against scripts/endpoint, a local AWS JSON 1.1 endpoint.

Run from the repository root:
    python3 -m unittest discover -s tests/python -p 'test_*.py'
"""

import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import unittest
import urllib.error
import urllib.request

import boto3
from botocore.config import Config

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ENDPOINT = os.path.join(REPO_ROOT, "scripts", "endpoint")

MANAGEMENT = "111111111111"
SUSAN = "222222222222"
NOW = 1789271046.11
FIFTEEN_DAYS = 15 * 24 * 3600
JSON_11 = "application/x-amz-json-1.1"
TARGET = "AWSOrganizationsV20161128."

# The first start may build the engine (scripts/build).
START_TIMEOUT = 900
AWS_CLI_ERROR_EXIT = (254, 255)  # 255: AWS CLI v1 for a service error; 254: v2


def _clean_env(tmp):
    """The environment for clients: no AWS settings from the machine, empty config and credentials files."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    config = os.path.join(tmp, "config")
    credentials = os.path.join(tmp, "credentials")
    for path in (config, credentials):
        open(path, "w").close()
    env.update({
        "AWS_CONFIG_FILE": config,
        "AWS_SHARED_CREDENTIALS_FILE": credentials,
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_SECRET_ACCESS_KEY": "x",
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_PAGER": "",
        "AWS_MAX_ATTEMPTS": "1",
    })
    return env


class EndpointProcess:
    """scripts/endpoint --port 0, started and waited for until it prints its URL."""

    def __init__(self):
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([ENDPOINT, "--port", "0"], cwd=REPO_ROOT, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        lines = queue.Queue()
        threading.Thread(target=lambda: lines.put(self.proc.stdout.readline()), daemon=True).start()
        try:
            first = lines.get(timeout=START_TIMEOUT)
        except queue.Empty:
            self.proc.kill()
            raise RuntimeError(f"scripts/endpoint printed no URL within {START_TIMEOUT}s: {self.stderr_text()}")
        if not first:
            raise RuntimeError(f"scripts/endpoint exited ({self.proc.wait()}): {self.stderr_text()}")
        self.url = first.strip()
        host, port = self.url.removeprefix("http://").split(":")
        self.host, self.port = host, int(port)

    def stderr_text(self):
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")[-4000:]

    def stop(self, sig=signal.SIGTERM, timeout=15):
        """Sends sig and returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise
        finally:
            self.proc.stdout.close()
            self.stderr.close()


def post(url, target, body, access_key_id=None, extra_headers=None):
    """One raw HTTP POST; returns (status, headers, parsed JSON body)."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": JSON_11, "X-Amz-Target": target}
    if access_key_id is not None:
        headers["Authorization"] = (f"AWS4-HMAC-SHA256 Credential={access_key_id}/20260913/us-east-1/organizations/"
                                    "aws4_request, SignedHeaders=content-type;host;x-amz-target, Signature=00")
    headers.update(extra_headers or {})
    request = urllib.request.Request(url + "/", data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, json.loads(error.read())


def port_is_free(port):
    """Nothing listens on 127.0.0.1:port. SO_REUSEADDR: connections the server closed may still sit in
    TIME_WAIT on that port (they would make a plain bind fail), but Linux never lets a bind share a port
    with a listening socket."""
    if listening_addresses(port):
        return False
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def listening_addresses(port):
    """Local addresses (hex, as in /proc/net/tcp*) of sockets listening on port."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    address, hex_port = fields[1].split(":")
                    if int(hex_port, 16) == port and fields[3] == "0A":
                        found.append(address)
        except FileNotFoundError:
            pass
    return found


@unittest.skipUnless(shutil.which("aws"), "the AWS CLI (aws) is not on PATH")
class AwsCliEndpointTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory()
        cls.env = _clean_env(cls._tmp.name)
        cls.server = EndpointProcess()
        cls.url = cls.server.url

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls._tmp.cleanup()

    def setUp(self):
        self.simulator("Reset", {"Seed": 1})
        self.simulator("CreateAccount", {"Id": MANAGEMENT, "Name": "Bill", "Email": "bill@example.com"})
        self.simulator("CreateOrganization", {"ManagementAccountId": MANAGEMENT, "Id": "o-exampleorgid"})
        self.simulator("CreateAccount", {"Id": SUSAN, "Name": "Susan", "Email": "susan@example.com"})
        self.simulator("SetTime", {"Timestamp": NOW})

    def simulator(self, control, body):
        status, headers, out = post(self.url, f"Simulator.{control}", body)
        self.assertEqual(status, 200, f"Simulator.{control} {body} -> {status} {out}")
        return out

    def aws(self, account, *args):
        env = dict(self.env, AWS_ACCESS_KEY_ID=account)
        return subprocess.run(["aws", "--endpoint-url", self.url, "--output", "json", "organizations", *args],
                              env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)

    def aws_json(self, account, *args):
        result = self.aws(account, *args)
        self.assertEqual(result.returncode, 0, f"aws {' '.join(args)}: {result.stderr}")
        return json.loads(result.stdout)

    def aws_error(self, account, exception, message, *args):
        result = self.aws(account, *args)
        self.assertIn(result.returncode, AWS_CLI_ERROR_EXIT, f"aws {' '.join(args)}: {result.stdout} {result.stderr}")
        self.assertIn(f"An error occurred ({exception})", result.stderr)
        self.assertIn(message, result.stderr)
        self.assertEqual(result.stdout, "")
        return result

    def test_url_is_loopback(self):
        self.assertEqual(self.server.host, "127.0.0.1")
        self.assertEqual(listening_addresses(self.server.port), ["0100007F"])

    def test_invite_describe_decline_list(self):
        invited = self.aws_json(MANAGEMENT, "invite-account-to-organization",
                                "--target", "Type=EMAIL,Id=susan@example.com", "--notes", "Welcome aboard")["Handshake"]
        hid = invited["Id"]
        self.assertRegex(hid, r"^h-[0-9a-z]{8,32}$")
        self.assertEqual(invited["Arn"], f"arn:aws:organizations::{MANAGEMENT}:handshake/o-exampleorgid/invite/{hid}")
        self.assertEqual(invited["State"], "OPEN")
        self.assertEqual(invited["Action"], "INVITE")
        self.assertEqual(sorted((p["Type"], p["Id"]) for p in invited["Parties"]),
                         [("EMAIL", "susan@example.com"), ("ORGANIZATION", "exampleorgid")])
        # AWS CLI v1 prints the wire's epoch seconds as they are.
        self.assertEqual(invited["RequestedTimestamp"], NOW)
        self.assertAlmostEqual(invited["ExpirationTimestamp"] - invited["RequestedTimestamp"], FIFTEEN_DAYS, places=3)
        self.assertIn({"Type": "NOTES", "Value": "Welcome aboard"}, invited["Resources"])

        described = self.aws_json(SUSAN, "describe-handshake", "--handshake-id", hid)["Handshake"]
        self.assertEqual(described["Id"], hid)
        self.assertEqual(described["State"], "OPEN")

        declined = self.aws_json(SUSAN, "decline-handshake", "--handshake-id", hid)["Handshake"]
        self.assertEqual(declined["Id"], hid)
        self.assertEqual(declined["State"], "DECLINED")

        listed = self.aws_json(SUSAN, "list-handshakes-for-account")["Handshakes"]
        self.assertEqual([(h["Id"], h["State"]) for h in listed], [(hid, "DECLINED")])
        sent = self.aws_json(MANAGEMENT, "list-handshakes-for-organization")["Handshakes"]
        self.assertEqual([(h["Id"], h["State"]) for h in sent], [(hid, "DECLINED")])

        self.aws_error(SUSAN, "HandshakeAlreadyInStateException", "The handshake is already in the requested state.",
                       "decline-handshake", "--handshake-id", hid)

    def test_errors(self):
        self.aws_error(MANAGEMENT, "HandshakeNotFoundException", "You specified a handshake that doesn't exist.",
                       "describe-handshake", "--handshake-id", "h-00000000")
        self.aws_error(MANAGEMENT, "InvalidInputException",
                       "You provided a value that does not match the required pattern.",
                       "describe-handshake", "--handshake-id", "bad")
        hid = self.aws_json(MANAGEMENT, "invite-account-to-organization",
                            "--target", "Type=EMAIL,Id=susan@example.com")["Handshake"]["Id"]
        self.aws_error(MANAGEMENT, "AccessDeniedException", "You don't have permissions to access this resource.",
                       "accept-handshake", "--handshake-id", hid)
        self.aws_error(MANAGEMENT, "DuplicateHandshakeException",
                       "A handshake with the specified type and parameters already exists for the given parties.",
                       "invite-account-to-organization", "--target", "Type=EMAIL,Id=susan@example.com")
        self.aws_error("AKIAIOSFODNN7EXAMPLE", "UnrecognizedClientException",
                       "The security token included in the request is invalid.", "list-handshakes-for-account")

    def test_operations_around_handshakes(self):
        """Roots, tags and CreateAccount through the real AWS CLI; unsimulated operations say so."""
        roots = self.aws_json(MANAGEMENT, "list-roots")["Roots"]
        self.assertEqual(len(roots), 1)
        root = roots[0]
        self.assertRegex(root["Id"], r"^r-[0-9a-z]{4,32}$")
        self.assertEqual(root["Name"], "Root")
        self.assertEqual(root["Arn"], f"arn:aws:organizations::{MANAGEMENT}:root/o-exampleorgid/{root['Id']}")
        under_root = self.aws_json(MANAGEMENT, "list-accounts-for-parent", "--parent-id", root["Id"])["Accounts"]
        self.assertEqual([a["Id"] for a in under_root], [MANAGEMENT])
        parents = self.aws_json(MANAGEMENT, "list-parents", "--child-id", MANAGEMENT)["Parents"]
        self.assertEqual(parents, [{"Id": root["Id"], "Type": "ROOT"}])

        # Operations with no output: the CLI prints nothing and exits 0.
        tagged = self.aws(MANAGEMENT, "tag-resource", "--resource-id", MANAGEMENT, "--tags", "Key=team,Value=platform")
        self.assertEqual((tagged.returncode, tagged.stdout), (0, ""), tagged.stderr)
        tags = self.aws_json(MANAGEMENT, "list-tags-for-resource", "--resource-id", MANAGEMENT)["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "platform"}])
        self.aws_error(MANAGEMENT, "InvalidInputException", "You specified a tag key that is a system tag.", "tag-resource", "--resource-id", MANAGEMENT,
                       "--tags", "Key=aws:team,Value=x")
        untagged = self.aws(MANAGEMENT, "untag-resource", "--resource-id", MANAGEMENT, "--tag-keys", "team")
        self.assertEqual((untagged.returncode, untagged.stdout), (0, ""), untagged.stderr)
        self.assertEqual(self.aws_json(MANAGEMENT, "list-tags-for-resource", "--resource-id", MANAGEMENT)["Tags"], [])

        # CreateAccount: IN_PROGRESS, then SUCCEEDED on the simulated clock; the new account joins under the root.
        status = self.aws_json(MANAGEMENT, "create-account", "--email", "ops@example.com",
                               "--account-name", "Ops")["CreateAccountStatus"]
        self.assertEqual(status["State"], "IN_PROGRESS")
        self.assertEqual(status["AccountName"], "Ops")
        self.simulator("AdvanceTime", {"Seconds": 60})
        done = self.aws_json(MANAGEMENT, "describe-create-account-status",
                             "--create-account-request-id", status["Id"])["CreateAccountStatus"]
        self.assertEqual(done["State"], "SUCCEEDED")
        self.assertRegex(done["AccountId"], r"^\d{12}$")
        listed = self.aws_json(MANAGEMENT, "list-create-account-status", "--states", "SUCCEEDED")["CreateAccountStatuses"]
        self.assertEqual([s["Id"] for s in listed], [status["Id"]])
        under_root = self.aws_json(MANAGEMENT, "list-accounts-for-parent", "--parent-id", root["Id"])["Accounts"]
        self.assertEqual(sorted(a["Id"] for a in under_root), sorted([MANAGEMENT, done["AccountId"]]))

        self.aws_error(MANAGEMENT, "OperationNotSimulatedException",
                       "The operation 'ListPolicies' exists in AWS Organizations but is outside this simulation.",
                       "list-policies", "--filter", "SERVICE_CONTROL_POLICY")

    def test_boto3_with_endpoint_url(self):
        def client(account):
            return boto3.session.Session().client(
                "organizations", region_name="us-east-1", endpoint_url=self.url,
                aws_access_key_id=account, aws_secret_access_key="x",
                config=Config(retries={"max_attempts": 1}))

        bill, susan = client(MANAGEMENT), client(SUSAN)
        hs = bill.invite_account_to_organization(Target={"Type": "EMAIL", "Id": "susan@example.com"})["Handshake"]
        self.assertEqual(hs["State"], "OPEN")
        with self.assertRaises(bill.exceptions.AccessDeniedException):
            bill.accept_handshake(HandshakeId=hs["Id"])
        with self.assertRaises(bill.exceptions.InvalidInputException) as ctx:
            bill.describe_handshake(HandshakeId="bad")
        self.assertEqual(ctx.exception.response["Reason"], "INVALID_PATTERN:HANDSHAKE_ID")
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        accepted = susan.accept_handshake(HandshakeId=hs["Id"])
        self.assertEqual(accepted["Handshake"]["State"], "ACCEPTED")
        self.assertRegex(accepted["ResponseMetadata"]["RequestId"], r"^[0-9a-f-]{36}$")

    def test_http_details(self):
        status, headers, body = post(self.url, TARGET + "ListHandshakesForAccount", {}, access_key_id=SUSAN)
        self.assertEqual(status, 200)
        self.assertEqual(body, {"Handshakes": []})
        self.assertEqual(headers["Content-Type"], JSON_11)
        self.assertRegex(headers["x-amzn-RequestId"], r"^[0-9a-f-]{36}$")

        status, headers, body = post(self.url, TARGET + "ListHandshakesForAccount", {})
        self.assertEqual((status, body["__type"]), (400, "MissingAuthenticationTokenException"))
        self.assertEqual(headers["Content-Type"], JSON_11)

        status, _, body = post(self.url, TARGET + "ListHandshakesForAccount", {}, access_key_id="ASIA0000000000000000")
        self.assertEqual((status, body["__type"]), (400, "UnrecognizedClientException"))
        status, _, body = post(self.url, TARGET + "ListHandshakesForAccount", {}, access_key_id="11111111111")
        self.assertEqual((status, body["__type"]), (400, "UnrecognizedClientException"))

        # The body goes to the engine as it is: a non-object is the engine's SerializationException.
        status, _, body = post(self.url, TARGET + "ListHandshakesForAccount", b"[]", access_key_id=SUSAN)
        self.assertEqual((status, body["__type"]), (400, "SerializationException"))
        status, _, body = post(self.url, TARGET + "NoSuchOperation", {}, access_key_id=SUSAN)
        self.assertEqual((status, body["__type"]), (400, "UnknownOperationException"))

        request = urllib.request.Request(self.url + "/", method="GET")
        with self.assertRaises(urllib.error.HTTPError) as ctx:
            urllib.request.urlopen(request, timeout=30)
        self.assertEqual(ctx.exception.code, 405)
        ctx.exception.close()


class EndpointStopTest(unittest.TestCase):
    def _start_and_stop(self, sig):
        server = EndpointProcess()
        status, _, _ = post(server.url, "Simulator.Reset", {})
        self.assertEqual(status, 200)
        code = server.stop(sig)
        self.assertEqual(code, 0)
        self.assertTrue(port_is_free(server.port), f"port {server.port} still taken after {sig.name}")
        with self.assertRaises(OSError):
            post(server.url, "Simulator.Reset", {})

    def test_sigterm(self):
        self._start_and_stop(signal.SIGTERM)

    def test_sigint(self):
        self._start_and_stop(signal.SIGINT)


if __name__ == "__main__":
    unittest.main()
