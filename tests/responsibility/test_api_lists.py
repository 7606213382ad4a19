"""The checklist API's lists: the ledger's filters, a fixed number of queries at any size, and the schema."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from orgs.models import Unit
from responsibility.models import (
    AcceptanceDecision,
    AccountabilityRecord,
    Plan,
    ProgressAttachment,
    ProgressReport,
    ResponsibilityLetter,
    SupervisionNotice,
    Task,
)  # fmt: skip
from responsibility.periods import today
from tests.factories import PersonFactory, PlanFactory, TaskFactory, UnitFactory
from tests.responsibility.test_api import API

pytestmark = pytest.mark.django_db

ROWS = 40


def numbers(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["number"] for row in response.json()["results"]]


# The ledger's filters ----------------------------------------------------------------------------


@pytest.fixture
def ledger(task, lead_unit, co_unit, other_unit):
    """Task 1 (the fixture's, lagging), 2 (other lead unit, co-unit other_unit, closed), 3 (in progress, on time)."""
    Task.objects.filter(pk=task.pk).update(number=1, progress=10)
    second_lead = UnitFactory(name="第二牵头局", kind=Unit.Kind.DEPARTMENT, is_lead_unit=True)
    second = TaskFactory(
        number=2, title="公款吃喝整治", lead_unit=second_lead, co_units=[other_unit], status=Task.Status.CLOSED,
        progress=100, plan=PlanFactory(year=2025),
    )  # fmt: skip
    third = TaskFactory(
        number=3, title="窗口服务提升", plan=task.plan, lead_unit=lead_unit, status=Task.Status.IN_PROGRESS,
        progress=60, starts_on=today(), milestones=[(today() + timedelta(days=30), 80)],
    )  # fmt: skip
    return task, second, third


def test_tasks_filter_like_the_ledger(staff_client, ledger, co_unit, other_unit, owner_user):
    task, second, _ = ledger
    url = f"{API}/tasks/"
    assert numbers(staff_client.get(url)) == [1, 2, 3]
    assert numbers(staff_client.get(url, {"plan": task.plan_id})) == [1, 3]
    assert numbers(staff_client.get(url, {"year": 2025})) == [2]
    assert numbers(staff_client.get(url, {"owner": owner_user.person.pk})) == [1]
    assert numbers(staff_client.get(url, {"lead_unit": second.lead_unit_id})) == [2]
    assert numbers(staff_client.get(url, {"co_unit": co_unit.pk})) == [1]
    assert numbers(staff_client.get(url, {"co_unit": other_unit.pk})) == [2]
    assert numbers(staff_client.get(url, {"status": "in_progress"})) == [3]
    assert numbers(staff_client.get(url, {"lagging": True})) == [1]
    assert numbers(staff_client.get(url, {"lagging": False})) == [2, 3]
    assert numbers(staff_client.get(url, {"q": "吃喝"})) == [2]
    # Factory texts carry sequence numbers, which "3" would also match: only the task number may.
    Plan.objects.update(title="年度责任清单")
    Task.objects.filter(title__regex=r"\d").update(title="责任任务")
    Task.objects.update(content="任务内容")
    assert numbers(staff_client.get(url, {"q": "3"})) == [3]
    assert numbers(staff_client.get(url, {"ordering": "-progress"})) == [2, 3, 1]
    assert numbers(staff_client.get(url, {"ordering": "next_milestone"}))[:2] == [1, 3]


def test_ledger_columns_in_the_list(staff_client, ledger):
    rows = {row["number"]: row for row in staff_client.get(f"{API}/tasks/").json()["results"]}
    assert (rows[1]["is_lagging"], rows[1]["next_milestone"]) == (True, "2026-03-31")
    assert (rows[3]["is_lagging"], rows[3]["next_milestone"]) == (False, f"{today() + timedelta(days=30)}")
    assert rows[2]["co_units"] == [{"id": ledger[1].co_units.get().pk, "name": "无关局"}]
    assert "milestones" not in rows[1]


def test_filters_stay_within_scope(other_client, ledger, other_unit):
    assert numbers(other_client.get(f"{API}/tasks/", {"co_unit": other_unit.pk})) == [2]
    assert numbers(other_client.get(f"{API}/tasks/", {"status": "in_progress"})) == []


@pytest.mark.parametrize(
    "params", [{"status": "lost"}, {"owner": "某人"}, {"plan": 999999}, {"ordering": "title"}, {"year": "今年"}]
)
def test_bad_filter_is_400(staff_client, ledger, params):
    response = staff_client.get(f"{API}/tasks/", params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


# Query counts ------------------------------------------------------------------------------------


@pytest.fixture
def many(lead_unit, co_unit, other_unit, owner_user, staff_user, lead_officer):
    """ROWS tasks of the lead unit, each with two co-units, two milestones, a report with an attachment,
    a notice, a pending acceptance, an accountability record and a letter."""
    leader = owner_user.person
    plans = [PlanFactory() for _ in range(4)]
    for n in range(ROWS):
        task = TaskFactory(
            plan=plans[n % 4], lead_unit=lead_unit, owner=leader, co_units=[co_unit, other_unit],
            status=Task.Status.ACCEPTANCE_REQUESTED, progress=100,
            milestones=[(date(2026, 3, 31), 50), (date(2026, 12, 15), 100)],
        )  # fmt: skip
        report = ProgressReport.objects.create(
            task=task,
            unit=lead_unit,
            period=today().replace(day=1),
            text="进展",
            percent=100,
            submitted_by=lead_officer,
        )
        ProgressAttachment.objects.create(
            report=report, file=f"responsibility/reports/{n}.pdf", name=f"{n}.pdf", size=9
        )
        SupervisionNotice.objects.create(
            task=task, unit=lead_unit, content="督办", reply_deadline=today(), issued_by=staff_user
        )
        AcceptanceDecision.objects.create(task=task, requested_by=lead_officer)
        AccountabilityRecord.objects.create(
            task=task, unit=lead_unit, measure="talk", reason="滞后", decided_on=today(), recorded_by=staff_user
        )
        ResponsibilityLetter.objects.create(
            year=2026, kind=ResponsibilityLetter.Kind.LEADER_LEAD_UNIT, issuer=leader, signer_unit=lead_unit,
            signer=PersonFactory(unit=lead_unit),
        )  # fmt: skip


LISTS = [
    ("plans", {}, 4),
    ("tasks", {}, ROWS),
    ("tasks", {"lagging": True, "co_unit": "co", "ordering": "-next_milestone"}, ROWS),
    ("reports", {}, ROWS),
    ("notices", {"state": "open"}, ROWS),
    ("acceptances", {"pending": True}, ROWS),
    ("letters", {"year": 2026}, ROWS),
    ("accountability", {}, ROWS),
]


@pytest.mark.parametrize("persona", ["staff_client", "lead_client"])
@pytest.mark.parametrize(("path", "params", "rows"), LISTS)
def test_lists_run_a_fixed_number_of_queries(
    request, persona, path, params, rows, many, co_unit, django_assert_max_num_queries
):
    client = request.getfixturevalue(persona)
    if params.get("co_unit") == "co":
        params = {**params, "co_unit": co_unit.pk}
    with django_assert_max_num_queries(7):
        response = client.get(f"{API}/{path}/", params)
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == rows


def test_task_detail_queries(staff_client, many, django_assert_max_num_queries):
    task = Task.objects.first()
    with django_assert_max_num_queries(7):
        response = staff_client.get(f"{API}/tasks/{task.pk}/")
    assert len(response.json()["milestones"]) == 2


# The schema --------------------------------------------------------------------------------------


def test_schema_lists_the_checklist(staff_client):
    response = staff_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = set(response.json()["paths"])
    assert {
        f"{API}/tasks/", f"{API}/tasks/{{id}}/", f"{API}/tasks/{{id}}/reports/",
        f"{API}/tasks/{{id}}/request-acceptance/", f"{API}/tasks/{{id}}/decide-acceptance/",
        f"{API}/plans/", f"{API}/reports/", f"{API}/notices/", f"{API}/notices/{{id}}/reply/",
        f"{API}/notices/{{id}}/close/", f"{API}/acceptances/", f"{API}/letters/", f"{API}/letters/{{id}}/sign/",
        f"{API}/accountability/",
    } <= paths  # fmt: skip


def test_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn turns any warning drf-spectacular raises for a view into an error.
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yaml"))
