#!/usr/bin/env python3
"""Writes the seed corpus of hs_wire_fuzz (tests/fuzz/wire_fuzz.cpp).

    python3 tests/fuzz/make_corpus.py OUT_DIR [--world-file FILE]

Seeds, one file each, in the target's input format (one call per line: caller byte, target byte, body):
  - every observation of the conformance captures (tests/data/*.json) as a single call, and each
    capture file as one whole sequence, with the capture's accounts mapped onto the fuzz world and
    captured handshake ids replaced by the $hN placeholders;
  - hand-written scenarios that reach deep states (accept/decline/cancel, the all-features migration,
    paging with NextToken, expiry and retention, leave/remove/delete, DryRun, settings, export/import);
  - with --world-file (an ExportWorld response body), an ImportWorld of that literal world followed by
    calls on it, so that the snapshot reader is fuzzed from a valid document.

The caller and target tables are read from wire_fuzz.cpp (between its BEGIN/END markers), so the
seeds always pick what they mean.
"""
import argparse
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
AWS = "AWSOrganizationsV20161128."


def read_table(source, name):
    m = re.search(r"// BEGIN %s\n(.*?)// END %s" % (name, name), source, re.S)
    if not m:
        sys.exit("make_corpus: no %s table in wire_fuzz.cpp" % name)
    return re.findall(r'^\s*"([^"]*)",', m.group(1), re.M)


SOURCE = open(os.path.join(HERE, "wire_fuzz.cpp"), encoding="utf-8").read()
CALLERS = read_table(SOURCE, "CALLERS")
TARGETS = read_table(SOURCE, "TARGETS")

BILL, SUSAN, ANA, BEN, JUAN, CAROL, DAN, NOBODY = (
    "111111111111", "222222222222", "333333333333", "444444444444",
    "555555555555", "666666666666", "777777777777", "999999999999")


def pick(index, count):
    """A printable byte b (never '\\n') with b % count == index."""
    for b in range(0x21, 0x7F):
        if b % count == index:
            return b
    raise ValueError("table too large for printable picks")


def call(caller, target, body=""):
    if not isinstance(body, str):
        body = json.dumps(body, separators=(",", ":"))
    if "\n" in body:
        raise ValueError("a body must not contain a newline")
    t = target if target.startswith(("Simulator.", AWS)) else AWS + target
    return bytes([pick(CALLERS.index(caller), len(CALLERS)), pick(TARGETS.index(t), len(TARGETS))]) + body.encode()


def seq(*calls):
    return b"\n".join(calls)


def H(n=0):
    return "$h%d" % n


