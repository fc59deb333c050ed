"""bench/report.py, which turns scripts/bench's results into the tables of docs/performance.md: a measure run
several times (the per-operation benchmarks, five runs of each side) is reported as its median.

Run from the repository root:
    python3 -m unittest tests/python/test_bench_report.py
"""

import importlib.util
import os
import unittest

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SPEC = importlib.util.spec_from_file_location("bench_report", os.path.join(REPO_ROOT, "bench", "report.py"))
report = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(report)


def row(runtime, value, wall, name="DescribeHandshake"):
    return {"runtime": runtime, "suite": "ops", "name": name, "value": value, "unit": "us", "wall": wall}


class FindTest(unittest.TestCase):
    def test_a_measure_run_once_is_its_row(self):
        rows = [row("native", 1.2, 1.3), row("wasm", 3.1, 3.2)]
        self.assertIs(report.find(rows, "native", "ops", "DescribeHandshake"), rows[0])
        self.assertIs(report.find(rows, "wasm", "ops", "DescribeHandshake"), rows[1])

    def test_a_measure_run_five_times_is_the_median_of_its_values_and_walls(self):
        natives = [1.92, 1.13, 1.18, 1.15, 1.17]
        rows = [row("native", v, v + 0.01) for v in natives] + [row("wasm", 3.1, 3.1)]
        found = report.find(rows, "native", "ops", "DescribeHandshake")
        self.assertEqual(found["value"], 1.17)
        self.assertEqual(found["wall"], 1.18)
        self.assertEqual(found["runs"], 5)
        self.assertEqual(found["unit"], "us")
        # The rows themselves are left as they were.
        self.assertEqual([r["value"] for r in rows[:5]], natives)

    def test_other_runtimes_names_suites_and_sizes_do_not_mix_in(self):
        rows = [row("native", 1.0, 1.0), row("native", 9.0, 9.0, name="AcceptHandshake"), row("wasm", 5.0, 5.0),
                dict(row("native", 7.0, 7.0), suite="scale", size="1k"),
                dict(row("native", 8.0, 8.0), suite="scale", size="100k")]
        self.assertEqual(report.find(rows, "native", "ops", "DescribeHandshake")["value"], 1.0)
        self.assertEqual(report.find(rows, "native", "scale", "DescribeHandshake", size="1k")["value"], 7.0)
        self.assertEqual(report.find(rows, "native", "scale", "DescribeHandshake", size="100k")["value"], 8.0)
        self.assertIsNone(report.find(rows, "native", "ops", "ListAccounts"))


if __name__ == "__main__":
    unittest.main()
