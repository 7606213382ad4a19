"""Transfers: sent to a township commission or discipline group with a deadline, answered, closed, supervised."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.models import Clue, Transfer
from cases.selectors_transfers import overdue_transfers, quarter_end, quarter_start
from cases.services.transfers import transfer_close, transfer_create, transfer_report_result
from common.transitions import TransitionNotAllowed
from orgs.models import Unit
from tests.cases.factories import ClueFactory, TransferFactory
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


@pytest.fixture
def approved_clue():
    return ClueFactory(status=Clue.Status.APPROVED, disposition=Clue.Disposition.INQUIRY)


def test_staff_transfer_an_approved_clue_on_the_page(staff_client, approved_clue, township_commission):
    url = reverse("cases:transfer-new", args=[approved_clue.pk])
    response = staff_client.post(
        url, {"to_unit": township_commission.pk, "deadline": tomorrow().isoformat(), "instructions": "请核实"}
    )
    assert response.status_code == 302
    transfer = Transfer.objects.get()
    assert (transfer.to_unit, transfer.result_required, transfer.status) == (township_commission, True, "pending")
    assert Clue.objects.get(pk=approved_clue.pk).status == "transferred"


def test_only_handling_units_receive_transfers(staff_user, approved_clue, accused_unit, staff_client):
    with pytest.raises(ValidationError, match="乡镇纪委或派驻纪检组"):
        transfer_create(
            clue=approved_clue, to_unit=accused_unit, instructions="x", deadline=tomorrow(), user=staff_user
        )
    group = UnitFactory(name="派驻第一纪检组", kind=Unit.Kind.DISCIPLINE_GROUP)
    transfer_create(clue=approved_clue, to_unit=group, instructions="请核实", deadline=tomorrow(), user=staff_user)
    page = staff_client.get(reverse("cases:transfer-new", args=[approved_clue.pk])).content.decode()
    assert accused_unit.name not in page


def test_a_deadline_in_the_past_is_refused(staff_client, staff_user, approved_clue, township_commission):
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError, match="不能早于今天"):
        transfer_create(clue=approved_clue, to_unit=township_commission, instructions="x", deadline=yesterday,
                        user=staff_user)  # fmt: skip
    url = reverse("cases:transfer-new", args=[approved_clue.pk])
    response = staff_client.post(url, {"to_unit": township_commission.pk, "deadline": yesterday, "instructions": "x"})
    assert "不能早于今天" in response.content.decode()
    assert not Transfer.objects.exists()
    assert Clue.objects.get(pk=approved_clue.pk).status == "approved"


@pytest.mark.parametrize(
    ("status", "disposition"), [("proposed", "inquiry"), ("transferred", "inquiry"), ("approved", "hold")]
)
def test_unapproved_already_transferred_or_held_clues_are_not_transferred(staff_user, township_commission, status,
                                                                          disposition):  # fmt: skip
    clue = ClueFactory(status=status, disposition=disposition)
    with pytest.raises((ValidationError, TransitionNotAllowed)):
        transfer_create(clue=clue, to_unit=township_commission, instructions="x", deadline=tomorrow(), user=staff_user)
    assert not Transfer.objects.exists()


def test_the_officer_files_the_result_and_staff_close_it_concluding_the_clue(
    discipline_client, discipline_officer, staff_client, township_commission
):
    transfer = TransferFactory(to_unit=township_commission)
    url = reverse("cases:transfer-detail", args=[transfer.pk])
    response = discipline_client.post(url, {"result": ""})
    assert "必填" in response.content.decode()
    discipline_client.post(url, {"result": "<b>经核实</b>，问题属实，已给予诫勉谈话。"})
    transfer.refresh_from_db()
    assert (transfer.status, transfer.result_by) == ("answered", discipline_officer)
    staff_page = staff_client.get(url).content.decode()
    assert "&lt;b&gt;经核实&lt;/b&gt;" in staff_page
    staff_client.post(reverse("cases:transfer-close", args=[transfer.pk]), {"conclude_clue": "1", "conclusion": ""})
    transfer.refresh_from_db()
    clue = Clue.objects.get(pk=transfer.clue_id)
    assert transfer.status == "closed" and clue.status == "concluded"
    assert clue.conclusion == transfer.result
    response = discipline_client.post(url, {"result": "再报"}, follow=True)
    assert Transfer.objects.get(pk=transfer.pk).result == transfer.result


def test_closing_without_concluding_hands_the_clue_back(staff_user, township_commission, discipline_officer):
    transfer = TransferFactory(to_unit=township_commission)
    with pytest.raises(TransitionNotAllowed):
        transfer_close(transfer=transfer, user=staff_user, conclude_clue=True)
    transfer_report_result(transfer=transfer, result="初步核实，需进一步调查。", user=discipline_officer)
    transfer_report_result(transfer=transfer, result="更正：需立案审查。", user=discipline_officer)
    transfer_close(transfer=transfer, user=staff_user, conclude_clue=False)
    assert Clue.objects.get(pk=transfer.clue_id).status == "approved"
    with pytest.raises(TransitionNotAllowed):
        transfer_report_result(transfer=transfer, result="晚报", user=discipline_officer)


def test_overdue_transfers_are_supervised_and_scoped(staff_user, discipline_officer, other_discipline_officer,
                                                     township_commission, staff_client):  # fmt: skip
    today = timezone.localdate()
    late = TransferFactory(to_unit=township_commission, deadline=today - timedelta(days=3))
    TransferFactory(to_unit=township_commission, deadline=today)
    TransferFactory(to_unit=township_commission, deadline=today - timedelta(days=3), status="answered")
    assert list(overdue_transfers(staff_user)) == [late]
    assert list(overdue_transfers(discipline_officer)) == [late]
    assert list(overdue_transfers(other_discipline_officer)) == []
    page = staff_client.get(reverse("cases:transfer-list"), {"state": "overdue"}).content.decode()
    assert late.clue.number in page and "逾期未报·督办" in page
    assert page.count("逾期未报·督办") == 1


def test_quarter_dates():
    assert (quarter_start(date(2026, 5, 17)), quarter_end(date(2026, 5, 17))) == (date(2026, 4, 1), date(2026, 6, 30))
    assert quarter_end(date(2026, 11, 2)) == date(2026, 12, 31)
    assert quarter_end(date(2027, 1, 1)) == date(2027, 3, 31)


def test_open_transfers_show_the_quarterly_report_date_and_whether_filed(discipline_client, discipline_officer,
                                                                        township_commission):  # fmt: skip
    filed = TransferFactory(to_unit=township_commission)
    transfer_report_result(transfer=filed, result="本季度办理情况", user=discipline_officer)
    not_filed = TransferFactory(to_unit=township_commission)
    last_quarter = quarter_start(timezone.localdate()) - timedelta(days=1)
    stale = TransferFactory(to_unit=township_commission)
    transfer_report_result(
        transfer=stale, result="上季度的", user=discipline_officer,
        now=timezone.make_aware(timezone.datetime.combine(last_quarter, timezone.datetime.min.time())),
    )  # fmt: skip
    page = discipline_client.get(reverse("cases:transfer-list")).content.decode()
    end = quarter_end(timezone.localdate()).isoformat()
    assert end in page
    assert page.count("本季度已报") == 1 and page.count("本季度未报") == 2
    detail = discipline_client.get(reverse("cases:transfer-detail", args=[not_filed.pk])).content.decode()
    assert "本季度未报" in detail and end in detail


INBOX_MAX_QUERIES = 7  # session, user, actor, handling unit (twice), count, page: none per row


@pytest.mark.parametrize("client_name", ["discipline_client", "staff_client"])
def test_transfer_inbox_runs_a_fixed_number_of_queries(request, client_name, township_commission, staff_user,
                                                       django_assert_max_num_queries):  # fmt: skip
    clues = Clue.objects.bulk_create(
        Clue(number=f"XS2025-{n:05d}", category="banquets", accused_name=f"人{n}", summary="摘要",
             disposition="inquiry", proposed_by=staff_user, status="transferred")
        for n in range(60)
    )  # fmt: skip
    Transfer.objects.bulk_create(
        Transfer(clue=clue, to_unit=township_commission, instructions="查报", deadline=date(2025, 1, 1),
                 transferred_by=staff_user)
        for clue in clues
    )  # fmt: skip
    client = request.getfixturevalue(client_name)
    with django_assert_max_num_queries(INBOX_MAX_QUERIES):
        response = client.get(reverse("cases:transfer-list"), {"state": "open"})
    assert response.content.decode().count("逾期未报·督办") == 50


def test_a_result_recorded_without_its_author_still_shows(staff_client, township_commission):
    """Demo and imported transfers may carry a result but no author: the page shows it instead of a 500."""
    transfer = TransferFactory(to_unit=township_commission, result="已核实，情况属实。", result_at=timezone.now())
    page = staff_client.get(reverse("cases:transfer-detail", args=[transfer.pk]))
    assert page.status_code == 200 and "已核实，情况属实。" in page.content.decode()
