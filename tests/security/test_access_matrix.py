"""Issue 10 point 1: every URL pattern and API endpoint, for every role, on the objects of two units, against the
table kept in tests/security/access_matrix.txt.

The world (two townships with one object of every kind, one login per role: tests/security/world.py) is built once
for the module and the whole matrix is requested once; the tests then read what was observed. A URL with no line in
the file fails, and so does a line for a URL that is gone. ``ACCESS_MATRIX_WRITE=1`` writes the observed table
instead of comparing (notes after "#" survive): read every changed line before committing it. The rules after the
comparison hold whatever the file says, so a leak cannot be written into it unnoticed.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.cases.public_support import IDENTITY
from tests.security import matrix
from tests.security.url_walk import Route, path_for, routes
from tests.security.world import ROLES, world_kept_for_the_module

pytestmark = pytest.mark.django_db

TABLE = Path(__file__).with_name("access_matrix.txt")
DENIED = {"login", "admin-login", "401", "403", "404", "405"}
SIGNED_OUT = ("anonymous", "reporter")  # the public reporter holds a query session, never a login


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_kept_for_the_module(django_db_blocker, tmp_path_factory.mktemp("matrix_media")) as built:
        yield built


@pytest.fixture(scope="module")
def walked() -> list[Route]:
    return routes()


@pytest.fixture(scope="module")
def observed(world, walked) -> matrix.Observed:
    return matrix.observe(world, world.a, walked, watched=IDENTITY)


@pytest.fixture(scope="module")
def expected(observed) -> matrix.Table:
    if os.environ.get("ACCESS_MATRIX_WRITE"):
        notes = matrix.read(TABLE)[1] if TABLE.exists() else {}
        matrix.write(TABLE, observed.table, notes)
    return matrix.read(TABLE)[0]


def rows(observed: matrix.Observed, keys: set[str], roles: tuple[str, ...], allowed: set[str]) -> list[str]:
    """The cells of ``roles`` on the routes ``keys`` that are not in ``allowed``."""
    return [
        f"{key} {method} {role}: {cells[role]}"
        for (key, method), cells in observed.table.items()
        if key in keys
        for role in roles
        if cells[role] not in allowed
    ]


def test_every_url_has_a_line_and_every_line_a_url(observed, expected):
    assert sorted(f"{key} {method}" for key, method in observed.table.keys() - expected.keys()) == [], (
        "URL patterns with no line in access_matrix.txt (add them: ACCESS_MATRIX_WRITE=1, then check each cell)"
    )
    assert sorted(f"{key} {method}" for key, method in expected.keys() - observed.table.keys()) == [], (
        "lines in access_matrix.txt for URLs that no longer exist"
    )


def test_every_role_gets_what_the_table_says(observed, expected):
    assert matrix.differences(expected, observed.table) == []


def test_no_request_fails(observed):
    failed = [f"{key} {method} {role}" for (key, method), cells in observed.table.items() for role in ROLES
              if cells[role].startswith("5")]  # fmt: skip
    assert failed == []


def test_nobody_signed_out_gets_a_private_page(walked, observed):
    private = {route.key for route in walked if route.login_required}
    assert rows(observed, private, SIGNED_OUT, DENIED) == []


def test_other_units_officer_gets_nothing_of_unit_a(world, walked, observed):
    of_a = {route.key for route in walked if route.login_required and _per_unit(route, world)}
    assert len(of_a) > 100
    assert rows(observed, of_a, ("officer_b",), DENIED) == []


def test_only_the_commission_admin_enters_the_admin(walked, observed):
    admin = {route.key for route in walked if route.is_admin and route.login_required}
    others = tuple(role for role in ROLES if role != "admin")
    # The admin's sign-out sends a signed-in account without admin rights to the admin's index (302), whose gate
    # sends it on to the admin's sign-in page.
    assert rows(observed, admin - {"admin:logout"}, others, DENIED) == []
    assert rows(observed, {"admin:logout"}, others, DENIED | {"302"}) == []


def test_the_reporters_identity_is_shown_only_to_the_holder_of_an_approved_request(observed):
    assert observed.showing == {("cases:identity-show", "GET", "staff")}


def test_officer_of_a_on_b_objects_gets_what_officer_of_b_gets_on_a(world, walked, observed):
    """The other direction: for every URL whose path names a unit's object, A's officer on B's object."""
    per_unit = [route for route in walked if _per_unit(route, world)]
    reverse_pass = matrix.observe(world, world.b, per_unit, roles=("officer_a",)).table
    got = {row: (cells["officer_a"], observed.table[row]["officer_b"]) for row, cells in reverse_pass.items()}
    assert [f"{key} {method}: officer_a on B {a_on_b}, officer_b on A {b_on_a}"
            for (key, method), (a_on_b, b_on_a) in got.items() if a_on_b != b_on_a] == []  # fmt: skip


def test_the_public_reporter_sees_only_the_report_it_opened(world):
    """The query page of a session that opened report A shows A's status and the staff's question on it, and
    nothing of B's; without that session it is the empty query form."""
    query = reverse("public:report-query")
    shown = {}
    for role in SIGNED_OUT:
        client = world.clients[role]
        shown[role] = matrix.request(client, client.cookies, "GET", query).content.decode()
    assert world.a.report.number in shown["reporter"] and "请补充在甲镇宴请的具体日期。" in shown["reporter"]
    assert world.b.report.number not in shown["reporter"] and "乙镇" not in shown["reporter"]
    assert "甲镇" not in shown["anonymous"] and 'name="query_code"' in shown["anonymous"]


def _per_unit(route: Route, world) -> bool:
    return path_for(route, world, world.a) != path_for(route, world, world.b)
