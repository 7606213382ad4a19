"""Every checklist list page runs a fixed number of queries, with enough rows that a per-row query would show."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from orgs.models import Person, Role, RoleAssignment, Unit
from responsibility.models import (
    AccountabilityRecord,
    Milestone,
    Plan,
    ProgressReport,
    ResponsibilityLetter,
    SupervisionNotice,
    Task,
    TaskCoUnit,
)  # fmt: skip
from responsibility.periods import previous_month, today
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

ROWS = 40
# Session, user, actor, count, page, co-units, the filter form's five choice lists, and one to check a chosen unit.
LEDGER_MAX_QUERIES = 12


def bulk_tasks(count: int, *, owner: Person, lead_unit: Unit, co_unit: Unit) -> list[Task]:
    """``count`` tasks over 22 plans, each with a co-unit, two milestones and a report: made in a few inserts."""
    plans = Plan.objects.bulk_create([Plan(year=2026, number=n, title=f"方案{n}") for n in range(1, 23)])
    tasks = Task.objects.bulk_create(
        Task(plan=plans[i % 22], number=i + 1, title=f"批量任务{i + 1}", content="内容", owner=owner,
             lead_unit=lead_unit, standard="标准", acceptance_method="办法", starts_on=date(2026, 1, 1),
             status=Task.Status.IN_PROGRESS, progress=i % 101, last_report_at=timezone.now())
        for i in range(count)
    )  # fmt: skip
    TaskCoUnit.objects.bulk_create(TaskCoUnit(task=t, unit=co_unit) for t in tasks)
    Milestone.objects.bulk_create(
        Milestone(task=t, due_on=due, requirement=f"达到{p}%", target_percent=p, met_on=met)
        for t in tasks
        for due, p, met in ((date(2026, 6, 30), 50, date(2026, 6, 20)), (date(2026, 12, 15), 100, None))
    )
    # Both units reported last month and the past milestone is met: none of these tasks is lagging.
    ProgressReport.objects.bulk_create(
        ProgressReport(task=t, unit=unit, period=previous_month(today()), text="进展", percent=t.progress)
        for t in tasks
        for unit in (lead_unit, co_unit)
    )
    return tasks


@pytest.fixture
def many(owner_user, lead_unit, co_unit):
    return lambda count: bulk_tasks(count, owner=owner_user.person, lead_unit=lead_unit, co_unit=co_unit)


@pytest.fixture
def county(owner_user):
    """Enough leaders and units that the filter's choices are not trivially short."""
    for n in range(6):
        unit = UnitFactory(name=f"牵头部门{n}", kind=Unit.Kind.DEPARTMENT, is_lead_unit=True)
        person = Person.objects.create(name=f"县委常委{n}", unit=owner_user.person.unit)
        RoleAssignment.objects.create(person=person, role=Role.COUNTY_LEADER)
        UnitFactory(name=f"协办单位{n}", kind=Unit.Kind.DEPARTMENT, is_co_unit=True)
        del unit


@pytest.mark.parametrize("count", [67, 5000])
def test_ledger_queries_do_not_grow_with_tasks(count, many, county, staff_client, django_assert_max_num_queries):
    many(count)
    url = reverse("responsibility:ledger")
    with django_assert_max_num_queries(LEDGER_MAX_QUERIES):
        response = staff_client.get(url, {"ordering": "-progress", "page": 2})
    assert response.text.count('<a href="/responsibility/tasks/') == 30
    assert f"共 {count} 条" in response.text
    co_unit = Unit.objects.get(name="协办局")
    with django_assert_max_num_queries(LEDGER_MAX_QUERIES):
        response = staff_client.get(url, {"lagging": "false", "q": "批量", "co_unit": co_unit.pk})
    assert f"共 {count} 条" in response.text


