"""The soak: ten minutes of mixed traffic on loopback, then the errors (must be 0) and the web workers' memory.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiancha REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/soak.py [--minutes 10] [--seed-scale 0.05]

The application runs under gunicorn (2 workers, ``bench.settings``) on a scratch database filled by ``seed_scale``
(dropped afterwards), or on DATABASE_URL's database as it is without ``--seed-scale``. wrk's 16 connections take the
web bench's targets in turn (staff pages, dashboard, public pages, submissions, queries, API lists), a minute at a
time; after each minute the workers' resident memory is printed. It fails (exit 1) on any error or when the workers
together grew by 10 % or more from the first minute's end to the last's.
"""

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

from bench import web, wrk
from bench.scratch import refuse_sqlite, scratch_database, url_for_database

GROWTH_LIMIT = 0.10
SEPARATOR = "\x1f"  # between a plan line's headers: the unit separator, never inside a header


@dataclass(frozen=True)
class Minute:
    number: int
    requests: int
    errors: int
    worker_rss_kb: dict[int, int]

    @property
    def total_rss_kb(self) -> int:
        return sum(self.worker_rss_kb.values())


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=10, help="minutes of traffic (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--seed-scale", type=float, help="serve a scratch database filled by seed_scale --scale X")
    return parser.parse_args()


def plan_lines(targets: list[wrk.Target]) -> list[str]:
    """One plan line per target but the floor: method, path, headers, body file (see bench/wrk_report.lua)."""
    return [
        "\t".join((t.method, t.path, SEPARATOR.join(t.headers), str(t.body_file) if t.body_file else ""))
        for t in targets
        if t.kind != "floor"
    ]


def children_rss_kb(parent: int) -> dict[int, int]:
    """Resident memory (kB) of each process whose parent is ``parent``: gunicorn's workers."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command name in field 2 may hold spaces and parentheses: the parent's id follows its last ")".
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if ppid != parent:
                continue
            status = (entry / "status").read_text()
        except (FileNotFoundError, ProcessLookupError):  # gone meanwhile
            continue
        rss = next((line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")), None)
        if rss is not None:
            found[int(entry.name)] = int(rss)
    return found


def misses(minutes: list[Minute]) -> list[str]:
    """Errors in any minute; memory grown by GROWTH_LIMIT or more from the first minute to the last."""
    found = [f"minute {m.number}: {m.errors} errors" for m in minutes if m.errors]
    first, last = minutes[0].total_rss_kb, minutes[-1].total_rss_kb
    if first and (last - first) / first >= GROWTH_LIMIT:
        found.append(f"workers grew {(last - first) / first:.1%} ({first} kB → {last} kB)")
    if set(minutes[0].worker_rss_kb) != set(minutes[-1].worker_rss_kb):
        found.append("a worker was replaced during the soak (crashed or timed out)")
    return found


def soak(database_url: str, *, minutes: int, connections: int) -> list[Minute]:
    session, token = web.bench_login()
    port = web.free_port()
    base = f"http://127.0.0.1:{port}"
    server = web.start_gunicorn(database_url, port)
    results = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            targets = web.targets(base, Path(folder), session, token)
            for target in targets:
                web.warm_up(base, target)
            plan = Path(folder) / "plan.tsv"
            plan.write_text("\n".join(plan_lines(targets)) + "\n", encoding="utf-8")
            for number in range(1, minutes + 1):
                measured = wrk.run_plan(base, plan, seconds=60, connections=connections)
                minute = Minute(number, measured.requests, measured.errors, children_rss_kb(server.pid))
                results.append(minute)
                rss = ", ".join(f"{kb // 1024} MB" for kb in minute.worker_rss_kb.values())
                print(f"  minute {number}: {measured.rps:.0f} req/s, {measured.errors} errors, workers {rss}",
                      flush=True)  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def main() -> None:
    args = _arguments()
    refuse_sqlite("bench/soak.py")
    django.setup()
    load = {"minutes": args.minutes, "connections": args.connections}
    if args.seed_scale is None:
        minutes = soak(os.environ["DATABASE_URL"], **load)
    else:
        from django.core.management import call_command

        with scratch_database() as name:
            call_command("seed_scale", scale=args.seed_scale)
            minutes = soak(url_for_database(os.environ["DATABASE_URL"], name), **load)
    total = sum(m.requests for m in minutes)
    first, last = minutes[0].total_rss_kb, minutes[-1].total_rss_kb
    print(f"soak: {total} requests, {sum(m.errors for m in minutes)} errors; "
          f"workers {first // 1024} MB after minute 1, {last // 1024} MB after minute {len(minutes)}")  # fmt: skip
    if missed := misses(minutes):
        sys.exit("soak failed:\n  " + "\n  ".join(missed))
    print("soak passed")


if __name__ == "__main__":
    main()
