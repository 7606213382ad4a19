"""Reconciliation (对账销账): self-found problems against those supervision found, per unit, with totals."""

import pytest
from django.urls import reverse

from rectification.models import Problem
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
S = Problem.Status


def make(unit, source, status, n=1) -> None:
    Problem.objects.bulk_create(
        Problem(unit=unit, title="问题", description="描述", source=source, status=status) for _ in range(n)
    )


def test_only_the_commission_reconciles(officer_client, county_leader_client, client):
    url = reverse("rectification:reconciliation")
    assert officer_client.get(url).status_code == 404
    assert county_leader_client.get(url).status_code == 404
    assert client.get(url).status_code == 302


def test_counts_per_unit_and_totals(staff_client, township_a, township_b):
    make(township_a, "self_inspection", S.FIXED_AT_ONCE, 3)
    make(township_a, "self_inspection", S.PENDING, 2)
    make(township_a, "self_inspection", S.IN_PROGRESS)
    make(township_a, "inspection", S.ACCEPTANCE_REQUESTED)
    make(township_a, "case", S.CLOSED, 2)
    make(township_b, "survey", S.FIXED_AT_ONCE)
    make(township_b, "tour", S.PENDING)
    response = staff_client.get(reverse("rectification:reconciliation"))
    rows, totals = response.context["rows"], response.context["totals"]
    by_unit = {row["unit_id"]: row for row in rows}
    a, b = by_unit[township_a.pk], by_unit[township_b.pk]
    assert (a["self_total"], a["self_fixed_at_once"], a["self_open"], a["self_pending"], a["self_closed"]) == (
        6, 3, 3, 2, 0
    )  # fmt: skip
    assert (a["supervision_total"], a["supervision_open"], a["supervision_closed"]) == (3, 1, 2)
    assert (b["self_total"], b["supervision_fixed_at_once"], b["supervision_pending"]) == (0, 1, 1)
    assert [totals[f"all_{column}"] for column in ("total", "fixed_at_once", "open", "pending", "closed")] == [
        11, 4, 5, 3, 2
    ]  # fmt: skip
    assert "全县共 <strong>11</strong> 个问题" in response.content.decode()


@pytest.mark.parametrize("n", [3, 40])
def test_reconciliation_query_count(staff_client, n, django_assert_max_num_queries):
    for i in range(n):
        make(UnitFactory(), "self_inspection" if i % 2 else "supervision", S.PENDING, 2)
    with django_assert_max_num_queries(5):
        response = staff_client.get(reverse("rectification:reconciliation"))
    assert len(response.context["rows"]) == n
