"""The demo county's teams and their year of inspections: the seed figures of DOMAIN.md, and plausible data."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from cases.models import Clue
from inspections import checkpoints
from inspections import demo as inspections_demo
from inspections.models import Evidence, Finding, Plan, Team
from orgs.models import Person, Role
from rectification.models import Problem

pytestmark = pytest.mark.django_db
D = Finding.Disposition


@pytest.fixture
def seeded(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the demo's photos and documents
    call_command("seed_demo", stdout=io.StringIO())


def roles_of(person: Person) -> set[str]:
    return set(person.role_assignments.values_list("role", flat=True))


def assert_teams(teams: list[Team]) -> None:
    """20 teams, each led by a commission standing member, with staff and (17 of them) an invited supervisor."""
    assert len(teams) == 20
    for team in teams:
        members = list(team.members.all())
        assert Role.COMMISSION_LEADER in roles_of(team.leader), team.name
        assert any(Role.COMMISSION_STAFF in roles_of(member) for member in members), team.name
    supervisors = {m.pk for team in teams for m in team.members.all() if m.is_invited_supervisor}
    assert len(supervisors) == 17


def assert_plans(plans: list[Plan], today) -> None:
    """A year of plans, past ones done and the current one active, most of them at a holiday checkpoint."""
    assert len(plans) == 34
    assert sum(1 + plan.team.members.count() for plan in plans) == 132  # inspection person-times
    for plan in plans:
        assert today - timedelta(days=365) <= plan.starts_on <= plan.ends_on
        assert plan.status == (Plan.Status.DONE if plan.ends_on < today else Plan.Status.ACTIVE), plan
        assert plan.target_units.count() >= 2 and plan.target_places and plan.themes
        if plan.checkpoint:
            checkpoint = checkpoints.checkpoint_by_key(plan.checkpoint)
            assert checkpoint.window[0] <= plan.starts_on <= checkpoint.follow_up_on, plan
    assert any(plan.status == Plan.Status.ACTIVE for plan in plans)
    assert sum(1 for plan in plans if plan.checkpoint) > len(plans) / 2
    running = Plan.objects.filter(status=Plan.Status.ACTIVE, team__name="第1督查小组")
    assert running.exists()  # the demo inspector has a plan to record findings in


def assert_findings(findings: list[Finding]) -> None:
    """77 findings in their plan's period and units, by category, unit, place and description."""
    assert len(findings) == 77
    now = timezone.now()
    for finding in findings:
        day = timezone.localdate(finding.occurred_at)
        assert finding.plan.starts_on <= day <= finding.plan.ends_on and finding.occurred_at < now
        assert finding.plan.target_units.filter(pk=finding.unit_id).exists()
        assert finding.place and finding.description and finding.category in Finding.Category.values
    assert len({f.category for f in findings}) >= 8
    assert len({f.unit_id for f in findings}) >= 20


def assert_dispositions(findings: list[Finding]) -> None:
    """Mostly corrected on the spot; rectification notices and clues opened in their apps; two exposed."""
    counts = {value: sum(1 for f in findings if f.disposition == value) for value in [*D.values, ""]}
    assert (counts[D.RECTIFICATION], counts[D.CLUE], counts[D.EXPOSURE]) == (10, 3, 2)
    assert 1 <= counts[""] <= 2 and counts[D.CORRECTED] == 77 - 15 - counts[""]
    for finding in findings:
        assert finding.disposition == "" or finding.occurred_at <= finding.disposed_at <= timezone.now()
    # The findings' notices; the rectification demo adds inspection problems of its own with no finding behind them.
    problems = Problem.objects.filter(source=Problem.Source.INSPECTION, source_id__in=[f.pk for f in findings])
    linked = {(f.linked_kind, f.linked_id) for f in findings if f.disposition == D.RECTIFICATION}
    assert linked == {("rectification.problem", pk) for pk in problems.values_list("pk", flat=True)}
    clues = Clue.objects.filter(report__isnull=True, source_kind="inspection")
    assert {(f.linked_kind, f.linked_id) for f in findings if f.disposition == D.CLUE} == {
        ("cases.clue", pk) for pk in clues.values_list("pk", flat=True)
    }
    assert all(f.persons for f in findings if f.disposition == D.CLUE)  # a clue names whom it is about


def test_demo_teams_and_a_year_of_inspections_have_the_seed_figures(seeded):
    today = timezone.localdate()
    assert_teams(list(Team.objects.select_related("leader").order_by("id")))
    assert_plans(list(Plan.objects.select_related("team")), today)
    findings = list(Finding.objects.select_related("plan").order_by("occurred_at"))
    assert_findings(findings)
    assert_dispositions(findings)
    assert Evidence.objects.count() == 6
    assert Finding.objects.values("plan").annotate(n=Count("id")).filter(n__gte=1).count() >= 30

    before = (Plan.objects.count(), Finding.objects.count(), Problem.objects.count(), Clue.objects.count())
    inspections_demo.seed()
    assert (Plan.objects.count(), Finding.objects.count(), Problem.objects.count(), Clue.objects.count()) == before
