"""AWS Organizations handshakes, simulated in-process: the Handshake Playground engine for boto3 tests.

    from handshake_playground import mock_organizations
    with mock_organizations() as world:
        world.client("111111111111").invite_account_to_organization(Target={"Type": "EMAIL", "Id": "susan@example.com"})

Engine is one simulated world (handle(caller, target, body) and the Simulator controls as methods);
mock_organizations() answers every boto3 organizations client from a fresh Engine while it is active.
"""

__version__ = "0.1.0"

from .engine import Engine, EngineLibraryError, Response, SimulatorError, library_path
from .mock import current_engine, mock_organizations

__all__ = [
    "Engine",
    "EngineLibraryError",
    "Response",
    "SimulatorError",
    "current_engine",
    "library_path",
    "mock_organizations",
]
