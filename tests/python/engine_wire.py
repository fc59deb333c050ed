"""Helpers for the Python client tests: a long-lived scripts/wire host and a botocore bridge into it.

WireHost runs `scripts/wire` (JSON lines: {"caller", "target", "body"} in, {"status", "body"} out).
attach_engine(client, wire) makes a boto3/botocore client answer every request from that host
through a `before-send` hook instead of the network.

Who is calling: botocore signs the request (SigV4) before `before-send`, so the hook reads the access
key id from the Authorization header (Credential=<AccessKeyId>/...). An access key id of exactly 12
digits is the caller's account id; anything else gets the answer AWS gives an unknown key:
HTTP 400 UnrecognizedClientException (the engine is not called).
"""

import json
import os
import queue
import re
import subprocess
import tempfile
import threading
import uuid

from botocore.awsrequest import AWSResponse

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WIRE = os.path.join(REPO_ROOT, "scripts", "wire")

ACCOUNT_ID = re.compile(r"^\d{12}$")
CREDENTIAL = re.compile(r"(?:^|[\s,])Credential=([^/\s,]+)/")
JSON_CONTENT_TYPE = "application/x-amz-json-1.1"

# The first call may wait for scripts/wire to build itself.
FIRST_CALL_TIMEOUT = 900
CALL_TIMEOUT = 60


class WireError(RuntimeError):
    pass


class WireHost:
    """One scripts/wire process; call() sends a request line and waits for its response line."""

    def __init__(self, command=None):
        self._stderr = tempfile.TemporaryFile()
        self._proc = subprocess.Popen(
            command or [WIRE],
            cwd=REPO_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
        )
        self._lines = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._calls = 0
        self._lock = threading.Lock()

    def _read(self):
        for line in self._proc.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def _stderr_tail(self):
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace")[-4000:]

    def call(self, caller, target, body):
        """Returns (status, body string) for one request; body may be a dict (sent as JSON) or a string."""
        if not isinstance(body, str):
            body = json.dumps(body)
        line = json.dumps({"caller": caller, "target": target, "body": body}) + "\n"
        with self._lock:
            try:
                self._proc.stdin.write(line.encode("utf-8"))
                self._proc.stdin.flush()
            except (BrokenPipeError, OSError) as exc:
                raise WireError(f"scripts/wire is gone ({exc}); stderr:\n{self._stderr_tail()}") from exc
            timeout = FIRST_CALL_TIMEOUT if self._calls == 0 else CALL_TIMEOUT
            try:
                out = self._lines.get(timeout=timeout)
            except queue.Empty:
                raise WireError(f"scripts/wire gave no answer to {target} within {timeout}s; "
                                f"stderr:\n{self._stderr_tail()}") from None
            if out is None:
                raise WireError(f"scripts/wire exited ({self._proc.wait()}); stderr:\n{self._stderr_tail()}")
            self._calls += 1
        try:
            reply = json.loads(out)
            return reply["status"], reply["body"]
        except (ValueError, KeyError, TypeError) as exc:
            raise WireError(f"scripts/wire answered {out!r}") from exc

    def call_json(self, caller, target, body):
        """call() with the response body parsed; raises WireError unless the status is 200."""
        status, text = self.call(caller, target, body)
        if status != 200:
            raise WireError(f"{target} {body} -> {status} {text}")
        return json.loads(text)

    def close(self):
        if self._proc.poll() is None:
            try:
                self._proc.stdin.close()
            except OSError:
                pass
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc.stdout.close()
        self._stderr.close()


class _RawBody:
    """The `raw` AWSResponse reads its content from (botocore only calls stream())."""

    def __init__(self, data):
        self._data = data

    def stream(self, **kwargs):
        yield self._data

    def read(self, *args, **kwargs):
        data, self._data = self._data, b""
        return data


def account_from_request(request):
    """The caller's account id from a signed AWSPreparedRequest, or None (the 12-digit rule)."""
    auth = request.headers.get("Authorization")
    if isinstance(auth, bytes):
        auth = auth.decode("ascii", "replace")
    match = CREDENTIAL.search(auth or "")
    key = match.group(1) if match else None
    return key if key and ACCOUNT_ID.match(key) else None


def _response(request, status, body):
    data = body.encode("utf-8")
    headers = {
        "Content-Type": JSON_CONTENT_TYPE,
        "Content-Length": str(len(data)),
        "x-amzn-RequestId": str(uuid.uuid4()),
    }
    return AWSResponse(request.url, status, headers, _RawBody(data))


def attach_engine(client, wire):
    """Route every request of a botocore/boto3 client into `wire` (a WireHost)."""

    def before_send(request, **kwargs):
        target = request.headers.get("X-Amz-Target")
        if isinstance(target, bytes):
            target = target.decode("utf-8")
        body = request.body
        if body is None:
            body = ""
        elif isinstance(body, (bytes, bytearray)):
            body = bytes(body).decode("utf-8")
        elif not isinstance(body, str):
            body = body.read().decode("utf-8")
        caller = account_from_request(request)
        if caller is None:
            return _response(request, 400, json.dumps({
                "__type": "UnrecognizedClientException",
                "Message": "The security token included in the request is invalid.",
            }))
        status, text = wire.call(caller, target or "", body)
        return _response(request, status, text)

    client.meta.events.register("before-send", before_send)
    return client
