"""The soak's pure parts: the plan wrk takes its requests from, reading the workers' memory, and the verdict."""

import os
import subprocess
import sys

from bench.soak import Minute, children_rss_kb, misses, plan_lines
from bench.wrk import Target, plan_command


def test_the_plan_has_a_line_per_target_but_the_floor(tmp_path):
    body = tmp_path / "submit.json"
    targets = [
        Target("floor", "/bench/floor/", kind="floor"),
        Target("ledger", "/responsibility/", headers=("Cookie: sessionid=s; csrftoken=c",)),
        Target("submit", "/api/v1/public/reports/", "POST", ("Content-Type: application/json", "X-A: b"), body),
    ]
    assert plan_lines(targets) == [
        "GET\t/responsibility/\tCookie: sessionid=s; csrftoken=c\t",
        f"POST\t/api/v1/public/reports/\tContent-Type: application/json\x1fX-A: b\t{body}",
    ]
    argv = plan_command("http://127.0.0.1:8123", tmp_path / "plan.tsv", seconds=60, connections=16)
    assert argv[-4:] == ["http://127.0.0.1:8123/", "--", "PLAN", str(tmp_path / "plan.tsv")]


def test_children_memory_is_read_for_each_child():
    holds_30_mb = "data = bytearray(30 * 1024 * 1024); print('ready', flush=True); input()"
    child = subprocess.Popen([sys.executable, "-c", holds_30_mb], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)  # fmt: skip
    try:
        assert child.stdout.readline() == "ready\n"  # its 30 MB are allocated
        assert children_rss_kb(os.getpid())[child.pid] > 30 * 1024
    finally:
        child.communicate("")


def _minute(number: int, errors: int = 0, **rss: int) -> Minute:
    return Minute(number, 1000, errors, {int(pid.removeprefix("p")): kb for pid, kb in rss.items()})


def test_a_quiet_soak_passes_and_growth_or_errors_or_a_replaced_worker_fail():
    assert misses([_minute(1, p1=100_000, p2=100_000), _minute(10, p1=105_000, p2=104_000)]) == []
    assert misses([_minute(1, p1=100_000, p2=100_000), _minute(10, p1=115_000, p2=106_000)]) == [
        "workers grew 10.5% (200000 kB → 221000 kB)"
    ]
    assert misses([_minute(1, p1=100_000), _minute(2, errors=3, p1=100_000)]) == ["minute 2: 3 errors"]
    assert misses([_minute(1, p1=100_000, p2=100_000), _minute(2, p1=100_000, p3=100_000)]) == [
        "a worker was replaced during the soak (crashed or timed out)"
    ]
