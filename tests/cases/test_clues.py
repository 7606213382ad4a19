"""Clues: proposed from an accepted report (or another source), approved by a leader, listed, revised, concluded."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.models import Clue, Report, Transfer
from cases.services.clues import clue_approve, clue_create, clue_propose
from common.transitions import TransitionNotAllowed
from tests.cases.factories import ClueFactory, ReportFactory, TransferFactory

pytestmark = pytest.mark.django_db


def test_an_accepted_report_becomes_one_clue_numbered_for_the_year(staff_user):
    report = ReportFactory(status=Report.Status.ACCEPTED, accused_name="张某", accused_position="所长")
    clue = clue_propose(report=report, disposition="verification", summary="反映公款吃喝。", user=staff_user)
    assert clue.number == f"XS{timezone.localdate().year}-00001"
    assert (clue.status, clue.accused_name, clue.accused_position, clue.category) == (
        "proposed", "张某", "所长", report.category,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="已转为问题线索"):
        clue_propose(report=report, disposition="hold", summary="再来一次", user=staff_user)
    assert Clue.objects.count() == 1


@pytest.mark.parametrize("status", ["received", "rejected", "referred"])
def test_only_an_accepted_report_becomes_a_clue(staff_user, status):
    report = ReportFactory(status=status)
    with pytest.raises(ValidationError, match="受理后才能"):
        clue_propose(report=report, disposition="verification", summary="摘要", user=staff_user)
    assert not Clue.objects.exists()


def test_empty_summary_or_unknown_disposition_is_refused(staff_user):
    report = ReportFactory(status=Report.Status.ACCEPTED)
    with pytest.raises(ValidationError):
        clue_propose(report=report, disposition="verification", summary="  ", user=staff_user)
    with pytest.raises(ValidationError):
        clue_propose(report=report, disposition="nonsense", summary="摘要", user=staff_user)
    assert not Clue.objects.exists()


def test_a_clue_from_an_inspection_needs_no_report(staff_user, accused_unit):
    clue = clue_create(
        source_kind="inspection_finding", source_id=42, category="work_discipline", accused_name="李某",
        accused_unit=accused_unit, summary="上班时间玩游戏。", disposition="inquiry", user=staff_user,
    )  # fmt: skip
    assert clue.report is None and clue.source_id == 42


def test_only_a_leader_approves_and_may_change_the_disposition(staff_user, leader_user):
    clue = ClueFactory(disposition="hold")
    with pytest.raises(PermissionDenied):
        clue_approve(clue=clue, user=staff_user)
    clue_approve(clue=clue, user=leader_user, disposition="verification")
    clue.refresh_from_db()
    assert (clue.status, clue.disposition, clue.approved_by) == ("approved", "verification", leader_user)
    with pytest.raises(TransitionNotAllowed, match="处置已批准"):
        clue_approve(clue=clue, user=leader_user)


def test_leader_approves_on_the_page_and_staff_cannot(staff_client, leader_client):
    clue = ClueFactory()
    url = reverse("cases:clue-approve", args=[clue.pk])
    response = staff_client.post(url, {"disposition": "inquiry"}, follow=True)
    assert "只有纪委领导可以审批" in response.content.decode()
    assert Clue.objects.get(pk=clue.pk).status == "proposed"
    leader_client.post(url, {"disposition": "inquiry"})
    assert Clue.objects.get(pk=clue.pk).status == "approved"


def test_staff_revise_a_proposal_until_it_is_approved(staff_client, leader_user):
    clue = ClueFactory()
    url = reverse("cases:clue-revise", args=[clue.pk])
    response = staff_client.post(url, {"disposition": "close", "summary": "<b>改</b>"})
    assert response.status_code == 302
    clue.refresh_from_db()
    assert (clue.disposition, clue.summary) == ("close", "<b>改</b>")
    clue_approve(clue=clue, user=leader_user)
    response = staff_client.post(url, {"disposition": "hold", "summary": "再改"})
    assert "批准后不能再修改" in response.content.decode()


def test_an_approved_clue_is_concluded_with_its_outcome(staff_client):
    clue = ClueFactory(status="approved", disposition="close")
    url = reverse("cases:clue-conclude", args=[clue.pk])
    response = staff_client.post(url, {"conclusion": ""}, follow=True)
    assert Clue.objects.get(pk=clue.pk).status == "approved"
    staff_client.post(url, {"conclusion": "经了解，反映问题不实，予以了结。"})
    assert Clue.objects.get(pk=clue.pk).status == "concluded"
    response = staff_client.post(url, {"conclusion": "再办结"}, follow=True)
    assert "不能办结" in response.content.decode()


def test_clue_detail_escapes_text_and_shows_the_report_number_only(staff_client):
    report = ReportFactory(status="accepted", reporter_name="赵秘密", number="XF2026-55555")
    clue = ClueFactory(report=report, summary="<script>alert(1)</script>", accused_name="<i>某</i>")
    page = staff_client.get(reverse("cases:clue-detail", args=[clue.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page and "&lt;i&gt;" in page
    assert "XF2026-55555" in page and "赵秘密" not in page


def test_clue_list_filters_and_search(staff_client, township_commission):
    hold = ClueFactory(disposition="hold", accused_name="暂存人")
    inquiry = ClueFactory(disposition="inquiry", status="transferred", category="cars", accused_name="谈话人")
    TransferFactory(clue=inquiry, to_unit=township_commission, deadline=timezone.localdate() - timedelta(days=1))
    url = reverse("cases:clue-list")

    def listed(**params):
        page = staff_client.get(url, params).content.decode()
        return {clue.accused_name for clue in (hold, inquiry) if clue.accused_name in page}

    assert listed() == {"暂存人", "谈话人"}
    assert listed(disposition="hold") == {"暂存人"}
    assert listed(status="transferred") == {"谈话人"}
    assert listed(category="cars") == {"谈话人"}
    assert listed(overdue="true") == {"谈话人"}
    assert listed(q="暂存") == {"暂存人"}
    assert listed(status="bogus") == set()


def bulk_clues(count: int, user, unit) -> None:
    """``count`` clues in a few inserts; every tenth from a report, every seventh transferred and overdue."""
    reports = Report.objects.bulk_create(
        ReportFactory.build(number=f"XF2025-{n:05d}", status="accepted") for n in range(count // 10 or 1)
    )
    clues = Clue.objects.bulk_create(
        Clue(number=f"XS2025-{n:05d}", report=reports[n // 10] if n % 10 == 0 else None, category="banquets",
             accused_name=f"被反映人{n}", accused_unit=unit, summary="摘要", disposition="inquiry", proposed_by=user,
             status="transferred" if n % 7 == 0 else "approved")
        for n in range(count)
    )  # fmt: skip
    Transfer.objects.bulk_create(
        Transfer(clue=clue, to_unit=unit, instructions="查报", deadline=date(2025, 1, 1), transferred_by=user)
        for clue in clues
        if clue.status == "transferred"
    )


CLUE_LIST_MAX_QUERIES = 6  # session, user, actor, count, page: none per row


@pytest.mark.parametrize("count", [10, 10_000])
def test_clue_list_runs_a_fixed_number_of_queries(
    staff_client, staff_user, township_commission, count, django_assert_max_num_queries
):
    bulk_clues(count, staff_user, township_commission)
    for params in ({}, {"overdue": "true", "q": "被反映人", "disposition": "inquiry"}):
        with django_assert_max_num_queries(CLUE_LIST_MAX_QUERIES):
            response = staff_client.get(reverse("cases:clue-list"), params)
        assert response.status_code == 200
        assert "转办逾期" in response.content.decode()


def test_clue_page_offers_approval_to_leaders_and_handling_once_approved(staff_client, leader_client):
    clue = ClueFactory(disposition="verification")
    url = reverse("cases:clue-detail", args=[clue.pk])
    approve = reverse("cases:clue-approve", args=[clue.pk])
    assert approve not in staff_client.get(url).content.decode()
    assert approve in leader_client.get(url).content.decode()
    leader_client.post(approve, {"disposition": "verification"})
    page = staff_client.get(url).content.decode()
    assert reverse("cases:transfer-new", args=[clue.pk]) in page and reverse("cases:case-open", args=[clue.pk]) in page
