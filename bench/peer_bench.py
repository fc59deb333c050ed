#!/usr/bin/env python3
"""The peer comparison: boto3 DescribeOrganization against moto (in-process) and against this engine.

    python3 bench/peer_bench.py [CALLS]

moto implements no handshake operation, so the common call is DescribeOrganization. The rows:
  moto       boto3 -> moto's mock_aws (in-process; moto must be importable)
  engine     boto3 -> before-send hook -> scripts/wire (build/native/hs_wire, a JSON-lines child process)
  wire only  the same JSON line round trip to scripts/wire without boto3 (what the hook adds to the engine)
  in-process boto3 -> mock_organizations() (packages/python) -> hs::Engine in this process through
             build/native/libhs_capi.so and ctypes; and Engine.handle alone (the ctypes call, no boto3)
Output: one JSON object per line like the other benches; "value" is CPU time per call in microseconds
(this process plus, for the engine rows, the hs_wire child), "wall" the wall-clock figure.
A peer that cannot run prints {"suite": "peer", "name": ..., "unavailable": "<why>"}.
"""
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "python"))

CALLS = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
ROUNDS = 3


def emit(name, cpu_us, wall_us, **extra):
    print(json.dumps({"suite": "peer", "name": name, "value": round(cpu_us, 3), "unit": "us",
                      "wall": round(wall_us, 3), **extra}), flush=True)


def unavailable(name, why):
    print(json.dumps({"suite": "peer", "name": name, "unavailable": why}), flush=True)


