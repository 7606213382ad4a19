"""Inspection statistics: who may see them, the year's arithmetic on a hand-made set, and a bounded query count."""

from datetime import date, datetime

import pytest

from inspections.models import Finding, Plan
from orgs.models import Person
from tests.factories import PersonFactory, UnitFactory
from tests.inspections.factories import SHANGHAI, FindingFactory, PlanFactory, TeamFactory

pytestmark = pytest.mark.django_db

PAGE = "/inspections/statistics/"
S, D, C = Plan.Status, Finding.Disposition, Finding.Category


def at(*parts) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI)


@pytest.fixture
def figures(township_a, township_b):
    """2025 by hand. Team 1: a leader and two members (3). Team 2: a leader also listed as a member, one more (2)."""
    team1 = TeamFactory(name="第一组")
    team1.members.add(PersonFactory(), PersonFactory())
    team2 = TeamFactory(name="第二组")
    team2.members.add(team2.leader, PersonFactory())

    spring = PlanFactory(team=team1, starts_on=date(2025, 1, 28), checkpoint="2025-spring_festival", status=S.DONE)
    national = PlanFactory(team=team2, starts_on=date(2025, 9, 30), checkpoint="2025-national_day", status=S.ACTIVE)
    PlanFactory(team=team1, starts_on=date(2025, 10, 2), ends_on=date(2025, 10, 9), status=S.PLANNED)  # not started
    # Started in 2024 for the 2025 New Year: under its checkpoint, not in the year's totals.
    new_year = PlanFactory(team=team2, starts_on=date(2024, 12, 31), checkpoint="2025-new_year", status=S.DONE)
    later = PlanFactory(team=team1, starts_on=date(2026, 1, 5), status=S.DONE)

    FindingFactory(
        plan=spring, unit=township_a, category=C.GAMES, occurred_at=at(2025, 1, 29, 10), disposition=D.CORRECTED
    )
    FindingFactory(
        plan=spring, unit=township_a, category=C.BANQUETS, occurred_at=at(2025, 1, 30, 12), disposition=D.RECTIFICATION
    )
    FindingFactory(plan=national, unit=township_b, category=C.CARS, occurred_at=at(2025, 10, 2, 9))
    # The last half hour of 2025 in Shanghai is in the year; the last half hour of 2024 is not.
    FindingFactory(
        plan=national, unit=township_a, category=C.CARS, occurred_at=at(2025, 12, 31, 23, 30), disposition=D.CLUE
    )
    FindingFactory(plan=new_year, unit=township_b, category=C.GIFTS, occurred_at=at(2024, 12, 31, 23, 30))
    FindingFactory(
        plan=later, unit=township_b, category=C.GAMES, occurred_at=at(2026, 1, 1, 0, 30), disposition=D.EXPOSURE
    )


def counts(buckets) -> dict[str, int]:
    return {bucket.key: bucket.count for bucket in buckets if bucket.count}


def test_only_the_commission_sees_statistics(client, officer_client, county_leader_client, inspector_a_client, team_a):
    assert client.get(PAGE).status_code == 302  # to the login page
    for outsider in (officer_client, county_leader_client, inspector_a_client):
        assert outsider.get(PAGE).status_code == 404
        assert PAGE not in outsider.get("/").content.decode()


def test_year_figures_from_a_hand_made_set(leader_client, figures):
    response = leader_client.get(PAGE, {"year": "2025"})
    summary = response.context["summary"]
    assert (summary.plans, summary.person_times) == (2, 5)
    assert counts(summary.person_times_by_month) == {"1": 3, "9": 2}
    assert (summary.findings, summary.disposed, summary.open) == (4, 3, 1)
    assert counts(summary.by_category) == {"games": 1, "banquets": 1, "cars": 2}
    assert counts(summary.by_disposition) == {"corrected": 1, "rectification": 1, "clue": 1, "": 1}
    assert counts(summary.by_month) == {"1": 2, "10": 1, "12": 1}
    assert [(row.name, row.findings, row.open) for row in summary.by_unit] == [("甲镇", 3, 0), ("乙镇", 1, 1)]
    rows = {row.checkpoint.key: (row.plans, row.person_times, row.findings, row.open) for row in summary.by_checkpoint}
    assert rows == {
        "2025-new_year": (1, 2, 1, 1),
        "2025-spring_festival": (1, 3, 2, 0),
        "2025-qingming": (0, 0, 0, 0),
        "2025-labour_day": (0, 0, 0, 0),
        "2025-dragon_boat": (0, 0, 0, 0),
        "2025-national_day": (1, 2, 2, 1),
        "2025-mid_autumn": (0, 0, 0, 0),
    }
    page = response.content.decode()
    assert "检查 <strong>5</strong> 人次" in page and "未处理 <strong>1</strong> 个" in page
    assert '国庆 <span class="help small">10/1</span>' in page
    assert "检查人次：已开始实施" in page  # the counting rule is stated


def test_another_year_counts_only_its_own(staff_client, figures):
    summary = staff_client.get(PAGE, {"year": "2026"}).context["summary"]
    assert (summary.plans, summary.person_times, summary.findings, summary.open) == (1, 3, 1, 0)
    assert counts(summary.by_disposition) == {"exposure": 1}


@pytest.mark.parametrize("year", ["1999", "abc", "3000"])
def test_a_bad_year_shows_this_year_with_a_message(staff_client, year):
    response = staff_client.get(PAGE, {"year": year})
    assert response.status_code == 200
    assert "所选年度无效" in response.content.decode()
    assert response.context["summary"].findings == 0


def test_query_count_does_not_grow_with_rows(staff_client, figures, django_assert_max_num_queries):
    leader = Person.objects.filter(led_teams__isnull=False).first()
    for n in range(12):
        team = TeamFactory(leader=leader)
        team.members.add(PersonFactory())
        plan = PlanFactory(team=team, starts_on=date(2025, 5, 1 + n), checkpoint="2025-labour_day", status=S.DONE)
        FindingFactory(plan=plan, unit=UnitFactory(), occurred_at=at(2025, 5, 1 + n, 9))
    with django_assert_max_num_queries(6):
        summary = staff_client.get(PAGE, {"year": "2025"}).context["summary"]
    assert summary.person_times == 5 + 12 * 2
    assert len(summary.by_unit) == 2 + 12
