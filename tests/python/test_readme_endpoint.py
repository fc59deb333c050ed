"""The README's endpoint example, run exactly as written: scripts/endpoint starts with the page's default
world, so the AWS CLI call in the example answers as Bill, the management account.

Run from the repository root:
    python3 -m unittest discover -s tests/python -p 'test_*.py'
"""

import json
import os
import re
import subprocess
import tempfile
import unittest

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def readme_endpoint_example():
    """The sh block of README.md that starts scripts/endpoint, as it is written there."""
    with open(os.path.join(REPO_ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.S)
    found = [b for b in blocks if b.startswith("scripts/endpoint ")]
    if len(found) != 1:
        raise AssertionError(f"expected one README sh block starting with scripts/endpoint, found {len(found)}")
    return found[0]


class ReadmeEndpointExampleTest(unittest.TestCase):
    def test_example_works_as_written(self):
        block = readme_endpoint_example()
        self.assertIn("--port 8085 &", block)
        with tempfile.TemporaryDirectory() as tmp:
            # No AWS settings from the machine: empty config and credentials files.
            env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
            for name in ("config", "credentials"):
                open(os.path.join(tmp, name), "w").close()
            env.update(AWS_CONFIG_FILE=os.path.join(tmp, "config"),
                       AWS_SHARED_CREDENTIALS_FILE=os.path.join(tmp, "credentials"),
                       AWS_EC2_METADATA_DISABLED="true", AWS_PAGER="")
            script = block + '\nstatus=$?\nkill %1 2>/dev/null\nwait\nexit "$status"\n'
            result = subprocess.run(["bash", "-c", script], cwd=REPO_ROOT, env=env, capture_output=True,
                                    text=True, timeout=600, stdin=subprocess.DEVNULL)
        self.assertEqual(result.returncode, 0, f"stdout: {result.stdout}\nstderr: {result.stderr}")
        # The endpoint prints its URL, then the CLI its answer: Bill's organization has sent no invitation yet.
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], "http://127.0.0.1:8085")
        self.assertEqual(json.loads("\n".join(lines[1:])), {"Handshakes": []})
        # The accounts it serves are listed on stderr.
        self.assertIn('endpoint: serving the scenario "docs"', result.stderr)
        self.assertRegex(result.stderr, r"111111111111\s+Bill\s+bill@example\.com\s+management account of o-exampleorgid")
        self.assertRegex(result.stderr, r"222222222222\s+Susan\s+susan@example\.com\s+standalone")


class EndpointStartWorldTest(unittest.TestCase):
    """--scenario, --session and --empty choose the world scripts/endpoint starts with."""

    def start(self, *args):
        proc = subprocess.Popen([os.path.join(REPO_ROOT, "scripts", "endpoint"), "--port", "0", *args], cwd=REPO_ROOT,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        url = proc.stdout.readline().strip()
        self.addCleanup(lambda: (proc.terminate(), proc.wait(30), proc.stdout.close(), proc.stderr.close()))
        self.assertTrue(url.startswith("http://127.0.0.1:"), f"no URL: {url!r} {proc.stderr.read() if not url else ''}")
        return url

    def call(self, url, caller, operation, body):
        import urllib.request
        request = urllib.request.Request(url + "/", data=json.dumps(body).encode(), method="POST", headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": f"AWSOrganizationsV20161128.{operation}",
            "Authorization": f"AWS4-HMAC-SHA256 Credential={caller}/20260101/us-east-1/organizations/aws4_request, "
                             "SignedHeaders=host, Signature=x"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"{}")

    def test_scenario(self):
        url = self.start("--scenario", "consolidated")
        org = self.call(url, "111111111111", "DescribeOrganization", {})["Organization"]
        self.assertEqual(org["FeatureSet"], "CONSOLIDATED_BILLING")
        accounts = self.call(url, "111111111111", "ListAccounts", {})["Accounts"]
        self.assertEqual(sorted(a["Id"] for a in accounts), ["111111111111", "222222222222", "333333333333"])

    def test_session_file(self):
        session = {
            "format": "handshake-playground-session", "version": 1, "scenario": "docs", "seed": 0,
            "now": 1789271046.11, "worldDigest": None,
            "calls": [{"caller": "111111111111", "target": "AWSOrganizationsV20161128.InviteAccountToOrganization",
                       "body": json.dumps({"Target": {"Type": "ACCOUNT", "Id": "222222222222"}}), "status": 200}],
        }
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(session, f)
        self.addCleanup(os.unlink, f.name)
        url = self.start("--session", f.name)
        handshakes = self.call(url, "222222222222", "ListHandshakesForAccount", {})["Handshakes"]
        self.assertEqual([(h["Action"], h["State"]) for h in handshakes], [("INVITE", "OPEN")])

    def test_empty(self):
        url = self.start("--empty")
        import urllib.error
        with self.assertRaises(urllib.error.HTTPError) as caught:
            self.call(url, "111111111111", "ListHandshakesForAccount", {})
        self.assertEqual(json.loads(caught.exception.read())["__type"], "UnrecognizedClientException")

    def test_bad_choices_are_refused(self):
        for args, message in ((["--scenario", "nowhere"], "--scenario must be one of"),
                              (["--empty", "--scenario", "docs"], "at most one of"),
                              (["--session", "/nonexistent/session.json"], "cannot read the session file")):
            result = subprocess.run([os.path.join(REPO_ROOT, "scripts", "endpoint"), "--port", "0", *args], cwd=REPO_ROOT,
                                    capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
            self.assertNotEqual(result.returncode, 0, args)
            self.assertEqual(result.stdout, "", args)
            self.assertIn(message, result.stderr, args)


if __name__ == "__main__":
    unittest.main()