def scenarios():
    hid = lambda n=0: {"HandshakeId": H(n)}
    acct = lambda i: {"Target": {"Type": "ACCOUNT", "Id": i}}
    email = lambda e: {"Target": {"Type": "EMAIL", "Id": e}}
    yield "invite-email-accept", seq(
        call(BILL, "InviteAccountToOrganization", {**email("susan@example.com"), "Notes": "Welcome"}),
        call(SUSAN, "ListHandshakesForAccount", {}),
        call(SUSAN, "AcceptHandshake", hid()),
        call(BILL, "ListHandshakesForOrganization", {}),
        call(SUSAN, "DescribeOrganization", {}),
        call(SUSAN, "LeaveOrganization", {}))
    yield "invite-account-decline-reinvite-cancel", seq(
        call(BILL, "InviteAccountToOrganization", acct(JUAN)),
        call(JUAN, "DeclineHandshake", hid()),
        call(JUAN, "DeclineHandshake", hid()),
        call(BILL, "InviteAccountToOrganization", acct(JUAN)),
        call(BILL, "InviteAccountToOrganization", acct(JUAN)),
        call(BILL, "CancelHandshake", hid()),
        call(JUAN, "AcceptHandshake", hid()),
        call(BILL, "DescribeHandshake", hid(1)))
    yield "already-member-quirk", seq(
        call(BILL, "InviteAccountToOrganization", email("ana@example.com")),
        call(ANA, "AcceptHandshake", hid()),
        call(ANA, "AcceptHandshake", hid()),
        call(BILL, "CancelHandshake", hid()))
    yield "member-of-other-org-moves", seq(
        call(CAROL, "InviteAccountToOrganization", email("ana@example.com")),
        call(ANA, "AcceptHandshake", hid()),
        call(BILL, "ListAccounts", {}),
        call(CAROL, "ListAccounts", {"MaxResults": 1}),
        call(CAROL, "ListAccounts", {"MaxResults": 1, "NextToken": "$t"}))
    yield "all-features-migration", seq(
        call(CAROL, "InviteAccountToOrganization", acct(SUSAN)),
        call(CAROL, "EnableAllFeatures", {}),
        call(DAN, "ListHandshakesForAccount", {"Filter": {"ActionType": "APPROVE_ALL_FEATURES"}}),
        call(DAN, "AcceptHandshake", hid()),
        call(CAROL, "ListHandshakesForOrganization", {"Filter": {"ActionType": "ENABLE_ALL_FEATURES"}}),
        call(CAROL, "AcceptHandshake", hid()),
        call(CAROL, "DescribeOrganization", {}),
        call(CAROL, "EnableAllFeatures", {}))
    yield "all-features-cancel-cascade", seq(
        call(CAROL, "EnableAllFeatures", {}),
        call(CAROL, "InviteAccountToOrganization", acct(JUAN)),
        call(CAROL, "ListHandshakesForOrganization", {"Filter": {"ParentHandshakeId": H(1)}}),
        call(CAROL, "CancelHandshake", hid(1)),
        call(JUAN, "AcceptHandshake", hid()),
        call(DAN, "DeclineHandshake", hid(2)))
    yield "all-features-member-leaves", seq(
        call(CAROL, "EnableAllFeatures", {}),
        call(DAN, "LeaveOrganization", {}),
        call(CAROL, "AcceptHandshake", hid(1)),
        call(CAROL, "RemoveAccountFromOrganization", {"AccountId": DAN}),
        call(CAROL, "DeleteOrganization", {}),
        call(CAROL, "ListHandshakesForAccount", {}))
    yield "paging", seq(
        call(BILL, "InviteAccountToOrganization", acct(SUSAN)),
        call(BILL, "InviteAccountToOrganization", acct(JUAN)),
        call(BILL, "InviteAccountToOrganization", email("new@example.org")),
        call(BILL, "ListHandshakesForOrganization", {"MaxResults": 1}),
        call(BILL, "ListHandshakesForOrganization", {"MaxResults": 1, "NextToken": "$t"}),
        call(BILL, "ListHandshakesForOrganization", {"MaxResults": 1, "NextToken": "$t"}),
        call(SUSAN, "ListHandshakesForOrganization", {"NextToken": "$t"}),
        call(BILL, "ListHandshakesForOrganization", {"MaxResults": 21}),
        call(BILL, "ListHandshakesForOrganization", {"NextToken": "bad"}))
    yield "expiry-retention", seq(
        call(BILL, "InviteAccountToOrganization", acct(SUSAN)),
        call("", "Simulator.AdvanceTime", {"Seconds": 1382400}),
        call(SUSAN, "AcceptHandshake", hid()),
        call(BILL, "InviteAccountToOrganization", acct(SUSAN)),
        call("", "Simulator.AdvanceTime", {"Seconds": 2678400}),
        call(BILL, "DescribeHandshake", hid(1)),
        call(SUSAN, "ListHandshakesForAccount", {}),
        call("", "Simulator.SetTime", {"Timestamp": 1}))
    yield "daily-limit", seq(*(
        [call("", "Simulator.SetSettings", {"AccountLimit": 1000})] +
        [call(BILL, "InviteAccountToOrganization", email("x%d@example.org" % i)) for i in range(22)]))
    yield "account-limit", seq(
        call("", "Simulator.SetSettings", {"AccountLimit": 3, "MemberOfOtherOrganization": "REJECT",
                                           "InvitesDuringMigration": "REJECT"}),
        call(BILL, "InviteAccountToOrganization", acct(SUSAN)),
        call(BILL, "InviteAccountToOrganization", acct(JUAN)),
        call(CAROL, "InviteAccountToOrganization", email("ana@example.com")),
        call(ANA, "AcceptHandshake", hid()),
        call(CAROL, "EnableAllFeatures", {}),
        call(CAROL, "InviteAccountToOrganization", acct(JUAN)))
    yield "organizations", seq(
        call(SUSAN, "CreateOrganization", {"FeatureSet": "CONSOLIDATED_BILLING"}),
        call(SUSAN, "InviteAccountToOrganization", acct(JUAN)),
        call(JUAN, "AcceptHandshake", hid()),
        call(SUSAN, "DescribeAccount", {"AccountId": JUAN}),
        call(SUSAN, "RemoveAccountFromOrganization", {"AccountId": JUAN}),
        call(SUSAN, "DeleteOrganization", {}),
        call(BEN, "LeaveOrganization", {}),
        call(BILL, "RemoveAccountFromOrganization", {"AccountId": BILL}))
    yield "simulator-controls", seq(
        call("", "Simulator.CreateAccount", {"Name": "Eve", "Email": "eve@example.org"}),
        call("", "Simulator.CreateAccount", {"Name": "Eve", "Email": "EVE@example.org", "Id": NOBODY}),
        call("", "Simulator.CreateOrganization", {"ManagementAccountId": NOBODY, "FeatureSet": "CONSOLIDATED_BILLING"}),
        call("", "Simulator.JoinOrganization", {"AccountId": SUSAN, "OrganizationId": "o-exampleorgid",
                                                "JoinedMethod": "CREATED"}),
        call("", "Simulator.DescribeLifecycle", {"Action": "ENABLE_ALL_FEATURES"}),
        call("", "Simulator.DescribeWorld", {}),
        call("", "Simulator.DryRun", {"Caller": BILL, "Target": AWS + "InviteAccountToOrganization",
                                      "Body": json.dumps(acct(JUAN))}),
        call("", "Simulator.Reset", {"Seed": 5}))
    yield "export-import", seq(
        call(BILL, "InviteAccountToOrganization", acct(SUSAN)),
        call("", "Simulator.ExportWorld", {}),
        call(SUSAN, "AcceptHandshake", hid()),
        call("", "Simulator.ImportWorld", "{\"World\":$w}"),
        call(SUSAN, "DeclineHandshake", hid()),
        call("", "Simulator.ImportWorld", {"World": {"Version": 1}}))
    yield "bad-bodies", seq(
        call(BILL, "DescribeHandshake", ""),
        call(BILL, "DescribeHandshake", "[]"),
        call(BILL, "DescribeHandshake", '{"HandshakeId":5}'),
        call(BILL, "DescribeHandshake", '{"HandshakeId":"h-00000000"}'),
        call(BILL, "ListHandshakesForAccount", '{"MaxResults":1e3}'),
        call(BILL, "ListHandshakesForAccount", '{"Filter":{"ActionType":"INVITE","ParentHandshakeId":"h-00000000"}}'),
        call(BILL, "InviteAccountToOrganization", '{"Target":{"Type":"ACCOUNT","Id":"222222222222"},"Tags":[null]}'),
        call(BILL, "InviteAccountToOrganization",
             '{"Target":{"Type":"ACCOUNT","Id":"222222222222"},"Tags":[{"Key":"a","Value":"b"},{"Key":"a","Value":"c"}]}'),
        call(BILL, "InviteAccountToOrganization", '{"Target":{"Type":"EMAIL","Id":"\\u00e9@x.io"},"Notes":"\\ud83d\\ude00"}'),
        call(NOBODY, "DescribeOrganization", "{}"),
        call(BILL, "Simulator.", "{}"))


