"""The public portal: open to anyone, the year's figures as counts only, and only what the public pages publish."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Exposure
from rectification.models import Acceptance, Commitment, Problem
from tests.cases.factories import CaseFactory, ClueFactory, ReportFactory
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

URL = reverse("public_portal:portal")
YEAR = timezone.localdate().year


def _local(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def _reports(this_year: int, last_year: int = 0) -> None:
    # The year's edges in local time: 00:30 on 1 January is still the previous day in UTC.
    for n in range(this_year):
        ReportFactory(received_at=_local(YEAR, 1, 1, 0, 30) + timedelta(hours=n))
    for _ in range(last_year):
        ReportFactory(received_at=_local(YEAR - 1, 12, 31, 23, 30))


def _clue(year: int):
    return ClueFactory(report=None, source_kind="inspection", accused_name="某某", proposed_at=_local(year, 3, 1))


def _case(year: int):
    return CaseFactory(clue=None, stage="filed", filed_on=date(year, 3, 2))


def _closed_problem(unit, year: int, *, passed: bool = True) -> Problem:
    status = Problem.Status.CLOSED if passed else Problem.Status.IN_PROGRESS
    problem = Problem.objects.create(unit=unit, title="问题", description="内部描述", source="tour", status=status)
    result = Acceptance.Result.PASSED if passed else Acceptance.Result.RETURNED
    Acceptance.objects.create(problem=problem, result=result, decided_at=_local(year, 4, 1))
    return problem


def _commitment(unit, wording: str, *, published: bool = True) -> Commitment:
    problem = Problem.objects.create(unit=unit, title="内部标题", description="举报人反映的内部描述", source="tour")
    return Commitment.objects.create(
        problem=problem, committer_kind="unit_head", committer_name="王承诺人", published_problem=wording,
        measures="开展作风整顿", deadline=timezone.localdate() + timedelta(days=30), expected_effect="满意度提升",
        is_published=published, published_at=timezone.now() if published else None,
    )  # fmt: skip


def _exposure(title: str, status: str = Exposure.Status.PUBLISHED) -> Exposure:
    case = CaseFactory(clue=None, stage="concluded", concluded_on=timezone.localdate())
    published_at = timezone.now() if status == Exposure.Status.PUBLISHED else None
    return Exposure.objects.create(case=case, title=title, body="通报内容", status=status,
                                   requested_by=case.handled_by, published_at=published_at)  # fmt: skip


def _figures(page) -> list[tuple[str, int]]:
    return [(figure.label, figure.value) for figure in page.context["figures"]]


def test_anyone_opens_it_and_finds_the_ways_to_report_query_and_rate(client):
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    for name in ("public:report-form", "public:report-query", "public:exposure-list",
                 "rectification_public:commitment-list", "rectification_public:rating-form"):  # fmt: skip
        assert f'href="{reverse(name)}"' in html
    assert "实名" in html and "查询码" in html


def test_the_public_pages_link_back_to_the_portal(client):
    for name in ("public:report-form", "public:exposure-list", "rectification_public:commitment-list"):
        assert f'href="{URL}"' in client.get(reverse(name)).content.decode()


def test_the_figures_count_this_year_only(client, township_a):
    _reports(3, last_year=1)
    _clue(YEAR), _clue(YEAR), _clue(YEAR - 1)
    _case(YEAR), _case(YEAR - 1)
    CaseFactory(clue=None, stage="verification")  # opened, not filed: no case filed
    _closed_problem(township_a, YEAR), _closed_problem(township_a, YEAR - 1)
    _closed_problem(township_a, YEAR, passed=False)  # returned: not closed
    page = client.get(URL)
    assert page.context["year"] == YEAR
    assert _figures(page) == [("收到信访举报", 3), ("问题线索", 2), ("立案审查调查", 1), ("整改验收销号", 1)]
    assert f"{YEAR}年工作情况" in page.content.decode()


def test_the_figures_are_cached_for_a_while(client, django_assert_num_queries):
    from django.core.cache import cache

    _reports(1)
    client.get(URL)
    _reports(1)
    with django_assert_num_queries(2):  # the two lists; the figures come from the cache
        assert _figures(client.get(URL))[0] == ("收到信访举报", 1)
    cache.clear()
    assert _figures(client.get(URL))[0] == ("收到信访举报", 2)


def test_only_published_commitments_and_exposures_are_listed(client, township_a):
    _commitment(township_a, "已公开的承诺表述")
    _commitment(township_a, "尚未公开的承诺", published=False)
    _exposure("已发布的通报")
    for status in (Exposure.Status.PENDING, Exposure.Status.REFUSED, Exposure.Status.WITHDRAWN):
        _exposure(f"通报{status}", status)
    html = client.get(URL).content.decode()
    assert "已公开的承诺表述" in html and "已发布的通报" in html
    for hidden in ("尚未公开的承诺", "通报pending", "通报refused", "通报withdrawn"):
        assert hidden not in html


def test_no_personal_data_is_shown(client, township_a):
    ReportFactory(reporter_name="欧阳独特名", reporter_phone="13912345678", reporter_id_number="999999199001010011",
                  accused_name="被举报的司马某", accused_unit_name="某独特单位", content="独特的举报内容")  # fmt: skip
    _commitment(township_a, "公开的承诺")
    html = client.get(URL).content.decode()
    for private in ("欧阳独特名", "13912345678", "999999199001010011", "被举报的司马某", "某独特单位", "独特的举报内容",
                    "王承诺人", "内部标题", "举报人反映的内部描述"):  # fmt: skip
        assert private not in html


@pytest.mark.parametrize("size", [2, 12])
def test_the_page_costs_the_same_queries_at_any_size(client, django_assert_max_num_queries, size):
    unit = UnitFactory(name="甲镇")
    _reports(size)
    for n in range(size):
        _clue(YEAR), _case(YEAR), _closed_problem(unit, YEAR)
        _commitment(unit, f"承诺{n}")
        _exposure(f"通报{n}")
    with django_assert_max_num_queries(6):  # four figures, the commitments, the exposures
        page = client.get(URL)
    assert len(page.context["commitments"]) == len(page.context["exposures"]) == min(size, 5)