def test_my_tasks_queries(many, lead_client, lead_unit, staff_user, django_assert_max_num_queries):
    tasks = many(ROWS)
    SupervisionNotice.objects.bulk_create(
        SupervisionNotice(task=t, unit=lead_unit, content="督办", reply_deadline=today() + timedelta(days=3),
                          issued_by=staff_user)
        for t in tasks
    )  # fmt: skip
    with django_assert_max_num_queries(5):
        response = lead_client.get(reverse("responsibility:my-tasks"))
    assert response.text.count('<li class="task-card') == ROWS
    assert response.text.count("/reply/") == ROWS


def test_leader_view_queries(many, owner_client, django_assert_max_num_queries):
    many(ROWS)
    with django_assert_max_num_queries(6):
        response = owner_client.get(reverse("responsibility:leader-tasks"))
    assert response.text.count('<a href="/responsibility/tasks/') == ROWS


@pytest.mark.parametrize("who", ["staff", "lead"])
def test_notice_list_queries(
    who, many, lead_unit, staff_user, staff_client, lead_client, django_assert_max_num_queries
):
    tasks = many(ROWS)
    replied = {"reply": "已整改", "replied_by": staff_user, "replied_at": timezone.now()}
    SupervisionNotice.objects.bulk_create(
        SupervisionNotice(task=t, unit=lead_unit, content="督办", reply_deadline=today() - timedelta(days=i % 3),
                          issued_by=staff_user, **(replied if i % 2 else {}))
        for i, t in enumerate(tasks)
    )  # fmt: skip
    client = staff_client if who == "staff" else lead_client
    with django_assert_max_num_queries(5):
        response = client.get(reverse("responsibility:notice-list"), {"state": "all"})
    assert response.text.count('<a href="/responsibility/tasks/') == ROWS


def test_letter_list_queries(owner_user, staff_client, django_assert_max_num_queries):
    units = UnitFactory.create_batch(ROWS, kind=Unit.Kind.TOWNSHIP)
    ResponsibilityLetter.objects.bulk_create(
        ResponsibilityLetter(year=today().year, kind=ResponsibilityLetter.Kind.SECRETARY_TOWNSHIP,
                             issuer=owner_user.person, signer_unit=unit,
                             signed_on=today() if i % 2 else None)
        for i, unit in enumerate(units)
    )  # fmt: skip
    with django_assert_max_num_queries(7):
        response = staff_client.get(reverse("responsibility:letter-list"))
    assert response.text.count("登记签订</button>") == ROWS // 2


def test_accountability_list_queries(many, lead_unit, staff_user, staff_client, django_assert_max_num_queries):
    tasks = many(ROWS)
    person = Person.objects.create(name="被追责人", unit=lead_unit)
    AccountabilityRecord.objects.bulk_create(
        AccountabilityRecord(task=t, unit=lead_unit, person=person if i % 2 else None, measure="talk", reason="滞后",
                             decided_on=date(2026, 10, 1), recorded_by=staff_user)
        for i, t in enumerate(tasks)
    )  # fmt: skip
    with django_assert_max_num_queries(5):
        response = staff_client.get(reverse("responsibility:accountability-list"))
    assert response.text.count('<a href="/responsibility/tasks/') == ROWS


def test_task_page_queries_do_not_grow_with_its_history(task, lead_unit, staff_user, staff_client,
                                                        django_assert_max_num_queries):  # fmt: skip
    now = timezone.now()
    ProgressReport.objects.bulk_create(
        ProgressReport(task=task, unit=lead_unit, period=date(2026, 1, 1), text=f"第{i}次", percent=i,
                       submitted_at=now - timedelta(days=i))
        for i in range(ROWS)
    )  # fmt: skip
    SupervisionNotice.objects.bulk_create(
        SupervisionNotice(task=task, unit=lead_unit, content=f"督办{i}", reply_deadline=today(),
                          issued_by=staff_user, reply="已回复", replied_at=now)
        for i in range(ROWS)
    )  # fmt: skip
    with django_assert_max_num_queries(11):
        response = staff_client.get(reverse("responsibility:task-detail", args=[task.pk]))
    assert response.text.count('class="event ') == 3 * ROWS
