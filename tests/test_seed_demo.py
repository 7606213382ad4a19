import io

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cases import demo as cases_demo
from cases.models import Case, CaseDocument, Clue, Exposure, Report, Transfer
from cases.services.public import report_query
from inspections.models import Finding, Team
from inspections.models import Plan as InspectionPlan
from orgs.demo import DEMO_LOGINS, DEMO_PASSWORD
from orgs.models import Person, Role, RoleAssignment, Unit
from rectification.models import Commitment, Problem, Rating
from responsibility import access, selectors
from responsibility.models import (
    AccountabilityRecord,
    Plan,
    ProgressReport,
    Ranking,
    ResponsibilityLetter,
    SupervisionNotice,
    Task,
    TaskCoUnit,
)  # fmt: skip

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    models = (Unit, Person, RoleAssignment, Team, get_user_model(), LogEntry)
    models += (Task, ProgressReport, ResponsibilityLetter, SupervisionNotice, AccountabilityRecord, Ranking)
    models += (Report, Clue, Transfer, Case, Exposure, InspectionPlan, Finding, Problem, Commitment, Rating)
    return {m.__name__: list(m.objects.order_by("pk").values_list("pk", flat=True)) for m in models} | {
        "members": list(Team.members.through.objects.values_list("team_id", "person_id").order_by("pk")),
        "passwords": list(get_user_model().objects.order_by("pk").values_list("password", flat=True)),
    }


@pytest.fixture
def seeded(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the demo cases' documents
    call_command("seed_demo", stdout=io.StringIO())


def test_demo_county_and_its_year_of_reports_have_the_seed_figures(seeded):
    kinds = Unit.Kind
    assert Unit.objects.filter(kind=kinds.TOWNSHIP).count() == 57
    assert Unit.objects.filter(kind=kinds.DEPARTMENT).count() == 73
    assert Unit.objects.filter(kind=kinds.TOWNSHIP_COMMISSION).count() == 57
    assert Unit.objects.filter(kind=kinds.COMMISSION_OFFICE).count() >= 5
    assert Unit.objects.filter(kind=kinds.DISCIPLINE_GROUP).exists()
    assert Unit.objects.filter(is_lead_unit=True).count() == 7
    assert Unit.objects.filter(is_co_unit=True).count() == 53
    assert Person.objects.filter(role_assignments__role=Role.COUNTY_LEADER).count() == 7
    assert Person.objects.filter(is_invited_supervisor=True).count() == 17
    assert Team.objects.count() == 20
    leaders = set(Team.objects.values_list("leader__role_assignments__role", flat=True))
    assert leaders == {Role.COMMISSION_LEADER}
    supervisors_in_teams = Person.objects.filter(is_invited_supervisor=True, teams__isnull=False).distinct()
    assert supervisors_in_teams.count() == 17
    # A year of reports, clues and cases (seeded with the county, so one seeding serves both).
    assert Report.objects.count() == Report.objects.filter(is_demo=True).count() == 541
    # The clues of reports; a few more come from inspection findings (tests/inspections/test_demo.py).
    clues = Clue.objects.filter(report__isnull=False).count()
    assert (clues, Case.objects.count(), Transfer.objects.count()) == (53, 46, 26)
    assert Exposure.objects.filter(status=Exposure.Status.PUBLISHED).count() == 10
    assert set(Report.objects.values_list("status", flat=True)) == set(Report.Status.values)
    concluded = Case.objects.filter(stage=Case.Stage.CONCLUDED)
    assert all(case.documents.count() == len(CaseDocument.Kind.values) for case in concluded)
    real_name = Report.objects.filter(is_real_name=True).first()
    assert real_name.reporter_id_number.startswith("999999")  # no real region has this code
    followed = Report.objects.exclude(query_code_hash="").get()  # the one a visitor can follow, as printed
    opened = report_query(number=followed.number, query_code=cases_demo.QUERY_CODE, password=cases_demo.QUERY_PASSWORD)
    assert opened.pk == followed.pk


def test_demo_checklist_has_the_seed_figures_a_mix_of_progress_and_work_for_the_demo_logins(seeded):
    assert Plan.objects.count() == 22
    assert Task.objects.count() == 67
    assert Task.objects.values("owner").distinct().count() == 7
    assert Task.objects.values("lead_unit").distinct().count() == 7
    assert TaskCoUnit.objects.values("unit").distinct().count() == 53
    if timezone.localdate().month >= 3:  # the demo replays the year so far: in January nothing has happened yet
        assert set(Task.objects.values_list("status", flat=True)) == set(Task.Status.values)
        lagging = selectors.with_lagging(Task.objects.all()).filter(is_lagging=True).count()
        assert 0 < lagging < 67
        assert ProgressReport.objects.filter(is_late=True).exists()
        assert AccountabilityRecord.objects.exists()
    signed = ResponsibilityLetter.objects.filter(signed_on__isnull=False).count()
    assert 0 < signed < ResponsibilityLetter.objects.count()
    notices = SupervisionNotice.objects
    assert notices.filter(replied_at__isnull=True).exists() and notices.filter(closed_at__isnull=False).exists()
    # Every closed month of the year has its stored ranking (none in January, when no month has closed yet).
    assert Ranking.objects.filter(kind="monthly").count() == timezone.localdate().month - 1
    # The demo logins of a lead unit and a co-unit have work; a township's has none on the checklist.
    users = get_user_model().objects.in_bulk(["dept", "dept2", "officer"], field_name="username")
    assert access.tasks_led(users["dept"]).exists()
    assert access.tasks_reportable(users["dept2"]).exists()
    assert not access.tasks_led(users["dept2"]).exists()
    assert not access.tasks_reportable(users["officer"]).exists()


def test_one_demo_login_per_role(seeded, client):
    assert {login.role for login in DEMO_LOGINS} == set(Role.values)
    for login in DEMO_LOGINS:
        user = get_user_model().objects.get(username=login.username)
        assert user.person.role_assignments.filter(role=login.role).exists()
        response = client.post(reverse("login"), {"username": login.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, login.username
        client.post(reverse("logout"))


def test_running_twice_changes_nothing(seeded):
    before = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == before


def test_readme_lists_the_demo_logins():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert DEMO_PASSWORD in readme
    for login in DEMO_LOGINS:
        assert f"`{login.username}`" in readme
