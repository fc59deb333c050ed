"""mock_organizations(): boto3 `organizations` clients answered by an in-process Engine.

    with mock_organizations() as world:           # the page's default world: Bill, Susan, Juan
        org = boto3.client("organizations", region_name="us-east-1",
                           aws_access_key_id="111111111111", aws_secret_access_key="x")
        org.invite_account_to_organization(Target={"Type": "EMAIL", "Id": "susan@example.com"})
        world.advance_time(datetime.timedelta(days=15))

How: importing this package adds one handler for botocore's `before-send.organizations` event to the
handlers every new botocore session registers (botocore.handlers.BUILTIN_HANDLERS), and to boto3's default
session if it exists already. botocore has validated, serialised and signed the request when the event
fires; while a mock is active the handler passes X-Amz-Target and the body to the engine and returns an
AWSResponse, which botocore parses as an answer from AWS (typed exceptions, timestamps as datetime). With no
mock active it returns None and the request goes out as usual. The event names the service, so no other
service's request reaches the handler. A client made before the package was imported, from a session made
before it, is not routed.

Who is calling: the access key id the request is signed with; exactly 12 digits is that account (as
scripts/endpoint and scripts/wire, docs/clients.md). Any other key gets what AWS answers an unknown key.
"""

import functools
import inspect
import json
import re
import sys
import threading
import unittest
import uuid
from typing import Optional

from .engine import Engine

ACCOUNT_ID = re.compile(r"^\d{12}$")
CREDENTIAL = re.compile(r"(?:^|[\s,])Credential=([^/\s,]+)/")
EVENT = "before-send.organizations"
UNIQUE_ID = "handshake_playground.mock_organizations"
JSON_CONTENT_TYPE = "application/x-amz-json-1.1"
UNRECOGNIZED_CLIENT = json.dumps({
    "__type": "UnrecognizedClientException",
    "Message": "The security token included in the request is invalid.",
}).encode("utf-8")

_active = []  # the engines of the started mocks, innermost last
_active_lock = threading.Lock()


def current_engine() -> Optional[Engine]:
    """The engine of the innermost active mock_organizations(), or None."""
    with _active_lock:
        return _active[-1] if _active else None


class _RawBody:
    """What AWSResponse reads its content from (botocore calls stream())."""

    __slots__ = ("_data",)

    def __init__(self, data: bytes):
        self._data = data

    def stream(self, **kwargs):
        yield self._data

    def read(self, *args, **kwargs):
        data, self._data = self._data, b""
        return data


def caller_from_request(request) -> Optional[str]:
    """The 12-digit account id the request is signed as, or None."""
    auth = request.headers.get("Authorization")
    if isinstance(auth, bytes):
        auth = auth.decode("ascii", "replace")
    match = CREDENTIAL.search(auth or "")
    key = match.group(1) if match else None
    return key if key and ACCOUNT_ID.match(key) else None


def _body_bytes(body) -> bytes:
    if body is None:
        return b""
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("utf-8")
    return body.read()


def answer(engine: Engine, request):
    """The AWSResponse the engine gives a signed botocore AWSPreparedRequest."""
    from botocore.awsrequest import AWSResponse

    caller = caller_from_request(request)
    if caller is None:
        status, data = 400, UNRECOGNIZED_CLIENT
    else:
        target = request.headers.get("X-Amz-Target") or b""
        if isinstance(target, str):
            target = target.encode("utf-8")
        status, data = engine.handle_bytes(caller.encode("ascii"), target, _body_bytes(request.body))
    headers = {
        "Content-Type": JSON_CONTENT_TYPE,
        "Content-Length": str(len(data)),
        "x-amzn-RequestId": str(uuid.uuid4()),
    }
    return AWSResponse(request.url, status, headers, _RawBody(data))


def _route_to_active_mock(request, **kwargs):
    engine = current_engine()
    if engine is None:
        return None  # no mock: the request goes to AWS as usual
    return answer(engine, request)


