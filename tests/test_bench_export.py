"""The ledger export bench's parts on a tiny data set: the data it makes, what it measures, how it fails."""

import io
import os

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from openpyxl import load_workbook

from bench import ledger_export as bench
from bench.scratch import url_for_database
from exports.models import ExportJob
from responsibility.models import Milestone, Task
from tests.factories import TaskFactory, UnitFactory

pytestmark = pytest.mark.django_db


def figures(rows_per_second: float, peak_rss_mb: float) -> bench.Figures:
    return bench.Figures(rows=100_000, seconds=100_000 / rows_per_second, peak_rss_mb=peak_rss_mb,
                         baseline_rss_mb=90.0, file_mb=4.8)  # fmt: skip


def test_populate_makes_the_tasks_asked_for_with_two_milestones_each():
    bench.populate(tasks=40, scale=0.001)
    assert Task.objects.count() == 40
    assert Milestone.objects.count() == 80 and Milestone.objects.filter(met_on__isnull=False).count() == 20
    assert get_user_model().objects.filter(username=bench.STAFF_USERNAME).exists()


def test_export_as_the_generated_staff_member_exports_every_task(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bench.populate(tasks=40, scale=0.001)
    measured = bench.export_as(bench.STAFF_USERNAME)
    assert measured.rows == 40 and measured.rows_per_second > 0
    assert 0 < measured.baseline_rss_mb <= measured.peak_rss_mb and measured.file_mb > 0
    job = ExportJob.objects.get()
    rows = list(load_workbook(io.BytesIO(job.file.read()), read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == 42 and rows[2][2] == "工作任务1"


@pytest.mark.django_db(transaction=True)  # the child process reads the rows over its own connection
def test_child_process_measures_its_own_memory_not_the_parents(staff_user, tmp_path):
    for n in range(3):
        TaskFactory(title=f"基准任务{n}", co_units=[UnitFactory()])
    # A parent holding 400 MB: Linux's ru_maxrss would pass that on to the child; VmHWM does not.
    ballast = b"x" * (400 * 2**20)
    url = url_for_database(os.environ["DATABASE_URL"], connection.settings_dict["NAME"])
    measured = bench.measure_in_child(url, staff_user.username, str(tmp_path))
    del ballast
    assert measured.rows == 3 and measured.seconds > 0
    assert 0 < measured.peak_rss_mb < 400
    assert list(tmp_path.glob("exports/*/*/*.xlsx")), "the job saved its file under the MEDIA_ROOT it was given"


def test_child_process_failure_is_reported(tmp_path):
    url = url_for_database(os.environ["DATABASE_URL"], connection.settings_dict["NAME"])
    with pytest.raises(RuntimeError, match="the export process failed"):
        bench.measure_in_child(url, "nobody", str(tmp_path))


def test_targets_met_print_ok_and_return(capsys):
    bench.finish(figures(rows_per_second=25_000, peak_rss_mb=120))
    out = capsys.readouterr().out
    assert "rows 100,000" in out and "25,000 rows/s (target >= 20,000)" in out
    assert "peak RSS 120 MB (target < 300 MB" in out and "OK" in out


@pytest.mark.parametrize(
    ("rows_per_second", "peak_rss_mb", "missed"),
    [
        (19_999, 120, ["19,999 rows/s < 20,000 rows/s"]),
        (25_000, 300, ["peak RSS 300 MB >= 300 MB"]),
        (1_000, 900, ["1,000 rows/s < 20,000 rows/s", "peak RSS 900 MB >= 300 MB"]),
    ],
)
def test_a_missed_target_exits_non_zero_naming_it(rows_per_second, peak_rss_mb, missed):
    measured = figures(rows_per_second, peak_rss_mb)
    assert bench.misses(measured) == missed
    with pytest.raises(SystemExit) as exit_:
        bench.finish(measured)
    # sys.exit with a message: printed to stderr, exit status 1.
    assert exit_.value.code == "FAILED: " + "; ".join(missed)
