"""Denials first: a transfer shows its receiving unit the clue, never the report or who made it; nobody else sees it."""

from datetime import date

import pytest
from django.urls import reverse

from cases.models import Transfer
from tests.cases.factories import CaseFactory, ReportFactory, TransferFactory

pytestmark = pytest.mark.django_db

REPORTER = {"reporter_name": "王秘密", "reporter_phone": "13912345678", "number": "XF2026-77777"}


@pytest.fixture
def transfer(township_commission, accused_unit):
    report = ReportFactory(status="accepted", accused_unit=accused_unit, **REPORTER)
    return TransferFactory(
        clue__report=report, clue__summary="反映其在农家乐公款宴请。", to_unit=township_commission,
        instructions="请于期限内核实并查报结果。", deadline=date(2099, 12, 31),
    )  # fmt: skip


@pytest.fixture
def other_transfer(other_township_commission):
    return TransferFactory(to_unit=other_township_commission, clue__summary="乙镇的线索摘要。")


def assert_no_report(response, transfer: Transfer) -> None:
    page = response.content.decode()
    report = transfer.clue.report
    for secret in (report.reporter_name, report.reporter_phone, report.reporter_id_number, report.number):
        assert secret not in page
    assert reverse("cases:clue-detail", args=[transfer.clue_id]) not in page


def test_discipline_officer_sees_only_own_transfers_in_the_inbox(discipline_client, transfer, other_transfer):
    response = discipline_client.get(reverse("cases:transfer-list"))
    assert response.status_code == 200
    assert transfer.clue.number in response.content.decode()
    assert other_transfer.clue.number not in response.content.decode()
    assert_no_report(response, transfer)


def test_discipline_officer_sees_summary_and_instructions_but_never_the_report(discipline_client, transfer):
    response = discipline_client.get(reverse("cases:transfer-detail", args=[transfer.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "反映其在农家乐公款宴请。" in page and "请于期限内核实并查报结果。" in page and "2099-12-31" in page
    assert_no_report(response, transfer)


def test_discipline_officer_cannot_open_the_clue_the_report_or_the_cases(discipline_client, transfer):
    case = CaseFactory(clue=transfer.clue)
    for url in (
        reverse("cases:clue-detail", args=[transfer.clue_id]),
        reverse("cases:clue-list"),
        reverse("cases:case-list"),
        reverse("cases:case-detail", args=[case.pk]),
    ):
        assert discipline_client.get(url).status_code == 404, url


def test_another_township_commission_gets_404(other_discipline_client, transfer):
    detail = reverse("cases:transfer-detail", args=[transfer.pk])
    assert other_discipline_client.get(detail).status_code == 404
    assert other_discipline_client.post(detail, {"result": "冒充报送"}).status_code == 404
    transfer.refresh_from_db()
    assert transfer.result == "" and transfer.status == Transfer.Status.PENDING


def test_accused_units_officer_gets_404_everywhere(accused_unit_client, transfer):
    response = accused_unit_client.get(reverse("cases:transfer-list"))
    assert response.status_code == 200
    assert transfer.clue.number not in response.content.decode()
    assert "本单位不承办转办件" in response.content.decode()
    case = CaseFactory(clue=transfer.clue)
    for url in (
        reverse("cases:transfer-detail", args=[transfer.pk]),
        reverse("cases:clue-detail", args=[transfer.clue_id]),
        reverse("cases:clue-list"),
        reverse("cases:case-list"),
        reverse("cases:case-detail", args=[case.pk]),
    ):
        assert accused_unit_client.get(url).status_code == 404, url
    close = reverse("cases:transfer-close", args=[transfer.pk])
    assert accused_unit_client.post(close, {"conclude_clue": "1"}).status_code == 404


def test_the_public_is_sent_to_log_in(client, transfer):
    for url in (
        reverse("cases:transfer-list"),
        reverse("cases:transfer-detail", args=[transfer.pk]),
        reverse("cases:clue-list"),
        reverse("cases:case-list"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_staff_see_the_transfer_but_cannot_file_its_result(staff_client, transfer):
    url = reverse("cases:transfer-detail", args=[transfer.pk])
    assert staff_client.get(url).status_code == 200
    staff_client.post(url, {"result": "代报"})
    transfer.refresh_from_db()
    assert transfer.result == ""


def test_commission_nav_and_officer_nav(staff_client, discipline_client, accused_unit_client):
    staff_page = staff_client.get(reverse("workbench")).content.decode()
    assert "问题线索" in staff_page and "转办件" in staff_page and "审查调查" in staff_page
    officer_page = discipline_client.get(reverse("workbench")).content.decode()
    assert "转办件" in officer_page and "问题线索" not in officer_page and "审查调查" not in officer_page
