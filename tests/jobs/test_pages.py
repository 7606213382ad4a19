"""The jobs page: commission admins only; last runs with counts and failures; schedules edited; a job run now."""

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from jobs.models import JobRun
from jobs.schedule import describe

LIST = reverse("jobs:list")


def detail(name: str) -> str:
    return reverse("jobs:detail", args=[name])


def make_runs(n: int) -> None:
    JobRun.objects.bulk_create(
        JobRun(job=job, run_for=date(2026, 3, 1) + timedelta(days=i), status=status, delivered=i)
        for i in range(n)
        for job, status in (("daily_deadlines", "succeeded"), ("holiday_notice", "failed"))
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["staff_client", "officer_client", "county_leader_client"])
def test_only_commission_admins_see_the_jobs(request, persona):
    client = request.getfixturevalue(persona)
    for url in (LIST, detail("daily_deadlines")):
        assert client.get(url).status_code == 404
    assert client.post(reverse("jobs:run", args=["daily_deadlines"]), {"day": "2026-03-02"}).status_code == 404
    assert client.post(reverse("jobs:schedule", args=["daily_deadlines"]), {}).status_code == 404
    assert not JobRun.objects.exists()


@pytest.mark.django_db
def test_the_list_shows_each_jobs_last_run_and_failures_in_fixed_queries(
    commission_admin_client, django_assert_max_num_queries
):
    make_runs(2)
    with django_assert_max_num_queries(12):
        few = commission_admin_client.get(LIST)
    make_runs(30)
    with django_assert_max_num_queries(12):
        page = commission_admin_client.get(LIST)
    assert few.status_code == page.status_code == 200
    rows = {row["job"].name: row for row in page.context["rows"]}
    assert len(rows) == 8
    assert rows["holiday_notice"]["failures"] == 32 and rows["holiday_notice"]["last"].status == "failed"
    assert rows["daily_deadlines"]["last"].delivered == 29 and rows["daily_deadlines"]["failures"] == 0
    assert rows["monthly_ranking"]["last"] is None
    assert "每月25日 09:00" in page.content.decode()


@pytest.mark.django_db
def test_an_admin_moves_a_schedule_and_its_option(commission_admin_client):
    url = reverse("jobs:schedule", args=["holiday_notice"])
    form = {"enabled": "on", "hour": "9", "minute": "15", "day_of_month": "*", "day_of_week": "1-5",
            "working_days_before": "5"}  # fmt: skip
    response = commission_admin_client.post(url, form)
    assert response.status_code == 302
    task = PeriodicTask.objects.get(task="holiday_notice")
    assert describe(task) == "每周1-5 09:15"
    assert json.loads(task.kwargs) == {"working_days_before": 5}
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == ("9", "15", "Asia/Shanghai")


@pytest.mark.django_db
def test_bad_schedule_input_is_refused_in_chinese_and_nothing_changes(commission_admin_client):
    before = PeriodicTask.objects.get(task="monthly_progress_reminder").crontab_id
    url = reverse("jobs:schedule", args=["monthly_progress_reminder"])
    form = {"enabled": "on", "hour": "25", "minute": "0", "day_of_month": "32", "day_of_week": "*"}
    response = commission_admin_client.post(url, form)
    assert response.status_code == 400
    text = response.content.decode()
    assert "每月几日格式不正确" in text and "确保该值小于或等于23" in text
    assert PeriodicTask.objects.get(task="monthly_progress_reminder").crontab_id == before


@pytest.mark.django_db
def test_run_now_runs_the_job_for_the_chosen_day_and_records_it(commission_admin_client):
    response = commission_admin_client.post(reverse("jobs:run", args=["daily_deadlines"]), {"day": "2026-03-02"})
    assert response.status_code == 302
    run = JobRun.objects.get(job="daily_deadlines")
    assert (run.run_for, run.trigger, run.status) == (date(2026, 3, 2), "manual", "succeeded")
    page = commission_admin_client.get(detail("daily_deadlines"))
    assert "2026-03-02" in page.content.decode() and "手动触发" in page.content.decode()


@pytest.mark.django_db
def test_run_now_refuses_a_future_or_missing_day(commission_admin_client):
    url = reverse("jobs:run", args=["daily_deadlines"])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = commission_admin_client.post(url, {"day": tomorrow.isoformat()}, follow=True)
    assert "不能按将来的日期运行任务。" in response.content.decode()
    response = commission_admin_client.post(url, {"day": "明天"}, follow=True)
    assert "请输入有效日期" in response.content.decode()
    assert not JobRun.objects.exists()


@pytest.mark.django_db
def test_an_unknown_job_is_a_404(commission_admin_client):
    assert commission_admin_client.get(detail("nope")).status_code == 404
