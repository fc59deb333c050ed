#!/usr/bin/env python3
"""The peer comparison: boto3 DescribeOrganization against moto (in-process) and against this engine.

    python3 bench/peer_bench.py [CALLS]

moto implements no handshake operation, so the common call is DescribeOrganization. Three rows:
  moto       boto3 -> moto's mock_aws (in-process; moto must be importable)
  engine     boto3 -> before-send hook -> scripts/wire (build/native/hs_wire, a JSON-lines child process)
  wire only  the same JSON line round trip to scripts/wire without boto3 (what the hook adds to the engine)
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


if __name__ == "__main__":
    bench_moto()
    bench_engine()
