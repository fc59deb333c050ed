#!/usr/bin/env python3
"""Writes the seed corpus of hs_wire_fuzz (tests/fuzz/wire_fuzz.cpp).

    python3 tests/fuzz/make_corpus.py OUT_DIR [--world-file FILE]       seeds of hs_wire_fuzz
    python3 tests/fuzz/make_corpus.py --seq OUT_DIR                      seeds of hs_seq_fuzz
    python3 tests/fuzz/make_corpus.py --checked-in                       rewrite tests/fuzz/corpus/{wire,seq}

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

hs_seq_fuzz seeds (tests/fuzz/seq_fuzz.cpp: 4-byte records caller, operation, ref, mutation) are the same
scenarios and captures translated call by call (a body the structured encoding cannot express becomes a
"raw" record), plus every operation by every caller, every mutation, and short lifecycles (accept,
decline, cancel, expiry and retention, the migration, transfers, DryRun pairs, snapshot round trips).
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


# --- hs_seq_fuzz ------------------------------------------------------------------------------
SEQ_SOURCE = open(os.path.join(HERE, "seq_fuzz.cpp"), encoding="utf-8").read()
SEQ_CALLERS = read_table(SEQ_SOURCE, "CALLERS")
SEQ_OPS = read_table(SEQ_SOURCE, "OPS")
SEQ_ACCOUNTS = ["111111111111", "222222222222", "333333333333", "555555555555", "666666666666",
                "444444444444", "888888888888", "999999999999"]
SEQ_EMAILS = ["bill@example.com", "susan@example.com", "ana@example.com", "juan@example.com",
              "carol@example.com", "ben@example.com", "spare@example.com", "SUSAN@Example.COM"]
SEQ_ACTIONS = ["INVITE", "ENABLE_ALL_FEATURES", "APPROVE_ALL_FEATURES", "ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE",
               "TRANSFER_RESPONSIBILITY", "invite"]
SEQ_JUMPS = [1, 3600, 86400, 4 * 86400, 15 * 86400 + 1, 31 * 86400, 91 * 86400, 0.001]
MUT_RAW = 11
# wire-world callers the seq world lacks
SEQ_CALLER_MAP = {}


def rec(caller, op, ref=0, mut=0, raw=None):
    caller = SEQ_CALLER_MAP.get(caller, caller)
    out = bytes([SEQ_CALLERS.index(caller), SEQ_OPS.index(op), ref & 255, mut & 255])
    if raw is not None:
        data = raw.encode() if isinstance(raw, str) else raw
        out += bytes([min(255, len(data))]) + data[:255]
    return out


def hnum(v):
    m = re.fullmatch(r"\$h(\d)", v) if isinstance(v, str) else None
    return int(m.group(1)) if m else None


def party_ref(t):
    if not isinstance(t, dict):
        return None
    kind, ident = t.get("Type"), t.get("Id")
    if kind == "ACCOUNT" and ident in SEQ_ACCOUNTS:
        return SEQ_ACCOUNTS.index(ident) << 2
    if kind == "EMAIL" and ident in SEQ_EMAILS:
        return (SEQ_EMAILS.index(ident) << 2) | 1
    if kind == "ORGANIZATION":
        return 3 | ((1 if ident == "o-secondorgid1" else 0) << 2)
    return None


def seq_ref(op, body):
    """The ref byte that makes hs_seq_fuzz build `body` for `op`, or None when it cannot."""
    allowed = {"HandshakeId", "Target", "Notes", "Tags", "Filter", "MaxResults", "NextToken", "FeatureSet",
               "AccountId", "Type", "Id", "StartTimestamp", "SourceName", "Name", "EndTimestamp", "Seconds",
               "AccountLimit", "MemberOfOtherOrganization", "InvitesDuringMigration", "Email"}
    if not isinstance(body, dict) or not set(body) <= allowed:
        return None
    r = 0
    if op in ("AcceptHandshake", "DeclineHandshake", "CancelHandshake", "DescribeHandshake"):
        return hnum(body.get("HandshakeId"))
    if op == "InviteAccountToOrganization":
        r = party_ref(body.get("Target"))
        if r is None:
            return None
        return r | (0x40 if "Notes" in body else 0) | (0x80 if "Tags" in body else 0)
    if op == "InviteOrganizationToTransferResponsibility":
        r = party_ref(body.get("Target"))
        return None if r is None else r & 0x1f
    if op in ("ListHandshakesForAccount", "ListHandshakesForOrganization", "ListAccounts",
              "ListInboundResponsibilityTransfers", "ListOutboundResponsibilityTransfers"):
        f = body.get("Filter")
        if isinstance(f, dict) and f.get("ActionType") in SEQ_ACTIONS:
            r |= 1 | (SEQ_ACTIONS.index(f["ActionType"]) << 2)
        elif isinstance(f, dict) and hnum(f.get("ParentHandshakeId")) is not None:
            r |= 2 | (hnum(f["ParentHandshakeId"]) << 2)
        r &= 0x0f
        r |= {None: 0, 1: 0x10, 2: 0x20, 20: 0x30}.get(body.get("MaxResults"), 0x30)
        if "NextToken" in body:
            r |= 0x40
        return r
    if op in ("RemoveAccountFromOrganization", "DescribeAccount"):
        a = body.get("AccountId")
        return SEQ_ACCOUNTS.index(a) if a in SEQ_ACCOUNTS else None
    if op == "CreateOrganization":
        return {None: 0, "ALL": 1, "CONSOLIDATED_BILLING": 2}.get(body.get("FeatureSet"), 3)
    if op == "Simulator.AdvanceTime":
        secs = body.get("Seconds", 0)
        if not isinstance(secs, (int, float)):
            return None
        return min(range(len(SEQ_JUMPS)), key=lambda i: abs(SEQ_JUMPS[i] - secs))
    if op == "Simulator.SetSettings":
        if "AccountLimit" in body:
            return 0 if body["AccountLimit"] >= 1000 else 8
        if "MemberOfOtherOrganization" in body:
            return 1 if body["MemberOfOtherOrganization"] == "MOVE" else 2
        if "InvitesDuringMigration" in body:
            return 3 if body["InvitesDuringMigration"] == "ALLOW" else 4
        return 5
    return 0


def to_seq(wire):
    """Translates a hs_wire_fuzz input into hs_seq_fuzz records (calls it cannot express are dropped)."""
    out = b""
    for line in wire.split(b"\n"):
        if len(line) < 2:
            continue
        caller = CALLERS[line[0] % len(CALLERS)]
        target = TARGETS[line[1] % len(TARGETS)]
        text = line[2:]
        if target.startswith(AWS):
            op = target[len(AWS):]
        elif target in ("Simulator.ExportWorld", "Simulator.ImportWorld"):
            op = "RoundTrip"
        else:
            op = target
        if op not in SEQ_OPS:
            continue
        try:
            body = json.loads(text.decode()) if text.strip() else {}
        except (ValueError, UnicodeDecodeError):
            body = None
        ref = seq_ref(op, body)
        if ref is None:
            out += rec(caller, op, 0, MUT_RAW, text)
        else:
            out += rec(caller, op, ref)
    return out


def seq_seeds():
    for label, data in list(scenarios()) + list(capture_seeds()):
        translated = to_seq(data)
        if translated:
            yield label, translated
    callers = [c for c in SEQ_CALLERS]
    for op in SEQ_OPS:
        yield "op-%s" % op, b"".join(rec(c, op, i * 37) for i, c in enumerate(callers))
    for kind in range(16):
        raw = '{"HandshakeId":"h-0"}' if kind == MUT_RAW else None
        yield "mutation-%d" % kind, b"".join(
            rec(BILL, op, 0, kind | (p << 4), raw) for p, op in enumerate(
                ["InviteAccountToOrganization", "CancelHandshake", "ListHandshakesForOrganization",
                 "InviteOrganizationToTransferResponsibility", "TerminateResponsibilityTransfer",
                 "RemoveAccountFromOrganization", "Simulator.SetSettings", "UpdateResponsibilityTransfer"]))
    # Handshakes of the starting world, newest first: 0 the transfer invitation to Carol, 1 Carol's
    # invitation to Juan, 2 Bill's EMAIL invitation to Juan, 3 Bill's invitation to Susan.
    yield "lifecycle-accept-decline-cancel", b"".join([
        rec(SUSAN, "AcceptHandshake", 3), rec(JUAN, "DeclineHandshake", 1), rec(BILL, "CancelHandshake", 2),
        rec(SUSAN, "DescribeHandshake", 3), rec(BILL, "ListHandshakesForOrganization", 0),
        rec(SUSAN, "LeaveOrganization"), rec(BILL, "RemoveAccountFromOrganization", 1)])
    yield "lifecycle-expiry-retention", b"".join([
        rec(SUSAN, "DeclineHandshake", 3), rec("", "Simulator.AdvanceTime", 4), rec(JUAN, "AcceptHandshake", 2),
        rec(BILL, "ListHandshakesForOrganization", 0), rec("", "Simulator.AdvanceTime", 5),
        rec(SUSAN, "DescribeHandshake", 3), rec("", "Simulator.AdvanceTime", 5), rec(BILL, "DescribeHandshake", 2),
        rec(BILL, "ListHandshakesForOrganization", 0), rec(BILL, "RoundTrip")])
    yield "lifecycle-migration", b"".join([
        rec(SUSAN, "AcceptHandshake", 3), rec(CAROL, "EnableAllFeatures"), rec(CAROL, "ListHandshakesForOrganization", 1),
        rec(CAROL, "AcceptHandshake", 0), rec(CAROL, "DescribeOrganization"), rec(BILL, "RoundTrip"),
        rec("", "Simulator.AdvanceTime", 6), rec(CAROL, "EnableAllFeatures")])
    yield "lifecycle-transfer", b"".join([
        rec(CAROL, "AcceptHandshake", 0), rec(BILL, "ListInboundResponsibilityTransfers", 0),
        rec(CAROL, "ListOutboundResponsibilityTransfers", 0), rec(BILL, "DescribeResponsibilityTransfer", 0),
        rec(BILL, "UpdateResponsibilityTransfer", 0x80), rec(BILL, "TerminateResponsibilityTransfer", 0x18),
        rec(CAROL, "InviteOrganizationToTransferResponsibility", 0), rec(BILL, "RoundTrip")])
    yield "lifecycle-transfer-decline-invite", b"".join([
        rec(CAROL, "DeclineHandshake", 0), rec(CAROL, "InviteOrganizationToTransferResponsibility", 0),
        rec(BILL, "AcceptHandshake", 0), rec(BILL, "CancelHandshake", 0), rec("", "Simulator.AdvanceTime", 5),
        rec(BILL, "InviteOrganizationToTransferResponsibility", 4 << 2), rec(BILL, "ListInboundResponsibilityTransfers", 0)])
    yield "lifecycle-dryrun", b"".join([
        rec(SUSAN, "AcceptHandshake", 3, 0x80), rec(BILL, "InviteAccountToOrganization", 3 << 2, 0x80),
        rec(JUAN, "DeclineHandshake", 0, 0x80), rec(CAROL, "DeleteOrganization", 0, 0x80),
        rec(BILL, "ListHandshakesForOrganization", 0x10, 0x80), rec(BILL, "ListHandshakesForOrganization", 0x50, 0x80)])
    yield "lifecycle-paging", b"".join([
        rec(BILL, "ListHandshakesForOrganization", 0x10), rec(BILL, "ListHandshakesForOrganization", 0x50),
        rec(BILL, "ListHandshakesForOrganization", 0x50), rec(JUAN, "ListHandshakesForAccount", 0x10),
        rec(JUAN, "ListHandshakesForAccount", 0x50), rec(BILL, "ListAccounts", 0x10), rec(BILL, "ListAccounts", 0x50)])
    yield "lifecycle-settings-quota", b"".join([
        rec("", "Simulator.SetSettings", 8), rec(BILL, "InviteAccountToOrganization", 4 << 2),
        rec(BILL, "InviteAccountToOrganization", 6 << 2), rec("", "Simulator.CreateAccount", 3),
        rec(BILL, "InviteAccountToOrganization", 6 << 2), rec("", "Simulator.SetSettings", 1),
        rec(SUSAN, "AcceptHandshake", 4), rec(CAROL, "InviteAccountToOrganization", 1 << 2),
        rec(SUSAN, "AcceptHandshake", 0)])


def write_seeds(out_dir, seeds):
    os.makedirs(out_dir, exist_ok=True)
    for label, data in seeds:
        digest = hashlib.sha1(data).hexdigest()[:12]
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", label)[:60]
        with open(os.path.join(out_dir, "%s-%s" % (safe, digest)), "wb") as f:
            f.write(data)
    print("make_corpus: %d seeds in %s" % (len(seeds), out_dir))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", nargs="?")
    ap.add_argument("--seq", action="store_true", help="write hs_seq_fuzz seeds")
    ap.add_argument("--checked-in", action="store_true", help="rewrite tests/fuzz/corpus/wire and corpus/seq")
    ap.add_argument("--world-file", help="an ExportWorld response to seed ImportWorld with")
    ap.add_argument("--world-recipe", help="also write an input that ends with ExportWorld to this file")
    args = ap.parse_args()
    if args.checked_in:
        for sub, seeds in (("wire", list(scenarios()) + list(capture_seeds())), ("seq", list(seq_seeds()))):
            out = os.path.join(HERE, "corpus", sub)
            if os.path.isdir(out):
                for old in os.listdir(out):
                    os.remove(os.path.join(out, old))
            write_seeds(out, seeds)
        return
    if not args.out_dir:
        ap.error("OUT_DIR is required")
    if args.seq:
        write_seeds(args.out_dir, list(seq_seeds()))
        return
    if args.world_recipe:
        with open(args.world_recipe, "wb") as f:
            f.write(world_recipe())
    seeds = list(scenarios()) + list(capture_seeds())
    if args.world_file:
        seeds += list(world_seeds(args.world_file))
    write_seeds(args.out_dir, seeds)

if __name__ == "__main__":
    main()
