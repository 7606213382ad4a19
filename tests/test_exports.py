"""Background exports: run once, progress recorded, failures explained, files only for their owner."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from exports import registry, services
from exports.models import ExportJob
from exports.tasks import export_purge, export_run

pytestmark = pytest.mark.django_db

ROWS = 450


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def calls(monkeypatch):
    """A test exporter writing one line per row; returns the list of its runs."""
    runs = []

    def write(*, user, params, stream, progress):
        runs.append(params)
        progress(0, ROWS)
        for done in range(1, ROWS + 1):
            stream.write(f"第{done}行\n".encode())
            progress(done, ROWS)
        return "测试导出.txt"

    install(monkeypatch, "tests.lines", write)
    return runs


def install(monkeypatch, kind: str, write) -> None:
    monkeypatch.setitem(registry._exporters, kind, registry.Exporter(kind, "测试导出", write))


def failing(message_error: Exception):
    def write(*, user, params, stream, progress):
        progress(0, 10)
        raise message_error

    return write


def create_job(user, kind="tests.lines", params=None) -> ExportJob:
    return ExportJob.objects.create(user=user, kind=kind, params=params or {"status": "closed"})


def test_job_runs_in_background_and_records_progress(staff_user, calls, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.export_job_create(user=staff_user, kind="tests.lines", params={"q": "车"})
    job.refresh_from_db()
    assert calls == [{"q": "车"}]
    assert (job.status, job.rows_done, job.rows_total, job.error) == ("done", ROWS, ROWS, "")
    assert job.finished_at is not None and job.filename == "测试导出.txt"
    assert job.file.name.startswith("exports/") and job.file.name.endswith(f"{job.pk}.txt")
    assert job.file.read().decode().count("行\n") == ROWS


def test_progress_is_written_every_few_hundred_rows_not_every_row(staff_user, calls, django_assert_max_num_queries):
    job = create_job(staff_user)
    # claim, load, progress at 0, 200, 400 and 450, finish
    with django_assert_max_num_queries(7):
        export_run(str(job.pk))


def test_fast_export_writes_progress_at_most_every_half_second(staff_user, monkeypatch, django_assert_max_num_queries):
    rows = 20_000  # a hundred writes at one per 200 rows

    def write(*, user, params, stream, progress):
        progress(0, rows)
        for done in range(1, rows + 1):
            progress(done, rows)
        return "快速导出.txt"

    install(monkeypatch, "tests.fast", write)
    job = create_job(staff_user, kind="tests.fast")
    # claim, load, progress at 0 and at the end, finish; one more should the machine stall for half a second
    with django_assert_max_num_queries(6):
        export_run(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == ("done", rows, rows)


def test_job_is_not_queued_before_the_transaction_commits(staff_user, calls, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.export_job_create(user=staff_user, kind="tests.lines", params={})
    job.refresh_from_db()
    assert job.status == "pending" and calls == [] and len(callbacks) == 1


def test_job_runs_once_when_the_task_is_delivered_twice(staff_user, calls):
    job = create_job(staff_user)
    assert export_run(str(job.pk)) is True
    assert export_run(str(job.pk)) is False
    assert len(calls) == 1


def test_job_already_claimed_by_another_worker_is_left_alone(staff_user, calls):
    job = create_job(staff_user)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    assert export_run(str(job.pk)) is False
    assert calls == []


def test_unexpected_error_fails_the_job_with_a_chinese_message(staff_user, monkeypatch):
    install(monkeypatch, "tests.broken", failing(OSError()))
    job = create_job(staff_user, kind="tests.broken")
    export_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == "failed" and job.finished_at is not None
    assert job.error == services.FAILED_TEXT and "导出失败" in job.error
    assert not job.file


def test_exporter_refusal_is_shown_as_its_message(staff_user, monkeypatch):
    error = registry.ExportError("筛选结果超过十万行，请缩小范围。")
    install(monkeypatch, "tests.refuses", failing(error))
    job = create_job(staff_user, kind="tests.refuses")
    export_run(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "筛选结果超过十万行，请缩小范围。")


def test_job_of_an_unknown_kind_fails(staff_user):
    job = create_job(staff_user, kind="gone.away")
    export_run(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "未知的导出类型“gone.away”。")


def test_creating_a_job_of_an_unknown_kind_is_refused(staff_user):
    with pytest.raises(registry.ExportError):
        services.export_job_create(user=staff_user, kind="gone.away", params={})
    assert not ExportJob.objects.exists()


def test_status_page_refreshes_and_shows_progress_until_done(staff_client, staff_user, calls):
    job = create_job(staff_user)
    ExportJob.objects.filter(pk=job.pk).update(status="running", rows_done=200, rows_total=ROWS)
    response = staff_client.get(job.get_absolute_url())
    assert response["Refresh"] == "2"
    assert f'<progress id="export-progress" value="200" max="{ROWS}">' in response.text
    assert f"已导出 200 / {ROWS} 行" in response.text
    assert "下载" not in response.text


def test_status_page_of_a_finished_job_offers_the_download(staff_client, staff_user, calls):
    job = create_job(staff_user)
    export_run(str(job.pk))
    response = staff_client.get(job.get_absolute_url())
    assert "Refresh" not in response
    assert reverse("exports:job-download", args=[job.pk]) in response.text
    download = staff_client.get(reverse("exports:job-download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).decode().startswith("第1行\n")


def test_status_page_of_a_failed_job_shows_the_error(staff_client, staff_user):
    job = create_job(staff_user, kind="gone.away")
    export_run(str(job.pk))
    response = staff_client.get(job.get_absolute_url())
    assert "未知的导出类型" in response.text and "Refresh" not in response


def test_another_user_gets_404_for_the_job_and_its_file(officer_client, staff_user, calls):
    job = create_job(staff_user)
    export_run(str(job.pk))
    assert officer_client.get(job.get_absolute_url()).status_code == 404
    assert officer_client.get(reverse("exports:job-download", args=[job.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client, staff_user, calls):
    job = create_job(staff_user)
    response = client.get(job.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unfinished_job_has_no_download(staff_client, staff_user, calls):
    job = create_job(staff_user)
    assert staff_client.get(reverse("exports:job-download", args=[job.pk])).status_code == 404


def test_purge_removes_jobs_and_files_older_than_seven_days(staff_user, calls):
    old, recent = create_job(staff_user), create_job(staff_user)
    for job in (old, recent):
        export_run(str(job.pk))
    ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    old.refresh_from_db()
    old_path = Path(old.file.path)
    assert export_purge() == 1
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not old_path.exists()
    assert export_purge() == 0
