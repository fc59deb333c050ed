"""Engine: one simulated AWS Organizations world, in this process, through libhs_capi.so and ctypes.

    engine = Engine()
    engine.load_scenario("docs")
    status, body = engine.handle("111111111111", "AWSOrganizationsV20161128.DescribeOrganization", "{}")

handle() is the engine's only entry point (docs/wire-api.md): AWS JSON 1.1 bodies in and out, `Simulator.*`
targets for the world itself. The Simulator controls are also methods here (create_account, advance_time,
reset, load_scenario, describe_world, ...); a control the engine refuses raises SimulatorError.

The library is found at $HANDSHAKE_PLAYGROUND_LIBRARY when that is set, else next to this file (the wheel
carries it there).
"""

import ctypes
import datetime
import json
import os
import threading
from typing import Any, Dict, List, NamedTuple, Optional, Union

LIBRARY_ENV = "HANDSHAKE_PLAYGROUND_LIBRARY"
LIBRARY_NAME = "libhs_capi.so"
ABI_VERSION = 1  # HS_CAPI_ABI_VERSION in capi/handshake_capi.h
TARGET_PREFIX = "AWSOrganizationsV20161128."

_HERE = os.path.dirname(os.path.abspath(__file__))
_library = None
_CHARS = ctypes.POINTER(ctypes.c_char)  # the response body: slicing it copies into bytes in one C call
_library_lock = threading.Lock()


class EngineLibraryError(RuntimeError):
    """libhs_capi.so cannot be found or loaded, or is not the version this package speaks."""


class SimulatorError(Exception):
    """A Simulator control (or an AWS target called through Engine.call) answered an error.

    code is the body's __type (e.g. "DuplicateAccountException"), message its Message, reason its Reason
    (None when absent), status the HTTP status, body the parsed body.
    """

    def __init__(self, target: str, status: int, body: Dict[str, Any]):
        self.target = target
        self.status = status
        self.body = body
        self.code = body.get("__type")
        self.message = body.get("Message", body.get("message"))
        self.reason = body.get("Reason")
        super().__init__(f"{target} answered {status} {self.code}: {self.message}")


class Response(NamedTuple):
    status: int
    body: str


def library_path() -> str:
    """Where the shared library is loaded from."""
    return os.environ.get(LIBRARY_ENV) or os.path.join(_HERE, LIBRARY_NAME)


def _load_library():
    global _library
    with _library_lock:
        if _library is not None:
            return _library
        path = library_path()
        if not os.path.isfile(path):
            raise EngineLibraryError(f"the engine library is missing: {path} (set {LIBRARY_ENV} to its path, or "
                                     "install the wheel built by scripts/package-python)")
        try:
            lib = ctypes.CDLL(path)
        except OSError as exc:
            raise EngineLibraryError(f"cannot load the engine library {path}: {exc}") from exc
        lib.hs_capi_abi_version.argtypes = []
        lib.hs_capi_abi_version.restype = ctypes.c_int
        if lib.hs_capi_abi_version() != ABI_VERSION:
            raise EngineLibraryError(f"{path} speaks C ABI version {lib.hs_capi_abi_version()}, "
                                     f"this package version {ABI_VERSION}")
        lib.hs_engine_create.argtypes = [ctypes.c_uint64]
        lib.hs_engine_create.restype = ctypes.c_void_p
        lib.hs_engine_destroy.argtypes = [ctypes.c_void_p]
        lib.hs_engine_destroy.restype = None
        lib.hs_engine_handle.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p, ctypes.c_size_t,
            ctypes.c_char_p, ctypes.c_size_t,
            ctypes.c_char_p, ctypes.c_size_t,
            # char** and size_t*, passed as addresses: a third cheaper per call than byref() (measured)
            ctypes.c_void_p, ctypes.c_void_p,
        ]
        lib.hs_engine_handle.restype = ctypes.c_int
        lib.hs_free.argtypes = [_CHARS]
        lib.hs_free.restype = None
        _library = lib
        return lib


def _as_bytes(value: Union[str, bytes, bytearray, None]) -> bytes:
    if value is None:
        return b""
    if isinstance(value, str):
        return value.encode("utf-8")
    return bytes(value)


def _epoch_seconds(value: Union[int, float, datetime.datetime]) -> float:
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError("a naive datetime has no time zone; give one with tzinfo (e.g. timezone.utc)")
        return value.timestamp()
    return value


