"""The checklist's dashboard figures: exact numbers from hand-made tasks, links that lead to the same counts, a
county leader's own tasks only, the latest monthly ranking, and a fixed number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from dashboard.figures import Figure, Scope
from dashboard.responsibility import figures
from dashboard.scope import dashboard_scope
from orgs.models import Role, Unit
from responsibility.models import Ranking, RankingEntry, Task
from responsibility.periods import month_end, previous_month, today
from responsibility.rankings import rule_snapshot
from tests.factories import PersonFactory, PlanFactory, TaskFactory, UnitFactory, user_with_role

pytestmark = pytest.mark.django_db

URL = reverse("dashboard:index")
S = Task.Status


@pytest.fixture
def county(county_leader_user):
    """Five tasks of this year's plan (three lagging) for two leaders, two lead units and a co-unit, and one
    lagging task of last year's plan that no figure of this year counts."""
    day, year = today(), today().year
    ours, theirs = county_leader_user.person, PersonFactory(name="常委乙", roles=[Role.COUNTY_LEADER])
    first, second = (UnitFactory(name=n, kind=Unit.Kind.DEPARTMENT, is_lead_unit=True) for n in ("甲局", "乙局"))
    co = UnitFactory(name="丙局", kind=Unit.Kind.DEPARTMENT, is_co_unit=True)
    plan = PlanFactory(year=year)
    overdue = [(day - timedelta(days=1), 50)]  # a milestone passed unmet: lagging until closed

    def make(owner, lead, status, **fields):
        return TaskFactory(plan=plan, owner=owner, lead_unit=lead, status=status, **fields)

    make(ours, first, S.IN_PROGRESS, co_units=[co], milestones=overdue)
    make(ours, second, S.NOT_STARTED, milestones=overdue)
    make(theirs, first, S.IN_PROGRESS, co_units=[co], milestones=overdue)
    make(theirs, first, S.CLOSED, milestones=overdue)
    make(theirs, second, S.ACCEPTANCE_REQUESTED)
    TaskFactory(plan=PlanFactory(year=year - 1), owner=ours, lead_unit=first, milestones=overdue)
    return {"ours": ours, "theirs": theirs, "first": first, "second": second, "co": co, "year": year, "plan": plan}


def section(client, **params) -> dict[str, Figure]:
    page = client.get(URL, params)
    assert page.status_code == 200
    found = [figs for sec, figs in page.context["sections"] if sec.key == "responsibility"]
    return {figure.key: figure for figure in found[0]}


def numbers(figure: Figure) -> dict[str, float]:
    return {bar.label: bar.value for bar in figure.bars}


def ledger_count(client, url: str) -> int:
    page = client.get(url)
    assert page.status_code == 200 and url.startswith(reverse("responsibility:ledger"))
    return page.context["page"].paginator.count


def assert_links_match(client, figure: Figure) -> None:
    """Every bar and the total lead to a ledger listing exactly that many tasks."""
    for bar in figure.bars:
        assert ledger_count(client, bar.url) == bar.value, bar.label
    assert ledger_count(client, figure.total_url) == figure.total


def test_staff_see_every_task_of_the_year_by_status_and_lagging(county, staff_client):
    figs = section(staff_client, year=county["year"])
    assert numbers(figs["tasks-by-status"]) == {"未启动": 1, "推进中": 2, "申请验收": 1, "已验收销号": 1}
    assert figs["tasks-by-status"].chart == "doughnut"
    assert numbers(figs["lagging-by-owner"]) == {county["ours"].name: 2, "常委乙": 1}
    assert numbers(figs["lagging-by-lead-unit"]) == {"甲局": 2, "乙局": 1}
    assert "按今天判断" in figs["lagging-by-owner"].note
    for key in ("tasks-by-status", "lagging-by-owner", "lagging-by-lead-unit"):
        assert_links_match(staff_client, figs[key])


def test_the_unit_filter_keeps_tasks_the_unit_leads_or_co_organises(county, staff_client):
    figs = section(staff_client, year=county["year"], unit=county["co"].pk)
    assert numbers(figs["tasks-by-status"]) == {"未启动": 0, "推进中": 2, "申请验收": 0, "已验收销号": 0}
    assert numbers(figs["lagging-by-owner"]) == {county["ours"].name: 1, "常委乙": 1}
    assert numbers(figs["lagging-by-lead-unit"]) == {"甲局": 2}
    for key in ("tasks-by-status", "lagging-by-owner", "lagging-by-lead-unit"):
        assert_links_match(staff_client, figs[key])


