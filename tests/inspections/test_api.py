"""The inspections read API: denials first (anonymous, units, other teams), then filters and fixed query counts."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from inspections.models import Bulletin, Evidence, Finding, Plan
from orgs.models import Person
from tests.factories import UnitFactory
from tests.inspections.factories import FindingFactory, PlanFactory, TeamFactory
from tests.inspections.media import JPEG_HEAD

pytestmark = pytest.mark.django_db

API = "/api/v1/inspections"
LISTS = ["teams", "plans", "findings", "bulletins"]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(response) -> set[int]:
    return {row["id"] for row in rows(response)}


@pytest.fixture
def finding_a(plan_a, township_a, inspector_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    finding = FindingFactory(plan=plan_a, unit=township_a, recorded_by=inspector_a, persons="张某")
    evidence = Evidence(finding=finding, name="现场.jpg", size=len(JPEG_HEAD))
    evidence.file.save("scene.jpg", ContentFile(JPEG_HEAD), save=False)
    evidence.save()
    return finding


@pytest.fixture
def plan_b(team_b, staff_user, township_b):
    plan = PlanFactory(team=team_b, created_by=staff_user, title="乙组暗访", checkpoint="2026-spring_festival")
    plan.target_units.add(township_b)
    return plan


@pytest.fixture
def bulletin(db):
    return Bulletin.objects.create(
        kind=Bulletin.Kind.WEEKLY, period_start=date(2026, 3, 2), period_end=date(2026, 3, 8),
        title="作风建设周通报（2026年3月2日—8日）", content={"total": 1},
    )  # fmt: skip


# Denials ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", LISTS)
def test_anonymous_gets_401(client, path):
    assert client.get(f"{API}/{path}/").status_code == 401


@pytest.mark.parametrize("status", [Plan.Status.ACTIVE, Plan.Status.DONE])
def test_unit_officer_sees_no_plan_nor_finding_even_of_their_own_unit(officer_client, plan_a, finding_a, status):
    Plan.objects.filter(pk=plan_a.pk).update(status=status)
    for path in LISTS:
        assert rows(officer_client.get(f"{API}/{path}/")) == [], path
    assert officer_client.get(f"{API}/plans/{plan_a.pk}/").status_code == 404
    assert officer_client.get(f"{API}/findings/{finding_a.pk}/").status_code == 404
    assert officer_client.get(f"{API}/teams/{plan_a.team_id}/").status_code == 404


def test_inspector_of_another_team_sees_a_plan_only_once_it_is_done(inspector_b_client, plan_a, finding_a, plan_b):
    assert ids(inspector_b_client.get(f"{API}/plans/")) == {plan_b.pk}
    assert inspector_b_client.get(f"{API}/plans/{plan_a.pk}/").status_code == 404
    assert inspector_b_client.get(f"{API}/findings/{finding_a.pk}/").status_code == 404
    Plan.objects.filter(pk=plan_a.pk).update(status=Plan.Status.DONE)
    assert ids(inspector_b_client.get(f"{API}/plans/")) == {plan_a.pk, plan_b.pk}
    assert ids(inspector_b_client.get(f"{API}/findings/")) == {finding_a.pk}


def test_inspector_lists_only_their_own_teams_and_no_bulletins(inspector_a_client, team_a, team_b, bulletin):
    assert ids(inspector_a_client.get(f"{API}/teams/")) == {team_a.pk}
    assert inspector_a_client.get(f"{API}/teams/{team_b.pk}/").status_code == 404
    assert rows(inspector_a_client.get(f"{API}/bulletins/")) == []


def test_inspector_sees_own_team_plan_in_any_status(inspector_a_client, plan_a, finding_a):
    for status in Plan.Status.values:
        Plan.objects.filter(pk=plan_a.pk).update(status=status)
        assert inspector_a_client.get(f"{API}/plans/{plan_a.pk}/").status_code == 200, status


# What the commission sees ------------------------------------------------------------------------------------


def test_staff_sees_every_plan_team_and_finding_with_evidence_urls(staff_client, plan_a, plan_b, finding_a):
    assert ids(staff_client.get(f"{API}/plans/")) == {plan_a.pk, plan_b.pk}
    assert ids(staff_client.get(f"{API}/teams/")) == {plan_a.team_id, plan_b.team_id}
    finding = staff_client.get(f"{API}/findings/{finding_a.pk}/").json()
    assert (finding["unit_name"], finding["plan_title"], finding["persons"]) == ("甲镇", plan_a.title, "张某")
    (evidence,) = finding["evidence"]
    url = reverse("inspections:evidence-download", args=[finding_a.evidence.get().pk])
    assert evidence["url"] == f"http://testserver{url}" and evidence["name"] == "现场.jpg"
    plan = staff_client.get(f"{API}/plans/{plan_a.pk}/").json()
    assert (plan["target_unit_names"], plan["finding_count"], plan["status_display"]) == (["甲镇"], 1, "实施中")


def test_team_shows_its_leader_and_members(staff_client, team_a, inspector_a):
    team = staff_client.get(f"{API}/teams/{team_a.pk}/").json()
    assert team["leader"]["id"] == team_a.leader_id
    assert [m["name"] for m in team["members"]] == ["督查员甲"]


# Filters ---------------------------------------------------------------------------------------------------


def _finding(plan, unit, category, when, disposition=""):
    return FindingFactory(plan=plan, unit=unit, category=category, occurred_at=when, disposition=disposition)


def test_finding_filters(staff_client, plan_a, plan_b, township_a, township_b):
    march = _finding(plan_a, township_a, Finding.Category.GAMES, datetime(2026, 3, 31, 23, 30, tzinfo=SHANGHAI))
    april = _finding(plan_b, township_b, Finding.Category.CARS, datetime(2026, 4, 1, 0, 30, tzinfo=SHANGHAI), "clue")
    url = f"{API}/findings/"
    assert ids(staff_client.get(url, {"plan": plan_a.pk})) == {march.pk}
    assert ids(staff_client.get(url, {"team": plan_b.team_id})) == {april.pk}
    assert ids(staff_client.get(url, {"unit": township_b.pk})) == {april.pk}
    assert ids(staff_client.get(url, {"category": "games"})) == {march.pk}
    assert ids(staff_client.get(url, {"disposition": "clue"})) == {april.pk}
    # Months in local time: half past eleven at night on 31 March is March in Shanghai.
    assert ids(staff_client.get(url, {"month": "2026-03"})) == {march.pk}
    assert ids(staff_client.get(url, {"month": "2026-04"})) == {april.pk}


def test_plan_filters(staff_client, plan_a, plan_b, township_a):
    Plan.objects.filter(pk=plan_b.pk).update(status=Plan.Status.DONE, starts_on=date(2026, 2, 14), ends_on="2026-02-20")
    Plan.objects.filter(pk=plan_a.pk).update(starts_on=date(2026, 3, 28), ends_on=date(2026, 4, 3))
    url = f"{API}/plans/"
    assert ids(staff_client.get(url, {"status": "done"})) == {plan_b.pk}
    assert ids(staff_client.get(url, {"team": plan_a.team_id})) == {plan_a.pk}
    assert ids(staff_client.get(url, {"unit": township_a.pk})) == {plan_a.pk}
    assert ids(staff_client.get(url, {"checkpoint": "2026-spring_festival"})) == {plan_b.pk}
    assert ids(staff_client.get(url, {"month": "2026-04"})) == {plan_a.pk}  # a period that runs into April
    assert ids(staff_client.get(url, {"month": "2026-02"})) == {plan_b.pk}


def test_bulletin_filters(staff_client, bulletin):
    monthly = Bulletin.objects.create(
        kind=Bulletin.Kind.MONTHLY, period_start=date(2025, 12, 1), period_end=date(2025, 12, 31), title="月简报",
        content={},
    )  # fmt: skip
    assert ids(staff_client.get(f"{API}/bulletins/", {"kind": "monthly"})) == {monthly.pk}
    assert ids(staff_client.get(f"{API}/bulletins/", {"year": 2026})) == {bulletin.pk}
    assert staff_client.get(f"{API}/bulletins/{bulletin.pk}/").json()["content"] == {"total": 1}


@pytest.mark.parametrize("path", ["plans", "findings"])
def test_a_month_not_written_as_year_month_is_refused(staff_client, path):
    response = staff_client.get(f"{API}/{path}/", {"month": "三月"})
    assert response.status_code == 400
    assert "2026-05" in str(response.json())


# Query counts ----------------------------------------------------------------------------------------------


@pytest.fixture
def many(commission, staff_user, settings, tmp_path):
    """Six teams with three members, six plans with three units, 18 findings with two photos each."""
    settings.MEDIA_ROOT = tmp_path
    members = [Person.objects.get(user=staff_user)] + [
        Person.objects.create(name=f"成员{i}", unit=commission) for i in range(2)
    ]
    monday = date(2026, 1, 5)
    for i in range(6):
        team = TeamFactory()
        team.members.set(members)
        plan = PlanFactory(team=team, created_by=staff_user)
        units = [UnitFactory() for _ in range(3)]
        plan.target_units.set(units)
        for unit in units:
            for _ in range(2):
                finding = FindingFactory(plan=plan, unit=unit)
                for n in range(2):
                    evidence = Evidence(finding=finding, name=f"{n}.jpg", size=len(JPEG_HEAD))
                    evidence.file.save(f"{n}.jpg", ContentFile(JPEG_HEAD), save=False)
                    evidence.save()
        Bulletin.objects.create(
            kind="weekly", period_start=monday + timedelta(weeks=i), period_end=monday + timedelta(weeks=i, days=6),
            title=f"第{i + 1}周", content={},
        )  # fmt: skip


# Session, user, actor, count and page, and one more for each list's related rows (members, units, evidence).
@pytest.mark.parametrize(
    ("path", "count", "queries"), [("teams", 6, 6), ("plans", 6, 6), ("findings", 36, 6), ("bulletins", 6, 5)]
)
def test_lists_take_a_fixed_number_of_queries(staff_client, many, django_assert_max_num_queries, path, count, queries):
    with django_assert_max_num_queries(queries):
        assert len(rows(staff_client.get(f"{API}/{path}/"))) == count


def test_inspector_lists_take_a_fixed_number_of_queries(many, inspector_b_client, django_assert_max_num_queries):
    Plan.objects.update(status=Plan.Status.DONE)
    for path, count in [("plans", 6), ("findings", 36)]:
        with django_assert_max_num_queries(6):
            assert len(rows(inspector_b_client.get(f"{API}/{path}/"))) == count
