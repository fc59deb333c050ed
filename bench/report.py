#!/usr/bin/env python3
"""Turns the JSON lines of the benches into the Markdown tables of docs/performance.md.

    python3 bench/report.py RESULTS.jsonl [--site build/site] [--update-docs FILE.md ...]

RESULTS.jsonl holds lines of bench/native_bench.cpp (tagged "runtime": "native"), bench/wasm_bench.mjs
("runtime": "wasm") and bench/peer_bench.py (suite "peer"), as scripts/bench writes them. Sizes are
measured here from --site. With --update-docs, the text between the markers
<!-- bench:begin --> and <!-- bench:end --> of that file is replaced by the tables.
"""
import argparse
import gzip
import json
import os
import platform
import re
import statistics
import sys
import time

TARGETS = {
    "wasm_vs_native": 3.0,        # a wire call in WASM within 3x of native
    "wasm_describe_us": 20.0,     # under 20 us per Describe in WASM
    "page_at_100k_us": 100.0,     # a list page under 100 us at 100,000 handshakes
    "module_gzip_kib": 150.0,     # the engine module under 150 KB gzip
}


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                rows.append(json.loads(line))
    return rows


def find(rows, runtime, suite, name, size=None):
    """The row of a measure; a measure run several times (scripts/bench runs the per-operation benchmarks
    five times, alternating native and WASM) gives the median of its values and of its wall times."""
    found = [r for r in rows if r.get("runtime", "peer") == runtime and r.get("suite") == suite and
             r.get("name") == name and (size is None or r.get("size") == size)]
    if len(found) <= 1:
        return found[0] if found else None
    merged = dict(found[0])
    for key in ("value", "wall"):
        values = [r[key] for r in found if isinstance(r.get(key), (int, float))]
        if values:
            merged[key] = statistics.median(values)
    merged["runs"] = len(found)
    return merged


def fmt(v, digits=3):
    if v is None:
        return "n/a"
    if isinstance(v, str):
        return v
    if v == 0:
        return "0"
    a = abs(v)
    if a >= 100:
        return f"{v:,.0f}"
    if a >= 10:
        return f"{v:.1f}"
    return f"{v:.{digits - 1}f}" if a >= 1 else f"{v:.{digits}f}"


def ratio(a, b):
    if a is None or b is None or not b:
        return None
    return a / b


def gz(path):
    with open(path, "rb") as f:
        data = f.read()
    return len(data), len(gzip.compress(data, 9))


def sizes(site):
    out = {"engine": None, "page": None, "files": []}
    if not site or not os.path.isdir(site):
        return out
    eng = [os.path.join(site, n) for n in ("handshake-engine.wasm", "handshake-engine.mjs")]
    if all(os.path.exists(p) for p in eng):
        out["files"] = [(os.path.basename(p),) + gz(p) for p in eng]
        out["engine"] = (sum(f[1] for f in out["files"]), sum(f[2] for f in out["files"]))
    page_raw = page_gz = count = 0
    for dirpath, _, names in os.walk(site):
        for n in names:
            if n.endswith((".html", ".mjs", ".js", ".css", ".wasm", ".svg", ".json")):
                raw, z = gz(os.path.join(dirpath, n))
                page_raw += raw
                page_gz += z
                count += 1
    out["page"] = (page_raw, page_gz, count)
    return out


def kib(n):
    return None if n is None else n / 1024