def test_last_years_plan_is_counted_in_last_year(county, staff_client):
    figs = section(staff_client, year=county["year"] - 1)
    assert figs["tasks-by-status"].total == 1
    assert numbers(figs["lagging-by-lead-unit"]) == {"甲局": 1}
    assert_links_match(staff_client, figs["lagging-by-lead-unit"])


def test_a_county_leader_sees_only_their_own_tasks_and_the_links_agree(county, county_leader_client):
    figs = section(county_leader_client, year=county["year"])
    assert numbers(figs["tasks-by-status"]) == {"未启动": 1, "推进中": 1, "申请验收": 0, "已验收销号": 0}
    assert numbers(figs["lagging-by-owner"]) == {county["ours"].name: 2}
    assert numbers(figs["lagging-by-lead-unit"]) == {"甲局": 1, "乙局": 1}
    for key in ("tasks-by-status", "lagging-by-owner", "lagging-by-lead-unit"):
        assert_links_match(county_leader_client, figs[key])


@pytest.fixture
def rankings(county, township_a):
    """Last month's ranking of twelve units (the county's three among them) and an older one of the month before."""
    last, older = previous_month(today()), previous_month(previous_month(today()))
    units = [county["co"], county["first"], township_a] + [UnitFactory(name=f"单位{n}") for n in range(9)]
    for start, first_score in ((last, 98), (older, 60)):
        ranking = Ranking.objects.create(kind=Ranking.Kind.MONTHLY, period_start=start, period_end=month_end(start),
                                         rule=rule_snapshot())  # fmt: skip
        RankingEntry.objects.bulk_create(
            RankingEntry(ranking=ranking, unit=unit, rank=n + 1, score=Decimal(first_score - n) - Decimal("0.5"),
                         accountability=0)
            for n, unit in enumerate(units)
        )  # fmt: skip
    return {"last": last, "older": older, "units": units}


def test_the_latest_monthly_ranking_shows_the_top_ten_and_links_to_the_ranking_page(rankings, staff_client):
    figure = section(staff_client)["monthly-ranking"]
    assert len(figure.bars) == 10 and figure.unit == "分" and not figure.total_url
    assert (figure.bars[0].label, figure.bars[0].value) == ("第1名 丙局", 97.5)
    assert (figure.bars[-1].label, figure.bars[-1].value) == ("第10名 单位6", 88.5)
    assert f"{rankings['last'].year}年{rankings['last'].month}月" in figure.title
    page = staff_client.get(figure.bars[2].url)
    scores = {entry.unit.name: float(entry.score) for entry in page.context["view"].entries}
    assert page.context["period"].start == rankings["last"] and scores["甲镇"] == figure.bars[2].value


def test_a_past_month_shows_the_ranking_stored_for_it(rankings, staff_client):
    older = rankings["older"]
    figure = section(staff_client, year=older.year, month=older.month)["monthly-ranking"]
    assert figure.bars[0].value == 59.5 and f"{older.year}年{older.month}月" in figure.title


def test_a_county_leader_sees_the_ranking_of_their_tasks_units(rankings, county_leader_client):
    figure = section(county_leader_client)["monthly-ranking"]
    assert numbers(figure) == {"第1名 丙局": 97.5, "第2名 甲局": 96.5}
    assert county_leader_client.get(figure.bars[0].url).status_code == 200


def test_no_stored_ranking_says_so(county, staff_client):
    figure = section(staff_client)["monthly-ranking"]
    assert figure.bars == [] and "没有已生成的月评比排名" in figure.note


def test_a_unit_officer_cannot_reach_the_figures(county, officer_client):
    assert officer_client.get(URL).status_code == 404


def scope_of(user, **params) -> Scope:
    return dashboard_scope(user, params, today())[0]


@pytest.mark.parametrize("extra", [0, 60])
def test_four_queries_whatever_the_number_of_tasks_and_units(
    extra, county, rankings, staff_user, county_leader_user, django_assert_num_queries
):
    for n in range(extra):
        lead = UnitFactory(name=f"牵头{n}", kind=Unit.Kind.DEPARTMENT, is_lead_unit=True)
        owner = user_with_role(Role.COUNTY_LEADER, lead, f"leader{n}").person
        TaskFactory(plan=county["plan"], owner=owner, lead_unit=lead, co_units=[county["co"]])
    for user in (staff_user, county_leader_user):
        for params in ({}, {"unit": str(county["co"].pk)}):
            scope = scope_of(user, **params)
            with django_assert_num_queries(4):
                result = figures(scope)
    assert len(result) == 4