def process_cpu(pid):
    """CPU seconds (user + system) of a live process, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(fn, n):
    """(cpu us, wall us) per call, median of ROUNDS rounds; cpu is this process only."""
    cpus, walls = [], []
    for _ in range(ROUNDS):
        c0, w0 = time.process_time(), time.perf_counter()
        for _ in range(n):
            fn()
        cpus.append((time.process_time() - c0) * 1e6 / n)
        walls.append((time.perf_counter() - w0) * 1e6 / n)
    cpus.sort()
    walls.sort()
    return cpus[len(cpus) // 2], walls[len(walls) // 2]


def bench_moto():
    try:
        import boto3
        from moto import mock_aws
        import moto
    except Exception as exc:  # noqa: BLE001 - any import problem means: not available
        unavailable("boto3 -> moto DescribeOrganization", f"moto cannot be imported ({exc.__class__.__name__}: {exc}); "
                    "PyPI is not reachable from this machine, so `pip install moto` cannot fix it here")
        return
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        client = boto3.client("organizations", region_name="us-east-1")
        client.create_organization(FeatureSet="ALL")
        client.describe_organization()
        cpu, wall = timed(client.describe_organization, CALLS)
    emit("boto3 -> moto DescribeOrganization", cpu, wall, moto=moto.__version__, boto3=boto3.__version__)


def bench_engine():
    try:
        import boto3
        from engine_wire import WireHost, attach_engine
    except Exception as exc:  # noqa: BLE001
        unavailable("boto3 -> engine DescribeOrganization", f"{exc.__class__.__name__}: {exc}")
        return
    wire = WireHost()
    try:
        wire.call_json("", "Simulator.CreateAccount", {"Id": "111111111111", "Name": "Bill", "Email": "bill@example.com"})
        wire.call_json("", "Simulator.CreateOrganization", {"ManagementAccountId": "111111111111", "Id": "o-exampleorgid"})
        client = boto3.client("organizations", region_name="us-east-1", aws_access_key_id="111111111111",
                              aws_secret_access_key="not-checked")
        attach_engine(client, wire)
        client.describe_organization()
        target = "AWSOrganizationsV20161128.DescribeOrganization"
        pid = wire._proc.pid  # scripts/wire execs hs_wire: same process
        child0 = process_cpu(pid)
        cpu_boto, wall_boto = timed(client.describe_organization, CALLS)
        child1 = process_cpu(pid)
        cpu_wire, wall_wire = timed(lambda: wire.call("111111111111", target, "{}"), CALLS)
        child2 = process_cpu(pid)
    finally:
        wire.close()
    per_call = lambda seconds: seconds * 1e6 / (ROUNDS * CALLS)  # noqa: E731
    emit("boto3 -> engine DescribeOrganization", cpu_boto + per_call(child1 - child0), wall_boto,
         python_us=round(cpu_boto, 3), hs_wire_us=round(per_call(child1 - child0), 3), boto3=boto3.__version__)
    emit("scripts/wire line DescribeOrganization (no boto3)", cpu_wire + per_call(child2 - child1), wall_wire,
         python_us=round(cpu_wire, 3), hs_wire_us=round(per_call(child2 - child1), 3))


def bench_inprocess():
    """boto3 -> mock_organizations() -> the engine in this process; and Engine.handle alone. Also the
    DescribeHandshake call through Engine.handle and through the scripts/wire line, to price the ctypes
    crossing against the pipe (results.jsonl only)."""
    os.environ.setdefault("HANDSHAKE_PLAYGROUND_LIBRARY", os.path.join(ROOT, "build", "native", "libhs_capi.so"))
    sys.path.insert(0, os.path.join(ROOT, "packages", "python"))
    name = "boto3 -> engine in-process (mock_organizations) DescribeOrganization"
    try:
        import boto3
        from handshake_playground import Engine, mock_organizations
        from engine_wire import WireHost
    except Exception as exc:  # noqa: BLE001
        unavailable(name, f"{exc.__class__.__name__}: {exc}")
        return
    with mock_organizations(scenario=None) as world:
        world.create_account("Bill", "bill@example.com", id="111111111111")
        world.create_organization("111111111111", id="o-exampleorgid")
        client = boto3.client("organizations", region_name="us-east-1", aws_access_key_id="111111111111",
                              aws_secret_access_key="not-checked")
        client.describe_organization()
        cpu, wall = timed(client.describe_organization, CALLS)
        emit(name, cpu, wall, boto3=boto3.__version__)
    target = "AWSOrganizationsV20161128.DescribeOrganization"
    with Engine() as engine:
        engine.create_account("Bill", "bill@example.com", id="111111111111")
        engine.create_organization("111111111111", id="o-exampleorgid")
        engine.create_account("Susan", "susan@example.com", id="222222222222")
        handshake = engine.call("111111111111", "InviteAccountToOrganization",
                                {"Target": {"Type": "ACCOUNT", "Id": "222222222222"}})["Handshake"]["Id"]
        describe = json.dumps({"HandshakeId": handshake})
        assert engine.handle("111111111111", target, "{}").status == 200
        cpu, wall = timed(lambda: engine.handle("111111111111", target, "{}"), CALLS * 5)
        emit("Engine.handle DescribeOrganization (ctypes, no boto3)", cpu, wall)
        dh = "AWSOrganizationsV20161128.DescribeHandshake"
        assert engine.handle("222222222222", dh, describe).status == 200
        cpu, wall = timed(lambda: engine.handle("222222222222", dh, describe), CALLS * 5)
        emit("Engine.handle DescribeHandshake (ctypes, no boto3)", cpu, wall)
        snapshot = engine.export_world()
    wire = WireHost()
    try:
        wire.call_json("", "Simulator.ImportWorld", {"World": snapshot})
        assert wire.call("222222222222", dh, describe)[0] == 200
        pid = wire._proc.pid
        child0 = process_cpu(pid)
        cpu, wall = timed(lambda: wire.call("222222222222", dh, describe), CALLS)
        child = (process_cpu(pid) - child0) * 1e6 / (ROUNDS * CALLS)
    finally:
        wire.close()
    emit("scripts/wire line DescribeHandshake (no boto3)", cpu + child, wall, python_us=round(cpu, 3),
         hs_wire_us=round(child, 3))


if __name__ == "__main__":
    bench_moto()
    bench_engine()
    bench_inprocess()
