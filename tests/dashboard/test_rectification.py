"""The dashboard's 整改落实 section: the rectification rate by unit and problems by status (registered in the period),
and units by warning level (today); each number matches the list it links to; a county leader's units only, without
links; fixed queries."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rectification.models import Problem
from tests.dashboard.sections import only_section
from tests.factories import TaskFactory, UnitFactory
from tests.inspections.factories import SHANGHAI

pytestmark = pytest.mark.django_db

URL = reverse("dashboard:index")
S = Problem.Status


_only_this_section = only_section("rectification")  # the other sections have their own tests


def problem(unit, status: str, registered: datetime, days_overdue: int | None = None) -> Problem:
    deadline = None if days_overdue is None else timezone.localdate() - timedelta(days=days_overdue)
    return Problem.objects.create(
        unit=unit, title="问题", description="描述", source="supervision", status=status, created_at=registered,
        deadline=deadline,
    )  # fmt: skip


def at(*parts) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI)


@pytest.fixture
def problems(township_a, township_b):
    """Registered in 2025: 甲镇 four (closed, fixed at once, in progress, pending): 50%; 乙镇 three (closed and two
    awaiting acceptance): 33.3%. Outside 2025: a closed one of 甲镇 registered at 23:30 on the last day of 2024."""
    for status in (S.CLOSED, S.FIXED_AT_ONCE, S.IN_PROGRESS):
        problem(township_a, status, at(2025, 3, 1, 9))
    problem(township_a, S.PENDING, at(2025, 12, 31, 23, 30))
    problem(township_a, S.CLOSED, at(2024, 12, 31, 23, 30))
    problem(township_b, S.CLOSED, at(2025, 2, 1, 0, 10))  # 31 January in UTC, February here
    problem(township_b, S.ACCEPTANCE_REQUESTED, at(2025, 6, 1, 9))
    problem(township_b, S.ACCEPTANCE_REQUESTED, at(2025, 6, 2, 9))


@pytest.fixture
def warned(township_a, township_b):
    """Today's warnings: 甲镇 yellow (one problem 200 days overdue: 6 points), 乙镇 orange (two: 12), 丙镇 red
    (four: 24), 丁镇 3 points (one day overdue): listed on the warning list, but no warning."""
    now = timezone.now()
    for unit, overdue in ((township_a, 1), (township_b, 2), (UnitFactory(name="丙镇"), 4)):
        for _ in range(overdue):
            problem(unit, S.IN_PROGRESS, now, days_overdue=200)
    problem(UnitFactory(name="丁镇"), S.PENDING, now, days_overdue=1)


def figures_of(page) -> dict:
    assert page.status_code == 200
    ((_, figures),) = page.context["sections"]
    return {figure.key: figure for figure in figures}


def values(figure) -> dict[str, float]:
    return {bar.label: bar.value for bar in figure.bars if bar.value}


def bar(figure, label: str):
    return next(b for b in figure.bars if b.label.startswith(label))


def rows_behind(client, url: str) -> list[Problem]:
    """The rows the linked problem list shows."""
    assert url
    page = client.get(url)
    assert page.status_code == 200 and not page.context["filter"].errors
    return list(page.context["page"].paginator.object_list)


def test_rate_by_unit_of_the_problems_registered_in_the_year(staff_client, problems):
    figure = figures_of(staff_client.get(URL, {"year": "2025"}))["rectification-rate"]
    assert (figure.unit, values(figure)) == ("%", {"甲镇（4件）": 50.0, "乙镇（3件）": 33.3})
    assert "已验收销号 + 立行立改" in figure.note and "登记" in figure.note
    rows = rows_behind(staff_client, bar(figure, "甲镇").url)
    rectified = [p for p in rows if p.status in (S.CLOSED, S.FIXED_AT_ONCE)]
    assert (len(rows), len(rectified)) == (4, 2)  # 50%: the list holds exactly what the rate was taken of


def test_rate_lists_the_fifteen_units_with_most_problems(staff_client, problems):
    for n in range(15):
        problem(UnitFactory(name=f"单位{n:02d}"), S.CLOSED, at(2025, 4, 1, 9))
    figure = figures_of(staff_client.get(URL, {"year": "2025"}))["rectification-rate"]
    labels = [b.label for b in figure.bars]
    assert len(labels) == 15 and labels[:3] == ["甲镇（4件）", "乙镇（3件）", "单位00（1件）"]
    assert "单位12（1件）" in labels and "单位13（1件）" not in labels  # ties by name
    assert bar(figure, "单位00").value == 100.0


def test_problems_by_status_link_to_as_many_rows(staff_client, problems):
    figure = figures_of(staff_client.get(URL, {"year": "2025"}))["rectification-status"]
    assert figure.chart == "doughnut" and len(figure.bars) == len(S.choices)
    assert values(figure) == {"待整改": 1, "整改中": 1, "申请验收": 2, "已验收销号": 2, "立行立改": 1}
    assert len(rows_behind(staff_client, bar(figure, "已验收销号").url)) == 2  # not the one of 2024
    assert len(rows_behind(staff_client, bar(figure, "待整改").url)) == 1  # 23:30 on 31 December, local time
    assert len(rows_behind(staff_client, figure.total_url)) == figure.total == 7


def test_a_month_and_a_unit_narrow_the_figures_and_their_links(staff_client, problems, township_b):
    january = figures_of(staff_client.get(URL, {"year": "2025", "month": "1"}))
    assert values(january["rectification-status"]) == {}
    february = figures_of(staff_client.get(URL, {"year": "2025", "month": "2"}))["rectification-status"]
    assert values(february) == {"已验收销号": 1}
    assert len(rows_behind(staff_client, bar(february, "已验收销号").url)) == 1
    own = figures_of(staff_client.get(URL, {"year": "2025", "unit": township_b.pk}))
    assert values(own["rectification-rate"]) == {"乙镇（3件）": 33.3}
    assert values(own["rectification-status"]) == {"申请验收": 2, "已验收销号": 1}
    assert len(rows_behind(staff_client, bar(own["rectification-status"], "申请验收").url)) == 2


def test_units_by_warning_level_match_the_warning_list(staff_client, warned):
    figure = figures_of(staff_client.get(URL))["rectification-warnings"]
    assert [(b.label, b.value) for b in figure.bars] == [("黄色预警", 1), ("橙色预警", 1), ("红色预警", 1)]
    page = staff_client.get(bar(figure, "红色预警").url)
    assert {level["label"]: level["count"] for level in page.context["levels"]} == {
        b.label: b.value for b in figure.bars
    }


def test_with_a_unit_filter_the_warning_links_to_its_card(staff_client, warned, township_b):
    figure = figures_of(staff_client.get(URL, {"year": timezone.localdate().year, "unit": township_b.pk}))[
        "rectification-warnings"
    ]
    assert values(figure) == {"橙色预警": 1}
    card = staff_client.get(bar(figure, "橙色预警").url)
    assert card.status_code == 200 and card.context["warning"].level_label == "橙色预警"


def test_a_county_leader_sees_their_units_without_links(
    county_leader_client, county_leader_user, problems, warned, township_a
):
    TaskFactory(owner=county_leader_user.person, lead_unit=township_a)
    page = county_leader_client.get(URL, {"year": "2025"})
    shown = figures_of(page)
    assert values(shown["rectification-rate"]) == {"甲镇（4件）": 50.0}
    assert values(shown["rectification-status"]) == {"待整改": 1, "整改中": 1, "已验收销号": 1, "立行立改": 1}
    assert values(shown["rectification-warnings"]) == {"黄色预警": 1}
    assert all(not b.url for figure in shown.values() for b in figure.bars)
    assert not shown["rectification-status"].total_url
    assert reverse("rectification:problem-list") not in page.content.decode()


@pytest.mark.parametrize("extra", [0, 20])
def test_queries_do_not_grow_with_problems_or_units(
    staff_client, problems, warned, extra, django_assert_max_num_queries
):
    for n in range(extra):
        problem(UnitFactory(name=f"单位{n:02d}"), S.IN_PROGRESS, at(2025, 5, 1, 9), days_overdue=300)
    with django_assert_max_num_queries(9):
        page = staff_client.get(URL, {"year": "2025"})
    assert bar(figures_of(page)["rectification-warnings"], "黄色预警").value == 1 + extra
