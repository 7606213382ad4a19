"""Rankings: the arithmetic on a hand-made month, storing, refusing open periods, access and query counts."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from orgs.models import Unit
from responsibility import demo, rankings, services
from responsibility.models import AccountabilityRecord, ProgressReport, Ranking, RankingEntry
from responsibility.periods import today
from responsibility.ranking_periods import Period, last_closed, period_of, period_parse
from tests.factories import TaskFactory, UnitFactory

MONTHLY, QUARTERLY, ANNUAL = Ranking.Kind.MONTHLY, Ranking.Kind.QUARTERLY, Ranking.Kind.ANNUAL
MARCH = date(2025, 3, 1)
PAGE = reverse("responsibility:rankings")
GENERATE = reverse("responsibility:ranking-generate")
API = "/api/v1/responsibility/rankings/"


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def report(task, unit, filed_on: date, percent: int, period: date = MARCH):
    return services.progress_report_file(
        task=task, unit=unit, user=None, period=period, text="进展", percent=percent, now=at(filed_on)
    )


def department(name: str) -> Unit:
    return UnitFactory(name=name, kind=Unit.Kind.DEPARTMENT)


@pytest.fixture
def march(staff_user):
    """Five units in March 2025; the expected scores are worked out in test_march_arithmetic."""
    a, b, c, d, e = (department(name) for name in ("甲局", "乙局", "丙局", "丁局", "戊局"))
    department("无任务局")
    t1 = TaskFactory(
        lead_unit=a, co_units=[b, d], starts_on=date(2025, 1, 1),
        milestones=[(date(2025, 3, 15), 50), (date(2025, 3, 31), 100)],
    )  # fmt: skip
    t2 = TaskFactory(lead_unit=b, co_units=[c, e], starts_on=date(2025, 1, 1), milestones=[(date(2025, 3, 20), 30)])
    report(t1, a, date(2025, 3, 10), 50)  # on time; meets the 15 March milestone
    report(t1, a, date(2025, 3, 25), 100)  # a second on-time report of the same month counts once
    report(t1, b, date(2025, 4, 3), 50)  # late
    report(t1, d, date(2025, 4, 4), 50)  # late
    report(t2, b, date(2025, 3, 18), 20)  # on time, but the 20 March milestone (30%) is missed
    report(t2, c, date(2025, 4, 1), 20)  # late; 戊局 never reports on t2
    services.task_request_acceptance(task=t1, user=None, now=at(date(2025, 3, 26)))
    services.task_decide_acceptance(
        task=t1, user=staff_user, passed=False, comments="资料不全", now=at(date(2025, 3, 28))
    )
    for task, unit, measure, dual, day in (
        (t1, a, "criticism", True, date(2025, 3, 20)),
        (t2, e, "talk", False, date(2025, 3, 5)),
        (t2, c, "sanction", False, date(2025, 4, 2)),  # April: not in March's ranking
    ):
        services.accountability_record(
            task=task, unit=unit, person=None, measure=measure, reason="推进滞后",
            dual_accountability=dual, decided_on=day, user=staff_user,
        )  # fmt: skip
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "t1": t1, "t2": t2}


def by_unit(entries) -> dict[str, RankingEntry]:
    return {e.unit.name: e for e in entries}


def test_march_arithmetic(march):
    ranking = rankings.ranking_compute(kind=MONTHLY, period_start=MARCH)
    entries = by_unit(ranking.entries.select_related("unit"))
    # (rank, score, timeliness, milestones, acceptance, accountability); None: not applicable
    expected = {
        "甲局": (1, "65.0", "40.0", "30.0", "0.0", "-5.0"),  # 1/1 on time, 2/2 milestones, 0/1 passed: 70; 3 + 2 dual
        "丙局": (2, "50.0", "20.0", None, None, "0.0"),  # 0.5/1 report: 20 of 40, rescaled to 100
        "丁局": (2, "50.0", "20.0", None, None, "0.0"),  # the same: a tie shares the rank
        "乙局": (4, "42.9", "30.0", "0.0", None, "0.0"),  # (1 + 0.5)/2 reports, 0/1 milestones: 30 of 70
        "戊局": (5, "0.0", "0.0", None, None, "-2.0"),  # missing report, a talk; never below 0
    }
    assert set(entries) == set(expected)
    for name, (rank, *figures) in expected.items():
        e = entries[name]
        assert (e.rank, e.score, e.timeliness, e.milestones, e.acceptance, e.accountability) == (
            rank, *(Decimal(f) if f else None for f in figures),
        ), name  # fmt: skip
    assert entries["乙局"].details["reports_due"] == 2
    assert entries["乙局"].details["reports_late"] == 1
    assert entries["甲局"].details["acceptance_returned"] == 1
    assert ranking.period_end == date(2025, 3, 31)


def test_quarter_counts_every_month_due(march):
    entries = by_unit(rankings.ranking_compute(kind=QUARTERLY, period_start=date(2025, 2, 14)).entries.all())
    assert entries["甲局"].details["reports_due"] == 3  # January to March
    assert entries["甲局"].timeliness == Decimal("13.3")  # 40 × 1/3
    assert entries["乙局"].details["reports_due"] == 6
    assert entries["乙局"].timeliness == Decimal("10.0")  # 40 × 1.5/6


def test_no_report_is_due_while_awaiting_acceptance(staff_user):
    unit = department("待验收局")
    task = TaskFactory(lead_unit=unit, starts_on=date(2025, 1, 1))
    report(task, unit, date(2025, 2, 20), 100, period=date(2025, 2, 1))
    services.task_request_acceptance(task=task, user=None, now=at(date(2025, 2, 25)))
    (entry,) = rankings.ranking_compute(kind=MONTHLY, period_start=MARCH).entries.all()
    assert entry.details["reports_due"] == 0
    assert (entry.timeliness, entry.milestones, entry.acceptance, entry.score) == (None, None, None, Decimal(100))


def test_stored_ranking_does_not_change_when_data_is_edited(march):
    ranking = rankings.ranking_compute(kind=MONTHLY, period_start=MARCH)
    before = list(ranking.entries.values_list("unit__name", "rank", "score", "details"))
    report(march["t2"], march["e"], date(2025, 4, 5), 30)
    AccountabilityRecord.objects.filter(unit=march["a"]).delete()
    ProgressReport.objects.filter(unit=march["b"]).update(is_late=False)

    again = rankings.ranking_compute(kind=MONTHLY, period_start=date(2025, 3, 31))

    assert again.pk == ranking.pk
    assert again.computed_at == ranking.computed_at
    assert list(again.entries.values_list("unit__name", "rank", "score", "details")) == before
    assert Ranking.objects.count() == 1
    fresh = by_unit(rankings.compute_entries(period_of(MONTHLY, MARCH)))
    assert fresh["甲局"].score == Decimal("70.0")  # the data did change: only the stored ranking did not


@pytest.mark.parametrize("shift, message", [(0, "尚未结束"), (400, "尚未开始")])
def test_open_and_future_periods_are_refused(db, shift, message):
    day = date.fromordinal(today().toordinal() + shift)
    for kind in (MONTHLY, QUARTERLY, ANNUAL):
        with pytest.raises(ValidationError, match=message):
            rankings.ranking_compute(kind=kind, period_start=day)
    assert not Ranking.objects.exists()


def test_compute_latest_stores_the_last_closed_period(march):
    ranking = rankings.ranking_compute_latest(kind=MONTHLY, day=date(2025, 4, 1))
    assert (ranking.kind, ranking.period_start) == (MONTHLY, MARCH)
    assert rankings.ranking_compute_latest(kind=MONTHLY, day=date(2025, 4, 30)).pk == ranking.pk


def test_periods_round_trip():
    for kind, day, key, label in (
        (MONTHLY, date(2026, 3, 9), "2026-03", "2026年3月"),
        (QUARTERLY, date(2026, 8, 9), "2026-Q3", "2026年第三季度"),
        (ANNUAL, date(2026, 8, 9), "2026", "2026年度"),
    ):
        period = period_of(kind, day)
        assert (period.key, period.label, period_parse(kind, key)) == (key, label, period)
    assert period_of(QUARTERLY, date(2026, 11, 2)) == Period(QUARTERLY, date(2026, 10, 1), date(2026, 12, 31))
    assert last_closed(QUARTERLY, date(2026, 1, 5)).key == "2025-Q4"
    assert period_parse(QUARTERLY, "2026-Q5") is None
    assert period_parse(MONTHLY, "2026-13") is None
    assert period_parse(ANNUAL, "abc") is None


def test_rule_weights_add_up_to_100_and_are_described():
    rule = rankings.rule_snapshot()
    assert sum(c["weight"] for c in rule["components"]) == 100
    assert any("报送及时（40 分）" in line for line in rule["description"])
    assert any("诫勉谈话扣 5 分" in line for line in rule["description"])


# Pages


def test_staff_generates_a_closed_month_and_the_page_shows_it_with_its_rule(march, staff_client):
    url = f"{PAGE}?kind=monthly&period=2025-03"
    page = staff_client.get(url).content.decode()
    assert "本期排名尚未生成" in page and 'name="period" value="2025-03"' in page

    response = staff_client.post(GENERATE, {"kind": "monthly", "period": "2025-03"}, follow=True)

    page = response.content.decode()
    assert "已生成月评比（2025年3月）" in page
    assert "生成于" in page and "甲局" in page and "65.0" in page
    ranking = Ranking.objects.get()
    Ranking.objects.filter(pk=ranking.pk).update(rule=ranking.rule | {"description": ["当时的规则文字"]})
    assert "当时的规则文字" in staff_client.get(url).content.decode()


def test_open_month_shows_a_live_preview_and_nothing_is_stored(staff_client):
    unit = department("本月局")
    task = TaskFactory(lead_unit=unit, starts_on=date(2025, 1, 1))
    report(task, unit, today(), 10, period=today())

    page = staff_client.get(f"{PAGE}?kind=monthly&period={today():%Y-%m}").content.decode()

    assert "实时预览，未定稿" in page and "本月局" in page
    assert '<button type="submit" class="primary narrow-button">生成</button>' not in page
    assert not Ranking.objects.exists()


def test_generating_an_open_period_is_refused_with_a_message(staff_client):
    response = staff_client.post(GENERATE, {"kind": "monthly", "period": f"{today():%Y-%m}"}, follow=True)
    assert "尚未结束" in response.content.decode()
    assert not Ranking.objects.exists()


def test_default_period_is_the_last_closed_one(staff_client):
    for kind in (MONTHLY, QUARTERLY, ANNUAL):
        page = staff_client.get(f"{PAGE}?kind={kind}").content.decode()
        assert f"<h2>{Ranking.Kind(kind).label}：{last_closed(kind, today()).label}</h2>" in page
        assert "本期排名尚未生成" in page


def test_bad_period_falls_back_with_a_message(staff_client):
    page = staff_client.get(f"{PAGE}?kind=quarterly&period=2026-Q9").content.decode()
    assert "所选期间无效" in page


def test_officer_gets_404_on_page_generate_and_api(march, officer_client):
    ranking = rankings.ranking_compute(kind=MONTHLY, period_start=MARCH)
    assert officer_client.get(PAGE).status_code == 404
    assert officer_client.post(GENERATE, {"kind": "monthly", "period": "2025-02"}).status_code == 404
    assert officer_client.get(API).status_code == 404
    assert officer_client.get(f"{API}{ranking.pk}/").status_code == 404
    assert Ranking.objects.count() == 1


def test_county_leader_views_but_cannot_generate(march, county_leader_client):
    page = county_leader_client.get(f"{PAGE}?kind=monthly&period=2025-03").content.decode()
    assert "本期排名尚未生成" in page and "排名由纪委监委工作人员生成" in page
    assert 'action="/responsibility/rankings/generate/"' not in page
    assert county_leader_client.post(GENERATE, {"kind": "monthly", "period": "2025-03"}).status_code == 404
    assert not Ranking.objects.exists()
    rankings.ranking_compute(kind=MONTHLY, period_start=MARCH)
    assert "甲局" in county_leader_client.get(f"{PAGE}?kind=monthly&period=2025-03").content.decode()
    assert county_leader_client.get(API).json()["count"] == 1


def test_navigation_shows_rankings_to_staff_and_leaders_only(staff_client, county_leader_client, officer_client):
    assert "排名考核" in staff_client.get("/").content.decode()
    assert "排名考核" in county_leader_client.get("/").content.decode()
    assert "排名考核" not in officer_client.get("/").content.decode()


def test_anonymous_api_call_is_refused(client):
    assert client.get(API).status_code == 401


# API


def test_api_lists_with_filters_and_shows_entries(march, staff_client):
    rankings.ranking_compute(kind=MONTHLY, period_start=MARCH)
    rankings.ranking_compute(kind=MONTHLY, period_start=date(2025, 2, 1))
    quarter = rankings.ranking_compute(kind=QUARTERLY, period_start=MARCH)

    assert staff_client.get(API, {"kind": "monthly", "year": 2025}).json()["count"] == 2
    assert staff_client.get(API, {"year": 2024}).json()["count"] == 0
    detail = staff_client.get(f"{API}{quarter.pk}/").json()

    assert detail["period_label"] == "2025年第一季度"
    assert detail["rule"]["components"][0] == {"key": "timeliness", "label": "报送及时", "weight": 40}
    # The quarter: 甲局 (13.3 + 30 + 0) − 5; 丙局, 丁局 6.7 of 40; 乙局 (10.0 + 0) of 70; 戊局 0 − 2.
    assert [(e["rank"], e["unit_name"], e["score"]) for e in detail["entries"]] == [
        (1, "甲局", "38.3"), (2, "丙局", "16.8"), (2, "丁局", "16.8"), (4, "乙局", "14.3"), (5, "戊局", "0.0"),
    ]  # fmt: skip
    assert detail["entry_count"] == 5


def test_api_is_read_only(march, staff_client):
    ranking = rankings.ranking_compute(kind=MONTHLY, period_start=MARCH)
    assert staff_client.post(API, {"kind": "monthly"}).status_code == 405
    assert staff_client.delete(f"{API}{ranking.pk}/").status_code == 405


# Query counts with many units


@pytest.fixture
def sixty_units(db):
    """60 lead units with a task each, reports in March 2025 and this month, one in three late."""
    tasks = [TaskFactory(starts_on=date(2025, 1, 1), milestones=[(date(2025, 3, 31), 50)]) for _ in range(60)]
    ProgressReport.objects.bulk_create(
        ProgressReport(task=task, unit_id=task.lead_unit_id, period=period, text="进展", percent=40, is_late=i % 3 == 0)
        for i, task in enumerate(tasks)
        for period in (MARCH, today().replace(day=1))
    )
    return tasks


def test_page_query_count_is_fixed_with_60_units(sixty_units, staff_client, django_assert_max_num_queries):
    rankings.ranking_compute(kind=MONTHLY, period_start=MARCH)
    with django_assert_max_num_queries(6):
        page = staff_client.get(f"{PAGE}?kind=monthly&period=2025-03").content.decode()
    assert "60 个参评单位" in page
    with django_assert_max_num_queries(12):
        page = staff_client.get(f"{PAGE}?kind=monthly&period={today():%Y-%m}").content.decode()
    assert "60 个参评单位" in page and "实时预览，未定稿" in page


def test_compute_query_count_is_fixed_with_60_units(sixty_units, django_assert_max_num_queries):
    # Seven reads, two inserts and the audit log entries (the ranking's, then one INSERT for all its rows), plus
    # savepoints: the same for 6 units or 6,000.
    with django_assert_max_num_queries(16):
        ranking = rankings.ranking_compute(kind=ANNUAL, period_start=MARCH)
    assert ranking.entries.count() == 60


def test_api_query_count_is_fixed_with_60_units(sixty_units, staff_client, django_assert_max_num_queries):
    for month in range(1, 13):
        ranking = rankings.ranking_compute(kind=MONTHLY, period_start=date(2025, month, 1))
    with django_assert_max_num_queries(5):
        listing = staff_client.get(API).json()
    assert listing["count"] == 12
    with django_assert_max_num_queries(5):
        detail = staff_client.get(f"{API}{ranking.pk}/").json()
    assert len(detail["entries"]) == 60


def test_demo_stores_the_closed_months_and_quarters_of_the_year_once(march):
    demo.seed_rankings(date(2025, 5, 10))
    stored = set(Ranking.objects.values_list("kind", "period_start"))
    assert stored == {(MONTHLY, date(2025, m, 1)) for m in range(1, 5)} | {(QUARTERLY, date(2025, 1, 1))}
    demo.seed_rankings(date(2025, 5, 10))
    assert Ranking.objects.count() == 5
