"""The public commitments page shows published commitments and only their public wording."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from orgs.models import Unit
from rectification.models import Commitment, Problem
from rectification.services import problem_create
from tests.factories import UnitFactory

LIST = reverse("rectification_public:commitment-list")
SECRET_DESCRIPTION = "举报人张三反映镇长李四收受红包"
SECRET_NOTE = "内部备注：来源于巡察组第三组"


def _commitment(unit, *, published=True, wording="便民窗口服务态度有待改进", status=Problem.Status.IN_PROGRESS):
    problem = problem_create(
        unit=unit, title="窗口问题标题", description=SECRET_DESCRIPTION, source="tour",
        internal_note=SECRET_NOTE,
    )  # fmt: skip
    Problem.objects.filter(pk=problem.pk).update(status=status)
    return Commitment.objects.create(
        problem=problem, committer_kind="unit_head", committer_name="王承诺人", published_problem=wording,
        measures="开展作风整顿", deadline=timezone.localdate() + timedelta(days=30), expected_effect="满意度提升",
        signed_on=timezone.localdate(), is_published=published, published_at=timezone.now() if published else None,
    )  # fmt: skip


def test_public_page_needs_no_login(client, township_a):
    commitment = _commitment(township_a)
    assert client.get(LIST).status_code == 200
    assert client.get(reverse("rectification_public:commitment-detail", args=[commitment.pk])).status_code == 200


def test_unpublished_commitments_are_absent(client, township_a):
    hidden = _commitment(township_a, published=False, wording="尚未公开的承诺")
    assert "尚未公开的承诺" not in client.get(LIST).content.decode()
    assert client.get(reverse("rectification_public:commitment-detail", args=[hidden.pk])).status_code == 404


def test_no_internal_data_on_the_public_pages(client, township_a):
    commitment = _commitment(township_a, status=Problem.Status.CLOSED)
    pages = [client.get(LIST), client.get(reverse("rectification_public:commitment-detail", args=[commitment.pk]))]
    for response in pages:
        html = response.content.decode()
        assert "便民窗口服务态度有待改进" in html and "甲镇" in html and "开展作风整顿" in html
        assert "已完成整改并验收销号" in html  # the status in plain words
        for secret in (SECRET_DESCRIPTION, SECRET_NOTE, "窗口问题标题", "巡察", "王承诺人"):
            assert secret not in html


def test_filters_by_unit_kind_unit_and_words(client, township_a):
    department = UnitFactory(name="县交通运输局", kind=Unit.Kind.DEPARTMENT)
    _commitment(township_a, wording="镇里的承诺")
    _commitment(department, wording="局里的承诺")

    def shown(**params):
        return {c.published_problem for c in client.get(LIST, params).context["page"]}

    assert shown(kind="department") == {"局里的承诺"}
    assert shown(unit=township_a.pk) == {"镇里的承诺"}
    assert shown(q="交通") == {"局里的承诺"}
    assert shown(q="镇里") == {"镇里的承诺"}


@pytest.mark.parametrize("n", [3, 45])
def test_public_list_query_count(db, client, n, django_assert_max_num_queries):
    units = [UnitFactory(kind=Unit.Kind.TOWNSHIP) for _ in range(5)]
    for i in range(n):
        _commitment(units[i % 5], wording=f"承诺{i}")
    with django_assert_max_num_queries(4):
        response = client.get(LIST, {"kind": "township"})
    assert len(response.context["page"]) == min(n, 20)
