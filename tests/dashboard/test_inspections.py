"""The dashboard's 明察暗访 section: findings by category in the period and by checkpoint of the year, each number
the row count of the finding list it links to; a county leader's units only, without links; fixed queries."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from inspections.models import Finding
from tests.dashboard.sections import only_section
from tests.factories import TaskFactory
from tests.inspections.factories import SHANGHAI, FindingFactory, PlanFactory

pytestmark = pytest.mark.django_db

URL = reverse("dashboard:index")
C = Finding.Category


_only_this_section = only_section("inspections")  # the other sections have their own tests


def at(*parts) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI)


@pytest.fixture
def findings(township_a, township_b):
    """2025 by hand: a spring-festival plan, a national-day plan, a plan serving no checkpoint, and the 2025
    new-year plan's finding on the last evening of 2024."""
    spring = PlanFactory(starts_on=date(2025, 1, 27), checkpoint="2025-spring_festival")
    national = PlanFactory(starts_on=date(2025, 9, 30), checkpoint="2025-national_day")
    plain = PlanFactory(starts_on=date(2025, 1, 1))
    new_year = PlanFactory(starts_on=date(2024, 12, 31), checkpoint="2025-new_year")
    FindingFactory(plan=spring, unit=township_a, category=C.BANQUETS, occurred_at=at(2025, 1, 28, 19))
    # Ten past midnight on 1 February in Shanghai is still 31 January in UTC: February here.
    FindingFactory(plan=spring, unit=township_b, category=C.GIFTS, occurred_at=at(2025, 2, 1, 0, 10))
    FindingFactory(plan=national, unit=township_a, category=C.CARS, occurred_at=at(2025, 10, 2, 9))
    FindingFactory(plan=national, unit=township_b, category=C.CARS, occurred_at=at(2025, 10, 3, 9))
    # The last half hour of 2025 in Shanghai is in 2025 (and in December), the last half hour of 2024 is not.
    FindingFactory(plan=plain, unit=township_a, category=C.GAMES, occurred_at=at(2025, 12, 31, 23, 30))
    FindingFactory(plan=new_year, unit=township_b, category=C.GIFTS, occurred_at=at(2024, 12, 31, 23, 30))


def figures_of(page) -> dict:
    assert page.status_code == 200
    ((_, figures),) = page.context["sections"]
    return {figure.key: figure for figure in figures}


def values(figure) -> dict[str, int]:
    """Non-zero numbers by label, the checkpoint's date left off its label."""
    return {bar.label.split("（")[0]: bar.value for bar in figure.bars if bar.value}


def bar(figure, label: str):
    return next(b for b in figure.bars if b.label.startswith(label))


def rows_behind(client, url: str) -> int:
    """How many rows the linked list shows: what the number it was linked from must be."""
    assert url
    page = client.get(url)
    assert page.status_code == 200 and not page.context["filter"].errors
    return page.context["page"].paginator.count


def test_findings_by_category_in_the_year_link_to_as_many_rows(staff_client, findings):
    figure = figures_of(staff_client.get(URL, {"year": "2025"}))["inspection-categories"]
    assert values(figure) == {"违规吃喝": 1, "违规收送礼品礼金": 1, "公车私用": 2, "上班玩游戏": 1}
    assert len(figure.bars) == len(C.choices)  # every category, zeros too
    assert rows_behind(staff_client, bar(figure, "公车私用").url) == 2
    assert rows_behind(staff_client, bar(figure, "上班玩游戏").url) == 1  # 23:30 on 31 December, local time
    assert rows_behind(staff_client, bar(figure, "上班闲聊").url) == 0
    assert rows_behind(staff_client, figure.total_url) == figure.total == 5


def test_a_month_and_a_unit_narrow_the_categories_and_their_links(staff_client, findings, township_a):
    january = figures_of(staff_client.get(URL, {"year": "2025", "month": "1"}))["inspection-categories"]
    assert values(january) == {"违规吃喝": 1}
    assert rows_behind(staff_client, bar(january, "违规吃喝").url) == 1
    february = figures_of(staff_client.get(URL, {"year": "2025", "month": "2"}))["inspection-categories"]
    assert values(february) == {"违规收送礼品礼金": 1}
    assert rows_behind(staff_client, bar(february, "违规收送礼品礼金").url) == 1
    page = staff_client.get(URL, {"year": "2025", "unit": township_a.pk})
    own = figures_of(page)["inspection-categories"]
    assert values(own) == {"违规吃喝": 1, "公车私用": 1, "上班玩游戏": 1}
    assert rows_behind(staff_client, bar(own, "公车私用").url) == 1
    assert rows_behind(staff_client, own.total_url) == 3


def test_findings_by_checkpoint_count_the_plans_checkpoint_whatever_the_day(staff_client, findings):
    figure = figures_of(staff_client.get(URL, {"year": "2025", "month": "3"}))["inspection-checkpoints"]
    assert [b.label.split("（")[0] for b in figure.bars] == ["元旦", "春节", "清明", "五一", "端午", "国庆", "中秋"]
    assert bar(figure, "元旦").label == "元旦（01-01）"
    # The month does not narrow it; the new-year finding of 31 December 2024 counts under 2025's 元旦.
    assert values(figure) == {"元旦": 1, "春节": 2, "国庆": 2}
    for label, count in (("元旦", 1), ("国庆", 2), ("中秋", 0)):
        assert rows_behind(staff_client, bar(figure, label).url) == count


def test_the_checkpoint_figure_follows_the_unit_filter(staff_client, findings, township_b):
    figure = figures_of(staff_client.get(URL, {"year": "2025", "unit": township_b.pk}))["inspection-checkpoints"]
    assert values(figure) == {"元旦": 1, "春节": 1, "国庆": 1}
    assert rows_behind(staff_client, bar(figure, "春节").url) == 1


def test_the_finding_list_rejects_a_checkpoint_that_does_not_exist(staff_client, findings):
    page = staff_client.get(reverse("inspections:finding-list"), {"checkpoint": "2025-christmas"})
    assert page.context["filter"].errors and page.context["page"].paginator.count == 0


def test_a_county_leader_sees_their_units_findings_without_links(
    county_leader_client, county_leader_user, findings, township_a
):
    TaskFactory(owner=county_leader_user.person, lead_unit=township_a)
    page = county_leader_client.get(URL, {"year": "2025"})
    shown = figures_of(page)
    assert values(shown["inspection-categories"]) == {"违规吃喝": 1, "公车私用": 1, "上班玩游戏": 1}
    assert values(shown["inspection-checkpoints"]) == {"春节": 1, "国庆": 1}
    assert all(not b.url for figure in shown.values() for b in figure.bars)
    assert not shown["inspection-categories"].total_url
    assert reverse("inspections:finding-list") not in page.content.decode()


@pytest.mark.parametrize("extra", [0, 30])
def test_queries_do_not_grow_with_the_findings(
    staff_client, findings, township_a, extra, django_assert_max_num_queries
):
    plan = PlanFactory(starts_on=date(2025, 5, 1), checkpoint="2025-labour_day")
    FindingFactory.create_batch(extra, plan=plan, unit=township_a, occurred_at=at(2025, 5, 2, 10))
    with django_assert_max_num_queries(6):
        page = staff_client.get(URL, {"year": "2025"})
    assert values(figures_of(page)["inspection-checkpoints"]).get("五一", 0) == extra