def capture_seeds():
    """Single calls and whole sequences from tests/data/*.json, mapped onto the fuzz world."""
    data_dir = os.path.join(ROOT, "tests", "data")
    mapping = [("222222222222", ANA), ("member@example.test", "ana@example.com"),
               ("management@example.test", "bill@example.com")]
    for name in sorted(os.listdir(data_dir)):
        if not name.endswith(".json"):
            continue
        capture = json.load(open(os.path.join(data_dir, name), encoding="utf-8"))
        created = []  # captured handshake ids in creation order
        calls = []
        for obs in capture.get("observations", []):
            text = json.dumps(obs.get("input", {}), separators=(",", ":"))
            for a, b in mapping:
                text = text.replace(a, b)
            for cid in set(re.findall(r"h-[0-9a-z]{8,32}", text)):
                if cid in created:
                    text = text.replace(cid, H(min(9, len(created) - 1 - created.index(cid))))
            caller = obs.get("caller") or (ANA if obs.get("case") == "member" else BILL)
            caller = dict(mapping).get(caller, caller)
            target = AWS + obs["action"]
            if target not in TARGETS:
                continue
            one = call(caller, target, text)
            calls.append(one)
            yield "%s-%s" % (name[:-5], obs.get("case", "call")), one
            out = obs.get("output", {})
            hid = out.get("Handshake", {}).get("Id") if isinstance(out, dict) else None
            if hid and hid not in created:
                created.append(hid)
        for i in range(0, len(calls), 48):
            yield "%s-sequence-%d" % (name[:-5], i // 48), seq(*calls[i:i + 48])


def world_seeds(world_file):
    reply = json.load(open(world_file, encoding="utf-8"))
    world = reply.get("World", reply)
    body = json.dumps({"World": world}, separators=(",", ":"))
    yield "import-literal-world", seq(
        call("", "Simulator.ImportWorld", body),
        call(SUSAN, "ListHandshakesForAccount", {}),
        call(SUSAN, "AcceptHandshake", {"HandshakeId": H(0)}),
        call(BILL, "ListHandshakesForOrganization", {"MaxResults": 1}))


def world_recipe():
    """Calls that leave the fuzz world with every kind of handshake, then export it."""
    return seq(
        call(CAROL, "InviteAccountToOrganization", {"Target": {"Type": "EMAIL", "Id": "susan@example.com"}}),
        call(CAROL, "EnableAllFeatures", {}),
        call(BILL, "InviteAccountToOrganization", {"Target": {"Type": "ACCOUNT", "Id": JUAN}, "Notes": "Hi",
                                                   "Tags": [{"Key": "team", "Value": "blue"}]}),
        call(BILL, "InviteAccountToOrganization", {"Target": {"Type": "EMAIL", "Id": "new@example.org"}}),
        call(JUAN, "DeclineHandshake", {"HandshakeId": H(1)}),
        call("", "Simulator.ExportWorld", {}))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--world-file", help="an ExportWorld response to seed ImportWorld with")
    ap.add_argument("--world-recipe", help="also write an input that ends with ExportWorld to this file")
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    if args.world_recipe:
        with open(args.world_recipe, "wb") as f:
            f.write(world_recipe())
    seeds = list(scenarios()) + list(capture_seeds())
    if args.world_file:
        seeds += list(world_seeds(args.world_file))
    for label, data in seeds:
        digest = hashlib.sha1(data).hexdigest()[:12]
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", label)[:60]
        with open(os.path.join(args.out_dir, "%s-%s" % (safe, digest)), "wb") as f:
            f.write(data)
    print("make_corpus: %d seeds in %s" % (len(seeds), args.out_dir))


if __name__ == "__main__":
    main()
