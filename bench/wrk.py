"""Running wrk against one target and reading the figures its Lua ``done()`` hook prints (bench/wrk_report.lua)."""

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("wrk_report.lua")
MARKER = "BENCH_JSON "


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    method: str = "GET"
    headers: tuple[str, ...] = ()  # "Name: value"
    body_file: Path | None = None  # may hold "{{uuid}}", replaced in every request
    kind: str = "page"  # which figures apply (bench.report.misses): floor, page, deep, public, api, submit, query


@dataclass(frozen=True)
class Measured:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    status_errors: int  # responses outside 2xx/3xx
    socket_errors: int  # connect, read and write errors and timeouts

    @property
    def errors(self) -> int:
        return self.status_errors + self.socket_errors

    @property
    def answered_ok(self) -> int:
        return self.requests - self.status_errors

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def parse_output(stdout: str) -> Measured:
    """The figures from wrk's output; ValueError when the script's line is missing (wrk failed to run it)."""
    line = next((line for line in stdout.splitlines() if line.startswith(MARKER)), None)
    if line is None:
        raise ValueError(f"wrk printed no {MARKER.strip()} line:\n{stdout}")
    raw = json.loads(line.removeprefix(MARKER))
    return Measured(
        requests=raw["requests"],
        seconds=raw["duration_us"] / 1e6,
        p50_ms=raw["p50_us"] / 1000,
        p95_ms=raw["p95_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        status_errors=raw["status_errors"],
        socket_errors=raw["socket_errors"],
    )


def command(base_url: str, target: Target, *, seconds: int, connections: int) -> list[str]:
    headers = [arg for header in target.headers for arg in ("-H", header)]
    script_args = [target.method] + ([str(target.body_file)] if target.body_file else [])
    return [
        "wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s", *headers,
        "-s", str(SCRIPT), base_url + target.path, "--", *script_args,
    ]  # fmt: skip


def plan_command(base_url: str, plan_file: Path, *, seconds: int, connections: int) -> list[str]:
    """wrk taking its requests in turn from a plan file (see bench/wrk_report.lua)."""
    return [
        "wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
        "-s", str(SCRIPT), base_url + "/", "--", "PLAN", str(plan_file),
    ]  # fmt: skip


def run_plan(base_url: str, plan_file: Path, *, seconds: int, connections: int) -> Measured:
    argv = plan_command(base_url, plan_file, seconds=seconds, connections=connections)
    finished = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=seconds + 60)
    return parse_output(finished.stdout)


def run(base_url: str, target: Target, *, seconds: int, connections: int) -> Measured:
    argv = command(base_url, target, seconds=seconds, connections=connections)
    finished = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=seconds + 60)
    return parse_output(finished.stdout)
