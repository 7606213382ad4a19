"""Script in every text a person can type comes back escaped on every page that shows it, staff's and the public's."""

import pytest
from django.urls import reverse

from cases.models import Report
from rectification.models import Problem
from tests.cases.factories import CaseFactory, ClueFactory, ReportFactory
from tests.factories import TaskFactory, UnitFactory
from tests.inspections.factories import FindingFactory
from tests.rectification.progress_helpers import problem_in

pytestmark = pytest.mark.django_db
PAYLOAD = "<script>alert(1)</script>"  # short enough for the narrowest name columns (50)
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def hostile_rows(commission):
    unit = UnitFactory(name=f"单位{PAYLOAD}", kind="township")
    task = TaskFactory(title=f"任务{PAYLOAD}", content=PAYLOAD, lead_unit=unit)
    report = ReportFactory(accused_name=f"某{PAYLOAD}", accused_unit_name=PAYLOAD, content=PAYLOAD, place=PAYLOAD,
                           status=Report.Status.ACCEPTED)  # fmt: skip
    clue = ClueFactory(report=report, summary=PAYLOAD, accused_name=f"某{PAYLOAD}")
    case = CaseFactory(clue=clue, title=f"案由{PAYLOAD}")
    finding = FindingFactory(unit=unit, place=PAYLOAD, description=PAYLOAD)
    problem = problem_in(unit, status=Problem.Status.PENDING, title=f"问题{PAYLOAD}")
    return {
        "responsibility:ledger": (), "responsibility:task-detail": (task.pk,),
        "cases:report-list": (), "cases:report-detail": (report.pk,),
        "cases:clue-list": (), "cases:clue-detail": (clue.pk,),
        "cases:case-list": (), "cases:case-detail": (case.pk,),
        "inspections:finding-list": (), "inspections:finding-detail": (finding.pk,),
        "rectification:problem-list": (), "rectification:problem-detail": (problem.pk,),
        "orgs:unit-list": (),
    }  # fmt: skip


def test_every_staff_page_shows_typed_script_as_text(staff_client, hostile_rows):
    for name, args in hostile_rows.items():
        page = staff_client.get(reverse(name, args=args))
        html = page.content.decode()
        assert page.status_code == 200, name
        assert PAYLOAD not in html and ESCAPED in html, name  # shown, as text


def test_the_api_returns_typed_script_as_data_not_markup(staff_client, hostile_rows):
    response = staff_client.get("/api/v1/responsibility/tasks/")
    assert response["Content-Type"] == "application/json" and PAYLOAD in response.json()["results"][0]["title"]