def _install():
    """Registers the handler for every botocore session made from now on, and for boto3's default session."""
    from botocore import handlers

    entry = (EVENT, _route_to_active_mock)
    if entry not in handlers.BUILTIN_HANDLERS:
        handlers.BUILTIN_HANDLERS.append(entry)
    boto3 = sys.modules.get("boto3")
    default = getattr(boto3, "DEFAULT_SESSION", None) if boto3 else None
    if default is not None:
        default._session.register(EVENT, _route_to_active_mock, unique_id=UNIQUE_ID)


def client_for(engine: Engine, account_id: str, region_name: str = "us-east-1", **kwargs):
    """A boto3 organizations client calling as account_id, answered by engine whether or not a mock is active."""
    import boto3

    if not isinstance(account_id, str) or not ACCOUNT_ID.match(account_id):
        raise ValueError(f"an account id is 12 digits, not {account_id!r}")
    session = boto3.session.Session(aws_access_key_id=account_id, aws_secret_access_key="not-checked",
                                     region_name=region_name)
    client = session.client("organizations", **kwargs)
    # First: this client's engine answers even when another mock is active.
    client.meta.events.register_first(EVENT, lambda request, **_: answer(engine, request))
    return client


class mock_organizations:  # noqa: N801 - named like moto's mock_aws, used like a function
    """Routes boto3 organizations clients to a fresh in-process Engine while active.

    A context manager (`with mock_organizations() as world:`, world is the Engine), a decorator of functions
    and of classes (a unittest.TestCase gets a fresh world for each test, active from setUp to its last
    cleanup; another class, for each test* method; inside, current_engine() is the engine), or start() / stop(). scenario: one of the playground page's worlds (Engine.scenarios()), "docs" by default
    (Bill 111111111111 manages o-exampleorgid; Susan 222222222222 and Juan 333333333333 are standalone);
    None starts with an empty world. seed: the engine's id seed.
    """

    def __init__(self, scenario: Optional[str] = "docs", seed: int = 0):
        self.scenario = scenario
        self.seed = seed
        self.engine: Optional[Engine] = None

    def start(self) -> Engine:
        if self.engine is not None:
            raise RuntimeError("this mock_organizations() is already started")
        _install()
        engine = Engine(self.seed)
        try:
            if self.scenario is not None:
                engine.load_scenario(self.scenario, seed=self.seed)
        except BaseException:
            engine.close()
            raise
        self.engine = engine
        with _active_lock:
            _active.append(engine)
        return engine

    def stop(self) -> None:
        engine, self.engine = self.engine, None
        if engine is None:
            return
        with _active_lock:
            _active.remove(engine)
        engine.close()

    def __enter__(self) -> Engine:
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def __call__(self, target):
        if inspect.isclass(target) and issubclass(target, unittest.TestCase):
            # unittest.TestCase: a fresh world from setUp to the last cleanup of each test.
            set_up = target.setUp
            scenario, seed = self.scenario, self.seed

            @functools.wraps(set_up)
            def start_then_set_up(case, *args, **kwargs):
                mock = mock_organizations(scenario, seed)
                mock.start()
                case.addCleanup(mock.stop)
                return set_up(case, *args, **kwargs)

            target.setUp = start_then_set_up
            return target
        if inspect.isclass(target):
            for name, member in list(vars(target).items()):
                if name.startswith("test") and callable(member):
                    setattr(target, name, self._wrap(member))
            return target
        return self._wrap(target)

    def _wrap(self, func):
        if inspect.iscoroutinefunction(func):
            @functools.wraps(func)
            async def run_async(*args, **kwargs):
                with mock_organizations(self.scenario, self.seed):
                    return await func(*args, **kwargs)
            return run_async

        @functools.wraps(func)
        def run(*args, **kwargs):
            with mock_organizations(self.scenario, self.seed):
                return func(*args, **kwargs)
        return run


try:
    _install()
except ImportError:  # no botocore: Engine still works; mock_organizations() will say what is missing
    pass
