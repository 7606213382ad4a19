"""Every operation of /api/schema/ under schemathesis: never a 5xx, never a row left behind by a refused write, and
every answer as the schema describes it.

The schema is read from the application itself and each generated request goes through its WSGI application,
inside the test's transaction: every request is rolled back once it is checked, so each example meets the same
small world (tests/security/api_world.py), whose real ids are drawn half of the time for path parameters and for
the objects a body names. A commission staff token runs every operation; the writes staff may not make (units and
people for the commission admin, a unit's reports and replies for its officer) run again as whoever may make them,
so that their validation is reached.

`make test` draws the same 20 examples per operation each run (about 1,400 requests, under a minute). FUZZ_EXAMPLES=200
draws that many afresh and adds schemathesis's coverage phase (each parameter's boundaries, wrong types and missing
values: some 5,000 requests more; about five minutes at 60).
"""

import os
from collections.abc import Callable, Iterator

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from jiancha.wsgi import application
from orgs.models import Person, Region, Unit
from responsibility.models import Task
from tests.factories import TaskFactory
from tests.security.api_world import World, build_world, token_for

pytestmark = pytest.mark.django_db

DEEP = "FUZZ_EXAMPLES" in os.environ
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20")),
    derandomize=not DEEP,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Beyond "no 5xx": every status, content type, header and body as the schema says (jiancha/api_schema.py documents
# the errors), so that a client generated from /api/schema/ meets no answer it was not told of.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Writes the staff token is refused (403, or 404 for an object not theirs to act on), and who may make them.
WRITERS = {
    ("POST", "/api/v1/units/"): "admin",
    ("PUT", "/api/v1/units/{id}/"): "admin",
    ("PATCH", "/api/v1/units/{id}/"): "admin",
    ("POST", "/api/v1/people/"): "admin",
    ("PUT", "/api/v1/people/{id}/"): "admin",
    ("PATCH", "/api/v1/people/{id}/"): "admin",
    ("POST", "/api/v1/responsibility/tasks/{id}/reports/"): "lead_officer",
    ("POST", "/api/v1/responsibility/tasks/{id}/request-acceptance/"): "lead_officer",
    ("POST", "/api/v1/responsibility/notices/{id}/reply/"): "lead_officer",
}
# The objects a request body names by id.
BODY_FIELDS = {"task": Task, "unit": Unit, "parent": Unit, "person": Person, "region": Region}
# Rows that a refused request may rightly add: the lock-out's record of a failed sign-in, a drawn captcha.
MAY_GROW = ("axes_", "captcha_")


def _wsgi_app_in_the_test_transaction() -> Callable:
    """Django's WSGI handler as a server runs it, but inside the test's transaction.

    On every request Django closes a connection whose autocommit differs from its settings, which would end the
    test's transaction: like the test client, the handler is disconnected for the request (and again for each one,
    the test client connecting it back after its own). A server always gives the client's address.
    """

    def app(environ: dict, start_response: Callable) -> Iterator[bytes]:
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        environ.setdefault("REMOTE_ADDR", "127.0.0.1")
        return application(environ, start_response)

    return app


@pytest.fixture
def _close_old_connections_restored() -> Iterator[None]:
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(settings, tmp_path, _close_old_connections_restored) -> World:
    settings.MEDIA_ROOT = tmp_path
    settings.PUBLIC_SUBMIT_RATE = settings.PUBLIC_QUERY_RATE = settings.PUBLIC_CAPTCHA_RATE = "100000/h"
    return build_world()


@pytest.fixture
def tokens(world) -> dict[str, dict[str, str]]:
    users = {"staff": world.staff, "admin": world.admin, "lead_officer": world.lead_officer}
    return {name: {"Authorization": f"Token {token_for(user)}"} for name, user in users.items()}


@pytest.fixture
def api_schema(request, world, tokens):
    """/api/schema/ as the staff token reads it, with real ids drawn for path parameters and for the objects a body
    names, each half of the time: random ids alone would rarely get past the 404 or the "对象不存在" of a field."""
    # schemathesis 4 names each operation's subtest by rewriting `request.node._nodeid`, which pytest 9.2's nodes no
    # longer have (reading it fails): give it one. The reports still name the operation, in the subtest's label.
    request.node._nodeid = request.node.nodeid
    loaded = schemathesis.openapi.from_wsgi(
        "/api/schema/", _wsgi_app_in_the_test_transaction(), headers=tokens["staff"]
    )
    # The coverage phase is a fixed set whatever max_examples says, about 5,000 requests: only in the deep run.
    loaded.config.phases.coverage.enabled = DEEP
    client = Client(headers={"authorization": tokens["staff"]["Authorization"]})
    path_ids = {path: _listed_ids(client, path.split("{id}")[0]) for path in _paths(loaded) if "{id}" in path}
    field_ids = {field: list(model.objects.values_list("pk", flat=True)) for field, model in BODY_FIELDS.items()}

    @loaded.hook
    def flatmap_path_parameters(context, path_parameters: dict | None) -> st.SearchStrategy:
        return _sometimes_real(path_parameters, {"id": path_ids.get(context.operation.path)})

    @loaded.hook
    def flatmap_body(context, body) -> st.SearchStrategy:
        return _sometimes_real(body, field_ids)

    return loaded


def _paths(loaded) -> set[str]:
    return {result.ok().path for result in loaded.get_all_operations()}


def _listed_ids(client: Client, collection: str) -> list[int]:
    listed = client.get(collection).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    return [row["id"] if "id" in row else row["unit"] for row in rows]  # a warning is its unit's


def _sometimes_real(values, real: dict[str, list[int] | None]) -> st.SearchStrategy:
    """``values`` as drawn, or, if they are a dict, with each of its keys that has real ids set to one of them."""
    names = [name for name in values if real.get(name)] if isinstance(values, dict) else []
    if not names:
        return st.just(values)
    drawn = st.fixed_dictionaries({name: st.sampled_from(real[name]) for name in names})
    return st.just(values) | drawn.map(lambda ids: {**values, **ids})


@pytest.fixture
def baseline(tokens) -> dict[str, int]:
    """The rows before any request: the same before each one, every request being rolled back."""
    return _table_counts()


def _table_counts() -> dict[str, int]:
    tables = [name for name in connection.introspection.table_names() if not name.startswith(MAY_GROW)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f'(SELECT count(*) FROM "{name}")' for name in tables))
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _call_and_check(case, headers: dict, baseline: dict[str, int]) -> None:
    """One request, rolled back once checked: no 5xx, and a refused write leaves no row behind."""
    with transaction.atomic():
        response = case.call(headers=headers)
        refused_write = case.method.upper() in UNSAFE and 400 <= response.status_code < 500
        counts = _table_counts() if refused_write else baseline
        transaction.set_rollback(True)
    grown = {table: count - baseline[table] for table, count in counts.items() if count > baseline[table]}
    case.validate_response(response, checks=CHECKS)
    assert not grown, f"{case.method} {case.formatted_path} answered {response.status_code} yet added rows: {grown}"


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@FUZZ
def test_a_staff_token_on_every_operation_gets_no_5xx_and_no_half_write(case, tokens, baseline):
    _call_and_check(case, tokens["staff"], baseline)