def status(ok):
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def build_tables(rows, site, command):
    lines = []
    meta = [r for r in rows if r.get("suite") == "meta"]
    when = meta[0].get("date") if meta else time.strftime("%Y-%m-%d %H:%M")
    load_avg = meta[0].get("load") if meta else None
    cpu = meta[0].get("cpu") if meta else None
    lines.append(f"Measured {when} on {platform.machine()} ({os.cpu_count()} cores"
                 + (f", load average {load_avg} at the start" if load_avg else "") + ") with `" + command + "`"
                 + (f", every run on core {cpu} (taskset)" if cpu not in (None, "any") else "") + ".")
    lines.append("Times: natively the CPU time of the benchmark thread; in WASM the smaller of node's process CPU "
                 "time and the wall time (both bound the engine thread's time from above). Medians of 5 rounds; "
                 "the per-operation rows are the medians of five runs of each side, native and WASM alternately "
                 "(one run is a fraction of a second, and one run alone moved by up to 1.7x here), each run "
                 "reporting the second of two passes on new worlds (the first warms up: in WASM, V8's optimising "
                 "tier compiles the busy functions during it). "
                 "Wall-clock figures, which on this shared machine include other work, are in the wall columns. "
                 "Ratios compare numbers measured in the same run.")
    lines.append("")

    # --- per-operation latency ------------------------------------------------------------------
    lines.append("### Wire call latency (small world)")
    lines.append("")
    lines.append("| operation | native µs | native calls/s | WASM µs | WASM calls/s | WASM / native | native wall µs | WASM wall µs |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    ops = ["DescribeHandshake", "InviteAccountToOrganization", "AcceptHandshake", "ListHandshakesForAccount page (20)",
           "DescribeOrganization"]
    worst = None
    for op in ops:
        n = find(rows, "native", "ops", op)
        w = find(rows, "wasm", "ops", op)
        nv, wv = (n or {}).get("value"), (w or {}).get("value")
        r = ratio(wv, nv)
        if r is not None:
            worst = max(worst or 0, r)
        lines.append(f"| {op} | {fmt(nv)} | {fmt(1e6 / nv if nv else None)} | {fmt(wv)} | "
                     f"{fmt(1e6 / wv if wv else None)} | {fmt(r)}x | {fmt((n or {}).get('wall'))} | {fmt((w or {}).get('wall'))} |")
    lines.append("")

    # --- scale ---------------------------------------------------------------------------------
    lines.append("### Scale: worlds of 1,020 and 100,020 handshakes, built through the wire")
    lines.append("")
    b1 = find(rows, "native", "scale", "build", "1k") or find(rows, "wasm", "scale", "build", "1k") or {}
    b2 = find(rows, "native", "scale", "build", "100k") or find(rows, "wasm", "scale", "build", "100k") or {}
    lines.append(f"1k: {b1.get('accounts', '?')} accounts, {b1.get('organizations', '?')} organizations, "
                 f"{b1.get('handshakes', '?')} handshakes ({b1.get('calls', '?')} wire calls to build). "
                 f"100k: {b2.get('accounts', '?')} accounts, {b2.get('organizations', '?')} organizations, "
                 f"{b2.get('handshakes', '?')} handshakes ({b2.get('calls', '?')} wire calls). Every measured page "
                 "holds 20 handshakes in both worlds.")
    lines.append("")
    lines.append("| measure | native 1k | native 100k | 100k / 1k | WASM 1k | WASM 100k | 100k / 1k | WASM / native (100k) |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|")

    def scale_row(label, name, key="value", scale=1.0, wasm_name=None):
        vals = []
        for rt, nm in (("native", name), ("wasm", wasm_name or name)):
            for size in ("1k", "100k"):
                r = find(rows, rt, "scale", nm, size)
                v = r.get(key) if r else None
                vals.append(None if v is None else v * scale)
        n1, n2, w1, w2 = vals
        lines.append(f"| {label} | {fmt(n1)} | {fmt(n2)} | {fmt(ratio(n2, n1))}x | {fmt(w1)} | {fmt(w2)} | "
                     f"{fmt(ratio(w2, w1))}x | {fmt(ratio(w2, n2))}x |")
        return vals

    scale_row("build the world (s)", "build")
    scale_row("memory (MiB): peak RSS natively, wasm heap in WASM", "peak RSS after build",
              wasm_name="wasm heap after build")
    first = scale_row("ListHandshakesForOrganization, first page (µs)", "ListHandshakesForOrganization first page")
    acct = scale_row("ListHandshakesForAccount, one page (µs)", "ListHandshakesForAccount page")
    last = scale_row("ListHandshakesForOrganization, last page via NextToken (µs)", "ListHandshakesForOrganization last page")
    scale_row("DescribeOrganization, refused (µs)", "DescribeOrganization (standalone: error)")
    scale_row("page through every organization's list (s)", "page through everything")
    scale_row("  per page (µs)", "page through everything", key="us_per_page")
    scale_row("ExportWorld (s)", "ExportWorld")
    scale_row("  snapshot size (MiB)", "ExportWorld", key="bytes", scale=1 / 1048576)
    scale_row("ImportWorld (s)", "ImportWorld")
    scale_row("memory after export + import (MiB)", "peak RSS after export+import", wasm_name="wasm heap after export+import")
    scale_row("export -> import -> export identical (1 = yes)", "round trip identical")
    lines.append("")

    # --- peer ----------------------------------------------------------------------------------
    lines.append("### Peer: boto3 DescribeOrganization (moto implements no handshake operation)")
    lines.append("")
    lines.append("| client -> server | µs per call (CPU) | wall µs | relative to boto3 -> engine |")
    lines.append("|---|---:|---:|---:|")
    engine = find(rows, "peer", "peer", "boto3 -> engine DescribeOrganization")
    for name in ("boto3 -> moto DescribeOrganization", "boto3 -> engine DescribeOrganization",
                 "boto3 -> engine in-process (mock_organizations) DescribeOrganization",
                 "scripts/wire line DescribeOrganization (no boto3)",
                 "Engine.handle DescribeOrganization (ctypes, no boto3)"):
        r = find(rows, "peer", "peer", name)
        if r and "unavailable" in r:
            lines.append(f"| {name} | unavailable | | {r['unavailable']} |")
        elif r:
            extra = ""
            if "python_us" in r:
                extra = f" (Python {fmt(r['python_us'])} + hs_wire {fmt(r['hs_wire_us'])})"
            lines.append(f"| {name}{extra} | {fmt(r['value'])} | {fmt(r['wall'])} | "
                         f"{fmt(ratio(r['value'], (engine or {}).get('value')))}x |")
        else:
            lines.append(f"| {name} | not run | | |")
    nd = find(rows, "native", "ops", "DescribeOrganization")
    if nd:
        lines.append(f"| in-process engine (no boto3, no pipe): native hs::Engine::handle | {fmt(nd['value'])} | "
                     f"{fmt(nd['wall'])} | {fmt(ratio(nd['value'], (engine or {}).get('value')))}x |")
    lines.append("")

    # --- size ----------------------------------------------------------------------------------
    sz = sizes(site)
    lines.append("### Size")
    lines.append("")
    lines.append("| artifact | raw KiB | gzip -9 KiB |")
    lines.append("|---|---:|---:|")
    for name, raw, z in sz["files"]:
        lines.append(f"| {name} | {fmt(kib(raw))} | {fmt(kib(z))} |")
    if sz["engine"]:
        lines.append(f"| engine module (.wasm + .mjs) | {fmt(kib(sz['engine'][0]))} | {fmt(kib(sz['engine'][1]))} |")
    if sz["page"]:
        lines.append(f"| whole page, build/site ({sz['page'][2]} files) | {fmt(kib(sz['page'][0]))} | {fmt(kib(sz['page'][1]))} |")
    lines.append("")

    # --- targets -------------------------------------------------------------------------------
    wd = (find(rows, "wasm", "ops", "DescribeHandshake") or {}).get("value")
    page100k = [v for v in (first[1], acct[1], last[1]) if v is not None]
    page100k_w = [v for v in (first[3], acct[3], last[3]) if v is not None]
    lines.append("### Targets")
    lines.append("")
    lines.append("| target | measured | status |")
    lines.append("|---|---:|---|")
    lines.append(f"| a wire call in WASM within 3x of native (the five calls above) | worst {fmt(worst)}x | "
                 f"{status(None if worst is None else worst <= TARGETS['wasm_vs_native'])} |")
    rn = (find(rows, "native", "scale", "DescribeOrganization (standalone: error)", "100k") or {}).get("value")
    rw = (find(rows, "wasm", "scale", "DescribeOrganization (standalone: error)", "100k") or {}).get("value")
    refused = ratio(rw, rn)
    lines.append(f"| the same for the cheapest call, a refused DescribeOrganization ({fmt(rn)} µs natively) | "
                 f"{fmt(refused)}x | {status(None if refused is None else refused <= TARGETS['wasm_vs_native'])} |")
    lines.append(f"| under 20 µs per Describe in WASM | {fmt(wd)} µs | "
                 f"{status(None if wd is None else wd < TARGETS['wasm_describe_us'])} |")
    for label, pages in (("natively", page100k), ("in WASM", page100k_w)):
        worst_page = max(pages) if pages else None
        lines.append(f"| a list page under 100 µs at 100,000 handshakes, {label} | worst {fmt(worst_page)} µs | "
                     f"{status(None if worst_page is None else worst_page < TARGETS['page_at_100k_us'])} |")
    pages_flat = None
    if first[0] and first[1]:
        pages_flat = max(ratio(first[1], first[0]), ratio(acct[1], acct[0]) or 0, ratio(last[1], last[0]) or 0)
    lines.append(f"| list paging costs O(page), not O(world) (page time 100k / 1k) | worst {fmt(pages_flat)}x "
                 f"(O(world) would be about 100x) | {status(None if pages_flat is None else pages_flat < 3)} |")
    eg = kib(sz["engine"][1]) if sz["engine"] else None
    lines.append(f"| the engine module under 150 KB gzip | {fmt(eg)} KiB | "
                 f"{status(None if eg is None else eg * 1024 < TARGETS['module_gzip_kib'] * 1000)} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("results")
    ap.add_argument("--site", default=None)
    ap.add_argument("--command", default="scripts/bench")
    ap.add_argument("--update-docs", action="append", default=[],
                    help="a Markdown file with a bench:begin/bench:end block to rewrite (repeatable)")
    args = ap.parse_args()
    tables = build_tables(load(args.results), args.site, args.command)
    sys.stdout.write(tables)
    for path in args.update_docs:
        with open(path, encoding="utf-8") as f:
            doc = f.read()
        new, n = re.subn(r"(<!-- bench:begin -->\n).*?(<!-- bench:end -->)", lambda m: m.group(1) + tables + m.group(2),
                         doc, flags=re.S)
        if n != 1:
            sys.exit(f"report.py: {path} has no <!-- bench:begin --> ... <!-- bench:end --> block")
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)

if __name__ == "__main__":
    main()
