"""The rectification read API: scoped like the pages, no internal note, fixed query counts, a clean schema."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from rectification.models import Commitment, Problem
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/rectification"


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def problem(unit, *, days_overdue=30, source="supervision", note="内部备注：举报人张某", **fields) -> Problem:
    deadline = timezone.localdate() - timedelta(days=days_overdue)
    return Problem.objects.create(
        unit=unit, title=f"{unit.name}的问题", description="描述", source=source, deadline=deadline,
        internal_note=note, status=fields.pop("status", Problem.Status.IN_PROGRESS), **fields,
    )  # fmt: skip


def commit(p: Problem, published=True) -> Commitment:
    return Commitment.objects.create(
        problem=p, committer_kind="unit_head", committer_name="李四", published_problem="公开表述", measures="措施",
        deadline=timezone.localdate(), expected_effect="效果", is_published=published,
    )  # fmt: skip


def test_public_gets_401_everywhere(township_a):
    p = problem(township_a)
    for path in ("problems/", f"problems/{p.pk}/", "commitments/", "warnings/", f"warnings/{township_a.pk}/"):
        assert api().get(f"{API}/{path}").status_code == 401


def test_other_units_officer_and_county_leader_get_404(township_a, other_officer_user, county_leader_user):
    p = problem(township_a)
    c = commit(p)
    for user in (other_officer_user, county_leader_user):
        client = api(user)
        assert client.get(f"{API}/problems/{p.pk}/").status_code == 404
        assert client.get(f"{API}/commitments/{c.pk}/").status_code == 404
        assert client.get(f"{API}/warnings/{township_a.pk}/").status_code == 404
        assert client.get(f"{API}/problems/").json()["count"] == 0
        assert township_a.pk not in [w["unit"] for w in client.get(f"{API}/warnings/").json()]


def test_officer_reads_own_units_rows_without_the_internal_note(officer_user, township_a, township_b):
    own, other = problem(township_a), problem(township_b)
    commit(own, published=False), commit(other)
    client = api(officer_user)
    rows = client.get(f"{API}/problems/").json()["results"]
    assert [row["id"] for row in rows] == [own.pk]
    assert "internal_note" not in rows[0] and "举报人" not in str(rows)
    assert [row["problem"] for row in client.get(f"{API}/commitments/").json()["results"]] == [own.pk]
    (warning,) = client.get(f"{API}/warnings/").json()
    # Committed to finish today: not overdue, no points, and still the officer's own row.
    assert (warning["unit"], warning["points"], warning["level"]) == (township_a.pk, 0, "")


def test_filters_and_warnings_for_the_commission(staff_user, township_a, township_b):
    problem(township_a, source="self_inspection", level="person", is_common=True)
    problem(township_a, status=Problem.Status.FIXED_AT_ONCE)
    for _ in range(4):
        problem(township_b, days_overdue=40)
    client = api(staff_user)
    query = {"unit": township_a.pk, "source": "self_inspection", "level": "person", "is_common": "true"}
    assert client.get(f"{API}/problems/", query).json()["count"] == 1
    assert client.get(f"{API}/problems/", {"status": "fixed_at_once"}).json()["count"] == 1
    warnings = client.get(f"{API}/warnings/").json()
    assert [(w["unit_name"], w["points"], w["level"]) for w in warnings] == [("乙镇", 24, "red"), ("甲镇", 5, "")]
    assert client.get(f"{API}/warnings/{township_b.pk}/").json()["level_label"] == "红色预警"


@pytest.mark.parametrize("n", [4, 40])
def test_list_query_counts(staff_user, n, django_assert_max_num_queries):
    units = [UnitFactory() for _ in range(4)]
    for i in range(n):
        commit(problem(units[i % 4]))
    client = api(staff_user)
    for path in ("problems/", "commitments/", "warnings/"):
        with django_assert_max_num_queries(6):
            assert client.get(f"{API}/{path}").status_code == 200


def test_schema_lists_the_rectification_api_without_warnings(staff_user, tmp_path):
    paths = set(api(staff_user).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"])
    assert {f"{API}/problems/", f"{API}/commitments/", f"{API}/warnings/", f"{API}/warnings/{{id}}/"} <= paths
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yaml"))
