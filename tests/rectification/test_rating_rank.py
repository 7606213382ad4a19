"""The commission's ranking of the public rating, and the talks (约谈) with heads of low-ranked units."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from orgs.models import Unit
from rectification.models import Rating, Talk
from rectification.selectors_ratings import RankRow, rank_rows
from rectification.services_ratings import period_of
from tests.factories import RegionFactory, UnitFactory

RANKING = reverse("rectification:rating-ranking")
TALKS = reverse("rectification:talk-list")
TALK_NEW = reverse("rectification:talk-new")


@pytest.fixture
def period():
    return period_of(timezone.localdate())


def rate(unit: Unit, period: date, *scores: int) -> None:
    start = Rating.objects.count()
    Rating.objects.bulk_create(
        Rating(unit=unit, period=period, phone_key=f"key-{start + i}", score=score) for i, score in enumerate(scores)
    )


def talk_post(talked: Unit, when: date, **overrides) -> dict:
    fields = {
        "unit": talked.pk, "period": when.isoformat(), "held_on": timezone.localdate().isoformat(),
        "with_person": "张某某 镇党委书记", "held_by": "李某某 县纪委副书记",
        "notes": "指出群众满意度低的问题，要求限期整改。",
    }  # fmt: skip
    return {**fields, **overrides}


def held_talks(units: list[Unit], when: date, recorder) -> None:
    Talk.objects.bulk_create(
        Talk(
            unit=unit,
            period=when,
            held_on=when,
            with_person=f"负责人{i}",
            held_by="纪委",
            notes="约谈",
            recorded_by=recorder,
        )
        for i, unit in enumerate(units)
    )


def test_unit_officer_and_county_leader_get_404(officer_client, county_leader_client, township_a, period):
    for client in (officer_client, county_leader_client):
        for url in (RANKING, TALKS, TALK_NEW):
            assert client.get(url).status_code == 404
        assert client.post(TALK_NEW, talk_post(township_a, period)).status_code == 404
    assert not Talk.objects.exists()


def test_public_is_sent_to_login(client):
    for url in (RANKING, TALKS, TALK_NEW):
        assert client.get(url).status_code == 302


def test_nav_entry_for_the_commission_only(staff_client, officer_client):
    assert "群众测评" in staff_client.get(reverse("workbench")).content.decode()
    assert "群众测评" not in officer_client.get(reverse("workbench")).content.decode()


def test_rank_rows_shares_ranks_on_ties_and_flags_the_bottom_tenth():
    rows = [RankRow(f"u{i}", 1, Decimal(score)) for i, score in enumerate(["90.0", "80.0", "70.0", "65.0"])]
    ranked = rank_rows(rows)
    assert [(row.rank, row.is_low) for row in ranked] == [(1, False), (2, False), (3, False), (4, True)]
    # A tie at the edge of the bottom tenth shares the better rank, so neither is flagged.
    tied = rank_rows([RankRow(f"u{i}", 1, Decimal(s)) for i, s in enumerate(["90.0", "80.0", "70.0", "70.0"])])
    assert [(row.rank, row.is_low) for row in tied] == [(1, False), (2, False), (3, False), (3, False)]


def test_ranking_arithmetic_on_a_hand_made_set(staff_client, period):
    names = ("一镇", "二镇", "三镇", "四镇", "五镇", "六镇")
    t = {name: UnitFactory(name=name, kind=Unit.Kind.TOWNSHIP) for name in names}
    rate(t["一镇"], period, 100, 80)  # 90.0
    rate(t["二镇"], period, 80, 100)  # 90.0, tied with 一镇
    rate(t["三镇"], period, 80, 60, 60)  # 66.666… → 66.7
    rate(t["四镇"], period, 60, 40)  # 50.0: below 60, and last
    rate(t["五镇"], period, 100, 100, 80)  # 93.333… → 93.3
    rate(t["四镇"], period_of(period - timedelta(days=1)), 100, 100)  # last quarter: not counted
    department = UnitFactory(name="县民政局", kind=Unit.Kind.DEPARTMENT)
    rate(department, period, 100)
    response = staff_client.get(RANKING)
    townships = [(r.unit.name, r.count, r.score, r.rank, r.is_low) for r in response.context["groups"]["乡镇"]]
    assert townships == [
        ("五镇", 3, Decimal("93.3"), 1, False),
        ("一镇", 2, Decimal("90.0"), 2, False),
        ("二镇", 2, Decimal("90.0"), 2, False),
        ("三镇", 3, Decimal("66.7"), 4, False),
        ("四镇", 2, Decimal("50.0"), 5, True),
        ("六镇", 0, None, None, False),  # nobody rated it: listed, not ranked
    ]
    # Departments are ranked apart; the only one is also the bottom tenth of its group.
    assert [(r.rank, r.score) for r in response.context["groups"]["县级部门"]] == [(1, Decimal("100.0"))]
    page = response.content.decode()
    assert "93.3" in page and "66.7" in page and "暂无测评" in page and "得分低于 60.0 分" in page
    assert f"{TALK_NEW}?unit={t['四镇'].pk}&amp;period={period.isoformat()}" in page
    assert f"?unit={t['三镇'].pk}&amp;" not in page


def test_unknown_period_falls_back_to_the_current_one(staff_client, period):
    response = staff_client.get(RANKING, {"period": "2001-02-03"})
    assert response.context["period"] == period and "所选测评期无效" in response.content.decode()


def test_talk_form_is_prefilled_from_the_ranking_link(staff_client, township_a, period):
    response = staff_client.get(TALK_NEW, {"unit": township_a.pk, "period": period.isoformat()})
    form = response.context["form"]
    assert form["unit"].value() == str(township_a.pk) and form["period"].value() == period.isoformat()


def test_staff_record_a_talk_and_see_it_listed(staff_client, staff_user, township_a, period):
    response = staff_client.post(TALK_NEW, talk_post(township_a, period))
    assert response.status_code == 302 and response["Location"] == TALKS
    talk = Talk.objects.get()
    assert (talk.unit, talk.period, talk.recorded_by) == (township_a, period, staff_user)
    page = staff_client.get(TALKS).content.decode()
    assert "张某某 镇党委书记" in page and "指出群众满意度低的问题" in page
    assert "已约谈 1 次" in staff_client.get(RANKING).content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"held_on": (timezone.localdate() + timedelta(days=1)).isoformat()}, "约谈日期不能晚于今天。"),
        ({"period": "2001-01-01"}, "选择一个有效的选项"),
        ({"notes": ""}, "该字段是必填项"),
    ],
)
def test_bad_talk_is_refused_and_nothing_saved(staff_client, township_a, period, overrides, message):
    response = staff_client.post(TALK_NEW, talk_post(township_a, period, **overrides))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Talk.objects.exists()


def test_talk_with_a_unit_that_is_not_rated_is_refused(staff_client, commission, period):
    response = staff_client.post(TALK_NEW, talk_post(commission, period))
    assert response.status_code == 200 and not Talk.objects.exists()


def test_ranking_query_count_with_every_unit(staff_client, staff_user, period, django_assert_max_num_queries):
    region = RegionFactory()
    units = [UnitFactory(region=region, kind=Unit.Kind.TOWNSHIP) for _ in range(57)]
    units += [UnitFactory(region=region, kind=Unit.Kind.DEPARTMENT, name=f"测试局{i}") for i in range(73)]
    for i, unit in enumerate(units):
        rate(unit, period, *[20 * (1 + (i + j) % 5) for j in range(1 + i % 4)])
    held_talks(units[:20], period, staff_user)
    with django_assert_max_num_queries(6):
        response = staff_client.get(RANKING)
    groups = response.context["groups"]
    assert (len(groups["乡镇"]), len(groups["县级部门"])) == (57, 73)
    assert sum(row.is_low for row in groups["乡镇"]) >= 6  # ⌈57 × 10%⌉ at least


def test_talk_list_query_count(staff_client, staff_user, period, django_assert_max_num_queries):
    region = RegionFactory()
    units = [UnitFactory(region=region) for _ in range(10)]
    held_talks([units[i % 10] for i in range(70)], period, staff_user)
    with django_assert_max_num_queries(5):
        response = staff_client.get(TALKS)
    assert len(response.context["page"]) == 50


def test_other_officer_gets_404_on_talk_list_even_with_talks(other_officer_user, township_b, staff_user, period):
    held_talks([township_b], period, staff_user)
    client = Client()
    client.force_login(other_officer_user)
    assert client.get(TALKS).status_code == 404
