"""The web benchmark's pure parts: reading wrk's output, the table, and the JSON written to bench/results/."""

import json
from datetime import date

import pytest

from bench import report
from bench.scratch import url_for_database
from bench.wrk import Measured, Target, command, parse_output

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8123/bench/floor/
  2 threads and 16 connections
  4000 requests in 5.00s, 1.2MB read
BENCH_JSON {"requests": 4000, "duration_us": 5000000, "p50_us": 3500, "p95_us": 7250, "p99_us": 12000, \
"status_errors": 2, "socket_errors": 1}
"""


def measured(requests: int, p95_ms: float = 10.0, status_errors: int = 0) -> Measured:
    return Measured(requests, 5.0, p50_ms=p95_ms / 2, p95_ms=p95_ms, p99_ms=p95_ms * 2, status_errors=status_errors,
                    socket_errors=0)  # fmt: skip


def test_wrk_output_parses_into_milliseconds_and_rate():
    figures = parse_output(WRK_OUTPUT)
    assert (figures.requests, figures.rps) == (4000, 800.0)
    assert (figures.p50_ms, figures.p95_ms, figures.p99_ms) == (3.5, 7.25, 12.0)
    assert (figures.errors, figures.answered_ok) == (3, 3998)


def test_wrk_output_without_the_script_line_is_refused():
    with pytest.raises(ValueError, match="BENCH_JSON"):
        parse_output("unable to connect to 127.0.0.1:8123 Connection refused\n")


def test_wrk_command_passes_headers_and_the_body_to_the_script(tmp_path):
    body = tmp_path / "submit.json"
    target = Target("submit", "/api/v1/public/reports/", "POST", ("Content-Type: application/json",), body)
    argv = command("http://127.0.0.1:8123", target, seconds=5, connections=16)
    assert argv[:7] == ["wrk", "-t", "2", "-c", "16", "-d", "5s"]
    assert argv[argv.index("-H") : argv.index("-H") + 2] == ["-H", "Content-Type: application/json"]
    assert argv[-4:] == ["http://127.0.0.1:8123/api/v1/public/reports/", "--", "POST", str(body)]


def test_rows_give_each_target_its_ratio_to_the_floor():
    rows = report.rows({"floor": measured(20_000), "ledger": measured(2_000, p95_ms=40.0, status_errors=3)}, "floor")
    assert [(row.target, row.rps, row.floor_ratio, row.errors) for row in rows] == [
        ("floor", 4000.0, 1.0, 0),
        ("ledger", 400.0, 0.1, 3),
    ]


def test_table_has_one_header_and_one_aligned_line_per_target():
    rows = report.rows({"floor": measured(20_000), "ledger, first page": measured(2_000, p95_ms=40.0)}, "floor")
    lines = report.table(rows).splitlines()
    assert lines[0].split() == ["target", "req/s", "p50", "ms", "p95", "ms", "p99", "ms", "errors", "×", "floor"]
    assert set(lines[1]) == {"-", " "}
    assert lines[3].split() == ["ledger,", "first", "page", "400.0", "20.0", "40.0", "80.0", "0", "10.0%"]
    assert len({len(line) for line in lines}) == 1


def test_json_is_named_for_the_day_and_commit_and_holds_the_rows(tmp_path):
    rows = report.rows({"floor": measured(20_000)}, "floor")
    path = report.write_json(tmp_path, day=date(2026, 5, 1), commit="abc1234", settings={"seconds": 5},
                             result_rows=rows)  # fmt: skip
    assert path.name == "2026-05-01-abc1234.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["commit"] == "abc1234" and document["settings"] == {"seconds": 5}
    assert document["rows"] == [
        {
            "target": "floor",
            "rps": 4000.0,
            "p50_ms": 5.0,
            "p95_ms": 10.0,
            "p99_ms": 20.0,
            "errors": 0,
            "floor_ratio": 1.0,
        }
    ]


def test_child_processes_get_the_scratch_database_on_the_same_server():
    url = "postgres://postgres@127.0.0.1:5432/jiancha?sslmode=disable"
    assert url_for_database(url, "jiancha_bench") == "postgres://postgres@127.0.0.1:5432/jiancha_bench?sslmode=disable"


def test_misses_name_each_figure_below_the_issues_targets():
    rows = report.rows(
        {
            "floor": measured(20_000),
            "first": measured(2_500, p95_ms=40.0),  # 12.5% of the floor, p95 40 ms: met
            "deep": measured(2_500, p95_ms=120.0),  # p95 over 100 ms, p50 60 ms > 2 × 20 ms
            "api": measured(2_500),  # 12.5% < 15%
            "submit": measured(1_000, status_errors=1),  # 5% met, but an error
        },
        "floor",
    )
    kinds = {"floor": "floor", "first": "page", "deep": "deep", "api": "api", "submit": "submit"}
    assert report.misses(rows, kinds, first="first", deep="deep") == [
        "deep: p95 120.0 ms > 100 ms",
        "api: 12.5% of the floor < 15%",
        "submit: 1 errors",
        "deep: p50 60.0 ms > 2 × first",
    ]
    assert report.misses(rows[:2], kinds, first="first", deep="deep") == []