@schema.include(lambda ctx: (ctx.operation.method.upper(), ctx.operation.path) in WRITERS).parametrize()
@FUZZ
def test_the_writes_staff_may_not_make_fuzzed_as_those_who_may(case, tokens, baseline):
    persona = WRITERS[(case.operation.method.upper(), case.operation.path)]
    _call_and_check(case, tokens[persona], baseline)


# What the fuzzing found, kept as plain tests -----------------------------------------------------------------------


def test_the_token_endpoint_answers_a_json_list_or_a_name_with_a_nul_with_400(client):
    response = client.post("/api/v1/auth/token/", [None, None], content_type="application/json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    nul = {"username": "staff\x00", "password": "x"}
    response = client.post("/api/v1/auth/token/", nul, content_type="application/json")
    assert response.status_code == 400
    assert "username" in response.json()


@pytest.mark.parametrize(
    ("path", "name"),
    [("cases/cases/", "concluded_year"), ("inspections/bulletins/", "year"), ("responsibility/rankings/", "year")],
)
def test_a_year_no_date_can_hold_is_a_field_error(staff_client, path, name):
    for year in (0, -1, 10000, 2**70):
        response = staff_client.get(f"/api/v1/{path}", {name: year})
        assert response.status_code == 400, (year, response.content[:200])
        assert name in response.json()
    assert staff_client.get(f"/api/v1/{path}", {name: 2026}).status_code == 200


@pytest.mark.parametrize("path", ["units", "people"])
def test_a_unit_or_person_id_that_is_no_number_is_404(commission_admin_client, path):
    assert commission_admin_client.get(f"/api/v1/{path}/null,null/").status_code == 404
    patch = commission_admin_client.patch(f"/api/v1/{path}/abc/", {"name": "新名称"}, content_type="application/json")
    assert patch.status_code == 404


def test_a_task_not_started_cannot_be_returned_from_an_acceptance_it_never_asked_for(staff_client):
    task = TaskFactory()
    url = f"/api/v1/responsibility/tasks/{task.pk}/decide-acceptance/"
    response = staff_client.post(url, {"passed": False, "comments": "不合格"}, content_type="application/json")
    assert response.status_code == 409
    assert response.json() == {"detail": "当前状态为“未启动”，不能退回整改。"}
    task.refresh_from_db()
    assert task.status == Task.Status.NOT_STARTED and not task.acceptances.exists()


def test_an_api_url_no_route_matches_answers_json_404_and_a_page_url_the_page(staff_client):
    response = staff_client.get("/api/v1/units/1.5/")
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")
    assert response.json() == {"detail": "未找到。"}
    page = staff_client.get("/orgs/no-such-page/")
    assert page.status_code == 404 and "页面不存在" in page.text


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/cases/reports/?received_to=9999-12-31",
        "/api/v1/cases/reports/?received_from=0001-01-01&received_to=0001-01-01",
        "/cases/clues/?until=9999-12-31",
        "/cases/cases/?opened_until=9999-12-31",
    ],
)
def test_the_last_and_first_days_a_date_holds_filter_without_a_5xx(staff_client, url):
    assert staff_client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/inspections/plans/?month=9999-12", 200),
        ("/api/v1/inspections/findings/?month=9999-12", 200),
        ("/api/v1/responsibility/reports/?period=99999999999999999999-01", 400),
    ],
)
def test_a_month_at_or_past_the_last_a_date_holds_is_no_5xx(staff_client, url, status):
    assert staff_client.get(url).status_code == status


def test_more_files_than_django_reads_answer_json_400_under_the_api(client):
    files = [SimpleUploadedFile(f"{n}.txt", b"x") for n in range(21)]  # DATA_UPLOAD_MAX_NUMBER_FILES is 20
    response = client.post("/api/v1/public/reports/", {"files": files})
    assert (response.status_code, response["Content-Type"]) == (400, "application/json")
    assert response.json() == {"detail": "请求未被接收：一次提交的文件或字段过多，或请求格式有误。"}


def test_more_files_than_django_reads_answer_a_chinese_page_elsewhere(client):
    files = [SimpleUploadedFile(f"{n}.txt", b"x") for n in range(21)]
    response = client.post("/report/", {"files": files})
    assert response.status_code == 400 and "请求无法处理" in response.text
