"""The staff read API: denials first, then no reporter identity anywhere, filters and fixed query counts."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case, CasePerson, Channel, Clue, Report, Transfer
from tests.cases.factories import CaseFactory, ClueFactory, ReportFactory, TransferFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/cases"
LISTS = ["reports", "clues", "transfers", "cases"]
OUTSIDERS = ["accused_unit_client", "county_leader_client", "officer_client"]
SECRET_KEYS = {
    "reporter_name", "reporter_id_number", "reporter_phone", "reporter_key", "query_code_hash",
    "query_password_hash", "query_failures", "query_locked_until", "submission_key", "identity_requests",
    "identity_views",
}  # fmt: skip
SHANGHAI = ZoneInfo("Asia/Shanghai")


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def numbers(response) -> list[str]:
    return sorted(row["number"] for row in rows(response))


def all_keys(value) -> set[str]:
    """Every key at any depth of a JSON answer."""
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in all_keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in all_keys(item)}
    return set()


@pytest.fixture
def transfer(township_commission):
    """A clue from a real-name report, transferred to 甲镇纪委, with a case on it and a person dealt with."""
    report = ReportFactory(
        status=Report.Status.ACCEPTED, reporter_name="赵举报", reporter_phone="13912345678", accused_name="钱某"
    )
    clue = ClueFactory(report=report, status=Clue.Status.TRANSFERRED)
    case = CaseFactory(clue=clue, is_eight_point=True)
    CasePerson.objects.create(case=case, name="钱某", form="first")
    return TransferFactory(clue=clue, to_unit=township_commission)


@pytest.fixture
def other_transfer(other_township_commission):
    return TransferFactory(to_unit=other_township_commission)


# Denials ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [*LISTS, "statistics", "statistics/monthly"])
def test_anonymous_gets_401(client, path, transfer):
    assert client.get(f"{API}/{path}/").status_code == 401


@pytest.mark.parametrize("persona", [*OUTSIDERS, "discipline_client"])
def test_no_officer_sees_a_report(request, persona, transfer):
    client = request.getfixturevalue(persona)
    assert rows(client.get(f"{API}/reports/")) == []
    assert client.get(f"{API}/reports/{transfer.clue.report_id}/").status_code == 404


@pytest.mark.parametrize("persona", [*OUTSIDERS, "discipline_client"])
def test_no_officer_sees_cases_or_statistics(request, persona, transfer):
    client = request.getfixturevalue(persona)
    assert rows(client.get(f"{API}/cases/")) == []
    assert client.get(f"{API}/cases/{transfer.clue.cases.get().pk}/").status_code == 404
    assert client.get(f"{API}/statistics/").status_code == 404
    assert client.get(f"{API}/statistics/monthly/").status_code == 404


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_see_no_transfer_or_clue(request, persona, transfer):
    client = request.getfixturevalue(persona)
    for path in ("transfers", "clues"):
        assert rows(client.get(f"{API}/{path}/")) == []
    assert client.get(f"{API}/transfers/{transfer.pk}/").status_code == 404
    assert client.get(f"{API}/clues/{transfer.clue_id}/").status_code == 404


def test_discipline_officer_sees_only_its_own_transfers(discipline_client, transfer, other_transfer):
    assert [row["id"] for row in rows(discipline_client.get(f"{API}/transfers/"))] == [transfer.pk]
    assert discipline_client.get(f"{API}/transfers/{other_transfer.pk}/").status_code == 404
    assert [row["id"] for row in rows(discipline_client.get(f"{API}/clues/"))] == [transfer.clue_id]
    assert discipline_client.get(f"{API}/clues/{other_transfer.clue_id}/").status_code == 404


def test_other_discipline_officer_sees_only_its_own(other_discipline_client, transfer, other_transfer):
    assert [row["id"] for row in rows(other_discipline_client.get(f"{API}/transfers/"))] == [other_transfer.pk]
    assert other_discipline_client.get(f"{API}/transfers/{transfer.pk}/").status_code == 404


def test_discipline_officer_never_learns_the_report(discipline_client, transfer):
    answers = [
        discipline_client.get(f"{API}/transfers/"),
        discipline_client.get(f"{API}/transfers/{transfer.pk}/"),
        discipline_client.get(f"{API}/clues/{transfer.clue_id}/"),
    ]
    report = transfer.clue.report
    for answer in answers:
        assert answer.status_code == 200
        assert not {"report", "report_number"} & all_keys(answer.json())
        text = answer.content.decode()
        assert report.number not in text and "赵举报" not in text and "13912345678" not in text
    assert answers[1].json()["clue"]["summary"] == transfer.clue.summary


# No reporter identity anywhere ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["staff_client", "leader_client", "commission_admin_client"])
def test_no_identity_in_any_answer(request, persona, transfer):
    client = request.getfixturevalue(persona)
    report = transfer.clue.report
    urls = [
        *(f"{API}/{path}/" for path in LISTS), f"{API}/reports/{report.pk}/", f"{API}/clues/{transfer.clue_id}/",
        f"{API}/transfers/{transfer.pk}/", f"{API}/statistics/",
    ]  # fmt: skip
    for url in urls:
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert not SECRET_KEYS & all_keys(answer.json()), url
        text = answer.content.decode()
        for secret in ("赵举报", "13912345678", report.reporter_id_number, report.reporter_key):
            assert secret not in text, (url, secret)


def test_commission_sees_the_report_behind_a_clue(staff_client, transfer):
    clue = staff_client.get(f"{API}/clues/{transfer.clue_id}/").json()
    assert (clue["report"], clue["report_number"]) == (transfer.clue.report_id, transfer.clue.report.number)
    report = staff_client.get(f"{API}/reports/{transfer.clue.report_id}/").json()
    assert (report["accused_name"], report["status_display"]) == ("钱某", "已受理")


def test_case_shows_its_persons_and_category(staff_client, transfer):
    case = rows(staff_client.get(f"{API}/cases/"))[0]
    assert (case["category"], case["clue_number"]) == ("banquets", transfer.clue.number)
    assert [(p["name"], p["form_display"]) for p in case["persons"]] == [("钱某", "第一种形态（批评教育、谈话提醒）")]


def test_text_comes_back_as_stored_not_as_html(staff_client):
    ReportFactory(accused_name="<script>alert(1)</script>")
    assert rows(staff_client.get(f"{API}/reports/"))[0]["accused_name"] == "<script>alert(1)</script>"


# Filters ---------------------------------------------------------------------------------------------------


@pytest.fixture
def reports():
    received = datetime(2026, 3, 10, 9, tzinfo=SHANGHAI)
    ReportFactory(number="XF2026-00001", accused_name="孙一", received_at=received)
    ReportFactory(
        number="XF2026-00002", channel=Channel.LETTER, category="cars", is_real_name=False,
        status=Report.Status.ACCEPTED, received_at=received + timedelta(days=10),
    )  # fmt: skip
    ReportFactory(
        number="XF2026-00003", channel=Channel.PHONE, category="gifts", status=Report.Status.REJECTED,
        received_at=datetime(2026, 4, 1, 0, 30, tzinfo=SHANGHAI),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["00001", "00002", "00003"]),
        ({"status": "accepted"}, ["00002"]),
        ({"channel": "phone"}, ["00003"]),
        ({"category": "cars"}, ["00002"]),
        ({"real_name": "false"}, ["00002"]),
        ({"real_name": "true"}, ["00001", "00003"]),
        ({"received_from": "2026-03-15"}, ["00002", "00003"]),
        # Half past midnight on 1 April in Shanghai is still 31 March in UTC: the day is the local one.
        ({"received_to": "2026-03-31"}, ["00001", "00002"]),
        ({"received_from": "2026-04-01", "received_to": "2026-04-01"}, ["00003"]),
        ({"q": "孙"}, ["00001"]),
        ({"q": "00003"}, ["00003"]),
    ],
)
def test_report_filters(staff_client, reports, params, expected):
    assert numbers(staff_client.get(f"{API}/reports/", params)) == [f"XF2026-{n}" for n in expected]


@pytest.mark.parametrize("params", [{"status": "lost"}, {"channel": "fax"}, {"received_from": "昨天"}])
def test_bad_report_filter_is_400(staff_client, params):
    response = staff_client.get(f"{API}/reports/", params)
    assert response.status_code == 400 and set(response.json()) == set(params)


def test_clue_filters(staff_client):
    ClueFactory(number="XS-1", category="cars", disposition=Clue.Disposition.INQUIRY)
    ClueFactory(number="XS-2", status=Clue.Status.APPROVED, disposition=Clue.Disposition.HOLD)
    url = f"{API}/clues/"
    assert numbers(staff_client.get(url, {"status": "approved"})) == ["XS-2"]
    assert numbers(staff_client.get(url, {"disposition": "inquiry"})) == ["XS-1"]
    assert numbers(staff_client.get(url, {"category": "banquets"})) == ["XS-2"]


def test_transfer_filters(staff_client, township_commission):
    today = timezone.localdate()
    late = TransferFactory(to_unit=township_commission, deadline=today - timedelta(days=1))
    TransferFactory(to_unit=township_commission, deadline=today - timedelta(days=1), status=Transfer.Status.ANSWERED)
    on_time = TransferFactory(to_unit=township_commission, deadline=today)
    overdue = rows(staff_client.get(f"{API}/transfers/", {"overdue": "true"}))
    assert [(row["id"], row["is_overdue"]) for row in overdue] == [(late.pk, True)]
    assert len(rows(staff_client.get(f"{API}/transfers/", {"overdue": "false"}))) == 2
    pending = rows(staff_client.get(f"{API}/transfers/", {"status": "pending"}))
    assert {row["id"] for row in pending} == {late.pk, on_time.pk}


def test_case_filters(staff_client):
    original = CaseFactory(number="AJ-1", stage=Case.Stage.FILED, is_eight_point=True)
    CaseFactory(number="AJ-2", is_four_winds=True, clue__category="cars", dual_accountability_of=original)
    CaseFactory(number="AJ-3", clue=None, title="某局长受贿案", concluded_on=date(2025, 6, 1))
    url = f"{API}/cases/"
    assert numbers(staff_client.get(url, {"stage": "filed"})) == ["AJ-1"]
    assert numbers(staff_client.get(url, {"is_eight_point": "true"})) == ["AJ-1"]
    assert numbers(staff_client.get(url, {"is_four_winds": "true"})) == ["AJ-2"]
    assert numbers(staff_client.get(url, {"category": "cars"})) == ["AJ-2"]
    assert numbers(staff_client.get(url, {"dual_accountability": "true"})) == ["AJ-2"]
    assert numbers(staff_client.get(url, {"concluded_year": 2025})) == ["AJ-3"]
    assert numbers(staff_client.get(url, {"q": "受贿"})) == ["AJ-3"]


# Query counts ----------------------------------------------------------------------------------------------

ROWS = 30


@pytest.fixture
def many(township_commission, accused_unit, staff_user):
    """ROWS transferred clues (with their reports) to 甲镇纪委, each with a case of three persons in units."""
    for n in range(ROWS):
        clue = ClueFactory(accused_unit=accused_unit, status=Clue.Status.TRANSFERRED, proposed_by=staff_user)
        TransferFactory(clue=clue, to_unit=township_commission, transferred_by=staff_user)
        case = CaseFactory(clue=clue, handled_by=staff_user, dual_accountability_of=Case.objects.first())
        for i in range(3):
            CasePerson.objects.create(case=case, name=f"人员{n}-{i}", unit=accused_unit, form="first")


@pytest.mark.parametrize("path", LISTS)
def test_staff_lists_run_a_fixed_number_of_queries(staff_client, many, path, django_assert_max_num_queries):
    # Session and user (2), the user's roles (1), the count (1), the page (1), the persons of the cases (1).
    with django_assert_max_num_queries(6):
        assert len(rows(staff_client.get(f"{API}/{path}/"))) == ROWS


@pytest.mark.parametrize("path", ["transfers", "clues"])
def test_officer_lists_run_a_fixed_number_of_queries(discipline_client, many, path, django_assert_max_num_queries):
    # The handling unit is one more query.
    with django_assert_max_num_queries(6):
        assert len(rows(discipline_client.get(f"{API}/{path}/"))) == ROWS


def test_statistics_run_a_fixed_number_of_queries(staff_client, many, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        assert staff_client.get(f"{API}/statistics/").json()["clues_total"] == ROWS
    with django_assert_max_num_queries(5):
        assert staff_client.get(f"{API}/statistics/monthly/").status_code == 200


# The schema ------------------------------------------------------------------------------------------------


def test_schema_lists_the_cases_api(staff_client):
    paths = set(staff_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"])
    assert {
        f"{API}/reports/", f"{API}/reports/{{id}}/", f"{API}/clues/", f"{API}/clues/{{id}}/", f"{API}/transfers/",
        f"{API}/transfers/{{id}}/", f"{API}/cases/", f"{API}/cases/{{id}}/", f"{API}/statistics/",
        f"{API}/statistics/monthly/",
    } <= paths  # fmt: skip


def test_schema_generates_without_warnings(tmp_path):
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yaml"))