def _drop_none(request: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in request.items() if v is not None}


def _scenarios() -> List[Dict[str, Any]]:
    path = os.path.join(_HERE, "scenarios.json")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        raise EngineLibraryError(f"{path} is missing (scripts/package-python writes it from web/scenarios.mjs)") \
            from None


class Engine:
    """One engine, one world. Safe to share between threads (calls are serialised)."""

    def __init__(self, seed: int = 0):
        self._lib = _load_library()
        self._lock = threading.Lock()
        self._out_body = _CHARS()
        self._out_len = ctypes.c_size_t()
        self._out_body_ref = ctypes.addressof(self._out_body)  # valid while self holds the objects
        self._out_len_ref = ctypes.addressof(self._out_len)
        self._handle = self._lib.hs_engine_create(seed)
        if not self._handle:
            raise MemoryError("hs_engine_create failed")

    # -- the entry point --------------------------------------------------------------------------

    def handle_bytes(self, caller: bytes, target: bytes, body: bytes):
        """handle() on bytes: (status, response body as bytes)."""
        with self._lock:
            if not self._handle:
                raise ValueError("the engine is closed")
            status = self._lib.hs_engine_handle(self._handle, caller, len(caller), target, len(target), body,
                                                len(body), self._out_body_ref, self._out_len_ref)
            if status < 0:
                raise MemoryError(f"hs_engine_handle failed ({status})")
            try:
                data = self._out_body[:self._out_len.value]
            finally:
                self._lib.hs_free(self._out_body)
        return status, data

    def handle(self, caller: str, target: str, body: Union[str, bytes] = "{}") -> Response:
        """hs::Engine::handle: (status, body) for one request, exactly as the wire answers it."""
        status, data = self.handle_bytes(_as_bytes(caller), _as_bytes(target), _as_bytes(body))
        return Response(status, data.decode("utf-8", "replace"))

    def call(self, caller: str, target: str, request: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        """handle() with JSON in and out; an operation name without a prefix is an AWS Organizations operation.
        Raises SimulatorError unless the status is 200."""
        if "." not in target:
            target = TARGET_PREFIX + target
        status, body = self.handle(caller, target, json.dumps(request or {}))
        answer = json.loads(body) if body else {}
        if status != 200:
            raise SimulatorError(target, status, answer)
        return answer

    def simulator(self, control: str, request: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        """One Simulator.<control> call; raises SimulatorError when the engine refuses it."""
        return self.call("", "Simulator." + control, request)

    # -- Simulator controls (docs/wire-api.md) ------------------------------------------------------

    def create_account(self, name: str, email: str, id: Optional[str] = None) -> Dict[str, Any]:
        """A standalone account; returns {Id, Name, Email}."""
        return self.simulator("CreateAccount", _drop_none({"Name": name, "Email": email, "Id": id}))["Account"]

    def create_organization(self, management_account_id: str, feature_set: Optional[str] = None,
                            id: Optional[str] = None) -> Dict[str, Any]:
        """An organization managed by an existing standalone account; returns the Organization."""
        request = {"ManagementAccountId": management_account_id, "FeatureSet": feature_set, "Id": id}
        return self.simulator("CreateOrganization", _drop_none(request))["Organization"]

    def join_organization(self, account_id: str, organization_id: str,
                          joined_method: Optional[str] = None) -> Dict[str, Any]:
        """Makes a standalone account a member at once (JoinedMethod INVITED, or CREATED); returns the Account."""
        request = {"AccountId": account_id, "OrganizationId": organization_id, "JoinedMethod": joined_method}
        return self.simulator("JoinOrganization", _drop_none(request))["Account"]

    def set_time(self, timestamp: Union[int, float, datetime.datetime]) -> float:
        """Moves the clock to a time (epoch seconds or an aware datetime; never backwards); returns Now."""
        return self.simulator("SetTime", {"Timestamp": _epoch_seconds(timestamp)})["Now"]

    def advance_time(self, seconds: Union[int, float, datetime.timedelta]) -> float:
        """Moves the clock forward (seconds or a timedelta); returns Now in epoch seconds."""
        if isinstance(seconds, datetime.timedelta):
            seconds = seconds.total_seconds()
        return self.simulator("AdvanceTime", {"Seconds": seconds})["Now"]

    def now(self) -> datetime.datetime:
        """The simulated clock."""
        return datetime.datetime.fromtimestamp(self.describe_world()["Now"], datetime.timezone.utc)

    def reset(self, seed: Optional[int] = None) -> None:
        """An empty world, clock at 2026-01-01T00:00:00Z."""
        self.simulator("Reset", _drop_none({"Seed": seed}))

    def export_world(self) -> Dict[str, Any]:
        """The versioned snapshot of everything (import_world takes it back)."""
        return self.simulator("ExportWorld")["World"]

    def import_world(self, world: Dict[str, Any]) -> None:
        """Replaces the world with a snapshot; an invalid one raises SimulatorError and changes nothing."""
        self.simulator("ImportWorld", {"World": world})

    def describe_world(self) -> Dict[str, Any]:
        """{Now, Accounts, Organizations, Handshakes, ResponsibilityTransfers}, expiry and retention applied."""
        return self.simulator("DescribeWorld")

    def describe_lifecycle(self, action: Optional[str] = None) -> List[Dict[str, Any]]:
        """The transition tables the engine runs on (one action's, or all)."""
        return self.simulator("DescribeLifecycle", _drop_none({"Action": action}))["Lifecycles"]

    def describe_operations(self, operation: Optional[str] = None) -> List[Dict[str, Any]]:
        """The operations the engine simulates and their request members."""
        return self.simulator("DescribeOperations", _drop_none({"Operation": operation}))["Operations"]

    def dry_run(self, caller: str, target: str, body: Union[str, Dict[str, Any]] = "{}",
                explain: bool = False) -> Dict[str, Any]:
        """What a call would answer ({Status, Body[, Provenance]}), without changing the world."""
        if "." not in target:
            target = TARGET_PREFIX + target
        if not isinstance(body, str):
            body = json.dumps(body)
        return self.simulator("DryRun", {"Caller": caller, "Target": target, "Body": body, "Explain": explain})

    def explain_response(self, target: str, status: int, body: str) -> Dict[str, Any]:
        """The rule behind a response the engine gave: {Rule, Provenance, Source}."""
        if "." not in target:
            target = TARGET_PREFIX + target
        return self.simulator("ExplainResponse", {"Target": target, "Status": status, "Body": body})

    def set_settings(self, account_limit: Optional[int] = None, member_of_other_organization: Optional[str] = None,
                     invites_during_migration: Optional[str] = None,
                     finalizing_organization_seconds: Optional[int] = None) -> Dict[str, Any]:
        """The simulator's choices where AWS documents nothing (docs/fidelity.md); returns all Settings."""
        request = {
            "AccountLimit": account_limit,
            "MemberOfOtherOrganization": member_of_other_organization,
            "InvitesDuringMigration": invites_during_migration,
            "FinalizingOrganizationSeconds": finalizing_organization_seconds,
        }
        return self.simulator("SetSettings", _drop_none(request))["Settings"]

    # -- the page's scenarios ----------------------------------------------------------------------

    @staticmethod
    def scenarios() -> Dict[str, str]:
        """The ready-made worlds of the playground page: {id: description}."""
        return {s["id"]: s["description"] for s in _scenarios()}

    def load_scenario(self, name: str = "docs", seed: int = 0) -> Dict[str, Any]:
        """Replaces the world with one of the page's scenarios (web/scenarios.mjs), built step by step with the
        Simulator controls exactly as the page builds it; returns describe_world()."""
        chosen = {s["id"]: s for s in _scenarios()}.get(name)
        if chosen is None:
            names = ", ".join(s["id"] for s in _scenarios())
            raise ValueError(f"unknown scenario {name!r} (one of: {names})")
        for control, request in chosen["steps"]:
            if control == "Reset" and seed:
                request = dict(request, Seed=seed)
            self.simulator(control, request)
        return self.describe_world()

    # -- boto3 ---------------------------------------------------------------------------------------

    def client(self, account_id: str, region_name: str = "us-east-1", **kwargs):
        """A boto3 organizations client that calls as account_id and is answered by this engine (with or
        without mock_organizations())."""
        from .mock import client_for  # botocore is imported only here

        return client_for(self, account_id, region_name=region_name, **kwargs)

    # -- lifetime --------------------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            handle, self._handle = self._handle, None
        if handle:
            self._lib.hs_engine_destroy(handle)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown: the library may be gone
            pass
