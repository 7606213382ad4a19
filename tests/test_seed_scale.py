import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.models import Report
from cases.numbering import next_number
from jiancha.scale import counts
from responsibility.models import Plan, Task, TaskCoUnit
from tests.factories import client_for

pytestmark = pytest.mark.django_db
SCALE = 0.001


@pytest.fixture
def seeded():
    out = io.StringIO()
    call_command("seed_scale", scale=SCALE, stdout=out)
    return out.getvalue()


def table_counts() -> dict:
    return {model: model.objects.count() for model in counts(SCALE)}


def test_every_table_holds_the_formulas_count(seeded):
    assert table_counts() == counts(SCALE)
    assert counts(SCALE)[Report] == 1000 and counts(1)[Report] == 1_000_000
    assert "cases_report" in seeded and "1,000" in seeded


def test_a_second_run_refuses_and_changes_nothing(seeded):
    before = table_counts()
    with pytest.raises(CommandError, match="已有数据"):
        call_command("seed_scale", scale=SCALE, stdout=io.StringIO())
    assert table_counts() == before


def test_tasks_option_sets_the_task_count_and_scale_sets_the_rest():
    call_command("seed_scale", scale=SCALE, tasks=2500, stdout=io.StringIO())
    assert table_counts() == counts(SCALE, tasks=2500)
    assert (Task.objects.count(), TaskCoUnit.objects.count(), Plan.objects.count()) == (2500, 2500, 3)
    assert counts(SCALE)[Task] == 20 and counts(SCALE, tasks=2500)[Report] == counts(SCALE)[Report]


@pytest.mark.parametrize("tasks", [0, -5])
def test_tasks_option_must_be_positive(tasks):
    with pytest.raises(CommandError, match="--tasks 须大于 0"):
        call_command("seed_scale", scale=SCALE, tasks=tasks, stdout=io.StringIO())
    assert not Task.objects.exists()


def test_real_name_reports_decrypt_to_the_one_invented_reporter(seeded):
    reports = Report.objects.filter(is_real_name=True)
    assert reports.count() == 100
    assert {report.reporter_name for report in reports} == {"演示举报人"}
    assert not Report.objects.filter(is_demo=False).exists()


def test_numbers_handed_out_afterwards_do_not_collide(seeded):
    year = timezone.localdate().year
    assert not Report.objects.filter(number=next_number("report", year)).exists()


STAFF_LISTS = [
    ("responsibility:ledger", "工作任务1"),
    ("cases:report-list", "XF"),
    ("cases:clue-list", "XS"),
    ("cases:case-list", "AJ"),
    ("inspections:finding-list", "明察暗访1"),
    ("rectification:problem-list", "整改问题"),
]


@pytest.mark.parametrize(("url_name", "shown"), STAFF_LISTS)
def test_generated_rows_open_in_the_staff_lists(seeded, url_name, shown):
    # scale000000 is an officer of unit 0, the commission: a generated commission staff member.
    staff = get_user_model().objects.get(username="scale000000")
    response = client_for(staff).get(reverse(url_name))
    assert response.status_code == 200
    assert shown in response.content.decode()


def test_an_officer_sees_a_year_of_reminders_and_the_public_sees_commitments(seeded):
    officer = get_user_model().objects.get(username="scale000001")
    assert "任务进度" in client_for(officer).get(reverse("notifications:inbox")).content.decode()
    response = Client().get(reverse("rectification_public:commitment-list"))
    assert response.status_code == 200
    assert "建立制度，限期整改" in response.content.decode()
