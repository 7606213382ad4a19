"""The ledger's Excel export at 100,000 tasks: rows per second and the exporting process's peak memory.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiancha .venv/bin/python bench/ledger_export.py

A scratch database (DATABASE_URL's name with ``_bench`` appended) is created, filled by ``seed_scale --scale 0.01
--tasks 100000`` plus two milestones per task, and dropped at the end. The export runs as a background export job
(``exports.services.export_job_run``: temporary file, progress records, the file saved to MEDIA_ROOT) for a
commission staff member, in a fresh Python process of its own, so the peak RSS printed is that process's: Django
loaded, then the export of every row.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiancha.settings")

import django

from bench.scratch import refuse_sqlite, scratch_database, url_for_database

TASKS = 100_000
SCALE = 0.01  # everything but the tasks: 100 units, 300 officers, a few thousand of the rest
STAFF_USERNAME = "scale000000"  # the first generated officer of unit 0, the commission: commission staff
MIN_ROWS_PER_SECOND = 20_000
MAX_RSS_MB = 300
CHILD_LINE = "BENCH_EXPORT "

# Two milestones per task, as a real plan sets them: a past one (met on even tasks, so odd tasks lag) and a coming
# one, so the ledger's next-milestone and lagging subqueries have rows to look at.
MILESTONES_SQL = """
INSERT INTO responsibility_milestone (task_id, due_on, requirement, target_percent, met_on)
SELECT id, CURRENT_DATE - 30, '完成排查', 30, CASE WHEN id % 2 = 0 THEN CURRENT_DATE - 31 END
FROM responsibility_task
UNION ALL
SELECT id, CURRENT_DATE + 60, '全面完成', 100, NULL FROM responsibility_task
"""


@dataclass(frozen=True)
class Figures:
    rows: int
    seconds: float
    peak_rss_mb: float
    baseline_rss_mb: float  # the process with Django loaded, before the export
    file_mb: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def peak_rss_mb() -> float:
    """This process's peak resident memory: Linux's VmHWM, the high-water mark of its own address space.

    Not ``getrusage``'s ru_maxrss: Linux carries the parent's peak across fork and exec into the child's, so a
    child started by a bench that has just seeded 100,000 rows would report the bench's memory, not its own.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # no /proc: kilobytes (bytes on macOS)


def export_as(username: str) -> Figures:
    """Run the ledger export job for ``username`` in this process; the job must succeed."""
    from django.contrib.auth import get_user_model

    from exports.models import ExportJob
    from exports.services import export_job_run
    from responsibility.ledger_export import LEDGER_EXPORT

    user = get_user_model().objects.get(username=username)
    job = ExportJob.objects.create(user=user, kind=LEDGER_EXPORT, params={})
    baseline = peak_rss_mb()
    started = time.perf_counter()
    export_job_run(job_id=job.pk)
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    if job.status != ExportJob.Status.DONE:
        raise RuntimeError(f"the export job ended {job.status}: {job.error}")
    return Figures(job.rows_done, seconds, peak_rss_mb(), baseline, job.file.size / 2**20)


def measure_in_child(database_url: str, username: str, media_root: str) -> Figures:
    """``export_as(username)`` in a fresh interpreter on ``database_url``, so its peak RSS is the export's alone."""
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": media_root}
    done = subprocess.run(
        [sys.executable, __file__, "--child", username], env=env, capture_output=True, text=True, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(CHILD_LINE)]
    if done.returncode or not lines:
        raise RuntimeError(f"the export process failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return Figures(**json.loads(lines[-1].removeprefix(CHILD_LINE)))


def misses(figures: Figures, min_rps: float = MIN_ROWS_PER_SECOND, max_rss_mb: float = MAX_RSS_MB) -> list[str]:
    """The targets missed, one line each; empty when both are met."""
    missed = []
    if figures.rows_per_second < min_rps:
        missed.append(f"{figures.rows_per_second:,.0f} rows/s < {min_rps:,.0f} rows/s")
    if figures.peak_rss_mb >= max_rss_mb:
        missed.append(f"peak RSS {figures.peak_rss_mb:.0f} MB >= {max_rss_mb} MB")
    return missed


def summary(figures: Figures) -> str:
    return (
        f"rows {figures.rows:,}, {figures.seconds:.2f} s, {figures.rows_per_second:,.0f} rows/s "
        f"(target >= {MIN_ROWS_PER_SECOND:,}), peak RSS {figures.peak_rss_mb:.0f} MB (target < {MAX_RSS_MB} MB; "
        f"{figures.baseline_rss_mb:.0f} MB before the export), file {figures.file_mb:.1f} MB"
    )


def finish(figures: Figures) -> None:
    """Print the figures; exit non-zero when a target is missed."""
    print(summary(figures))
    if missed := misses(figures):
        sys.exit("FAILED: " + "; ".join(missed))
    print("OK: both targets met")


def populate(tasks: int, scale: float = SCALE) -> None:
    from django.core.management import call_command
    from django.db import connection

    call_command("seed_scale", scale=scale, tasks=tasks)
    with connection.cursor() as cursor:
        cursor.execute(MILESTONES_SQL)
        print(f"{'responsibility_milestone':<36} {cursor.rowcount:>10,} 行")
        cursor.execute("ANALYZE responsibility_milestone")


def child(username: str) -> None:
    django.setup()
    print(CHILD_LINE + json.dumps(asdict(export_as(username))), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=TASKS)
    parser.add_argument("--child", metavar="USERNAME", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    refuse_sqlite("bench/ledger_export.py")
    django.setup()
    with scratch_database() as name, tempfile.TemporaryDirectory() as media_root:
        started = time.perf_counter()
        populate(args.tasks)
        print(f"populated in {time.perf_counter() - started:.1f} s; exporting as {STAFF_USERNAME}…", flush=True)
        figures = measure_in_child(url_for_database(os.environ["DATABASE_URL"], name), STAFF_USERNAME, media_root)
    finish(figures)


if __name__ == "__main__":
    main()
