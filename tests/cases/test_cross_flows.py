"""Where the slices of the cases work meet: report → clue, and overdue transfers on the due page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Clue, Report, Transfer
from tests.cases.factories import ReportFactory, TransferFactory

pytestmark = pytest.mark.django_db


def test_staff_turn_an_accepted_report_into_a_proposed_clue(staff_client, staff_user):
    report = ReportFactory(status=Report.Status.ACCEPTED)
    detail = staff_client.get(reverse("cases:report-detail", args=[report.pk])).text
    propose = reverse("cases:clue-propose", args=[report.pk])
    assert propose in detail
    response = staff_client.post(propose, {"disposition": "verification", "summary": "反映其公款吃喝"})
    assert response.status_code == 302
    clue = Clue.objects.get(report=report)
    assert (clue.status, clue.proposed_by, clue.accused_name) == ("proposed", staff_user, report.accused_name)
    again = staff_client.post(propose, {"disposition": "inquiry", "summary": "重复"})
    assert "不能重复拟办" in again.text
    assert Clue.objects.count() == 1


def test_a_report_not_yet_accepted_cannot_become_a_clue(staff_client):
    report = ReportFactory(status=Report.Status.RECEIVED)
    response = staff_client.post(
        reverse("cases:clue-propose", args=[report.pk]), {"disposition": "verification", "summary": "摘要"}
    )
    assert "受理后才能转为问题线索" in response.text
    assert not Clue.objects.exists()


def test_nobody_outside_the_commission_proposes_clues(discipline_client, accused_unit_client):
    report = ReportFactory(status=Report.Status.ACCEPTED)
    url = reverse("cases:clue-propose", args=[report.pk])
    for client in (discipline_client, accused_unit_client):
        assert client.get(url).status_code == 404
        assert client.post(url, {"disposition": "verification", "summary": "x"}).status_code == 404
    assert not Clue.objects.exists()


def test_overdue_transfers_show_on_the_due_page_for_supervision(
    staff_client, discipline_client, township_commission, other_township_commission, django_assert_max_num_queries
):
    past = timezone.localdate() - timedelta(days=3)
    late = [TransferFactory(to_unit=township_commission, deadline=past) for _ in range(15)]
    TransferFactory(to_unit=other_township_commission, deadline=past)
    TransferFactory(to_unit=township_commission, deadline=past, status=Transfer.Status.ANSWERED)
    with django_assert_max_num_queries(16):
        page = staff_client.get(reverse("cases:due-list")).text
    assert page.count("/cases/transfers/") >= 16
    assert late[0].clue.number in page
    # The receiving unit's officer has no due page of the commission's.
    assert discipline_client.get(reverse("cases:due-list")).status_code == 404
