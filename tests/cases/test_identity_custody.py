"""Custody of the reporter's identity: refused to everybody but the approved requester, and every showing recorded."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import IdentityRequest, IdentityView
from orgs.models import Role
from tests.cases.factories import ReportFactory, TransferFactory
from tests.factories import client_for, user_with_role

pytestmark = pytest.mark.django_db

NAME, PHONE = "秘密举报人丙", "13912345678"
A = IdentityRequest.Status


@pytest.fixture
def report(db):
    return ReportFactory(reporter_name=NAME, reporter_phone=PHONE)


@pytest.fixture
def other_staff_user(commission):
    return user_with_role(Role.COMMISSION_STAFF, commission, "staff2", name="工作人员乙")


@pytest.fixture
def second_leader_user(commission):
    return user_with_role(Role.COMMISSION_LEADER, commission, "leader2", name="纪委副书记乙")


def approved(report, user, decided_by, *, days_ago: float = 0, reason: str = "核实举报内容需联系举报人"):
    return IdentityRequest.objects.create(
        report=report, requested_by=user, reason=reason, status=A.APPROVED, decided_by=decided_by,
        decided_at=timezone.now() - timedelta(days=days_ago),
    )  # fmt: skip


def identity_urls(report) -> list[str]:
    return [
        reverse("cases:identity-show", args=[report.pk]),
        reverse("cases:identity-request", args=[report.pk]),
        reverse("cases:identity-request-list"),
        reverse("cases:identity-view-list"),
        reverse("cases:report-detail", args=[report.pk]),
        reverse("cases:report-list") + "?status=",
    ]


def assert_no_identity(page: str, report) -> None:
    for secret in (NAME, report.reporter_id_number, PHONE, report.reporter_key):
        assert secret not in page


# Denials first.


@pytest.mark.parametrize("persona", ["accused_unit_client", "discipline_client", "other_discipline_client"])
def test_officers_outside_the_commission_get_404_everywhere_even_with_a_transfer(
    persona, request, report, township_commission, staff_user, leader_user
):
    TransferFactory(clue__report=report, to_unit=township_commission)
    approved(report, staff_user, leader_user)
    client = request.getfixturevalue(persona)
    for url in identity_urls(report):
        response = client.get(url)
        assert response.status_code == 404, url
        assert_no_identity(response.text, report)
    response = client.post(reverse("cases:identity-request", args=[report.pk]), {"reason": "想知道"})
    assert response.status_code == 404 and not IdentityRequest.objects.exclude(requested_by=staff_user).exists()
    assert not IdentityView.objects.exists()


def test_the_township_officer_s_transfer_pages_never_show_the_identity(discipline_client, report, township_commission):
    transfer = TransferFactory(clue__report=report, to_unit=township_commission)
    for url in (reverse("cases:transfer-list"), reverse("cases:transfer-detail", args=[transfer.pk])):
        response = discipline_client.get(url)
        assert response.status_code == 200
        assert_no_identity(response.text, report)


def test_the_public_is_sent_to_log_in(client, report):
    for url in identity_urls(report):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url


def test_another_staff_member_without_approval_gets_404(report, staff_user, leader_user, other_staff_user):
    approved(report, staff_user, leader_user)
    response = client_for(other_staff_user).get(reverse("cases:identity-show", args=[report.pk]))
    assert response.status_code == 404 and not IdentityView.objects.exists()


def test_the_requester_gets_404_for_a_different_report(report, staff_client, staff_user, leader_user):
    approved(report, staff_user, leader_user)
    other = ReportFactory()
    response = staff_client.get(reverse("cases:identity-show", args=[other.pk]))
    assert response.status_code == 404
    assert other.reporter_name not in response.text and not IdentityView.objects.exists()


def test_the_approving_leader_cannot_see_it_either(report, staff_user, leader_client, leader_user):
    approved(report, staff_user, leader_user)
    assert leader_client.get(reverse("cases:identity-show", args=[report.pk])).status_code == 404


def test_a_leader_cannot_approve_their_own_request(report, leader_client, leader_user):
    own = IdentityRequest.objects.create(report=report, requested_by=leader_user, reason="本人需联系")
    page = leader_client.get(reverse("cases:identity-request-list")).text
    assert "这是您本人的申请" in page and reverse("cases:identity-request-decide", args=[own.pk]) not in page
    response = leader_client.post(
        reverse("cases:identity-request-decide", args=[own.pk]), {"approve": "1"}, follow=True
    )
    assert "不能审批本人提出的申请" in response.text
    own.refresh_from_db()
    assert own.status == A.PENDING
    assert leader_client.get(reverse("cases:identity-show", args=[report.pk])).status_code == 404


def test_staff_cannot_decide_requests(report, staff_client, other_staff_user):
    pending = IdentityRequest.objects.create(report=report, requested_by=other_staff_user, reason="需要")
    assert staff_client.get(reverse("cases:identity-request-list")).status_code == 404
    response = staff_client.post(reverse("cases:identity-request-decide", args=[pending.pk]), {"approve": "1"})
    assert response.status_code == 404 and IdentityRequest.objects.get().status == A.PENDING


@pytest.mark.parametrize("status", [A.PENDING, A.REFUSED])
def test_a_pending_or_refused_request_shows_nothing(report, staff_client, staff_user, status):
    IdentityRequest.objects.create(report=report, requested_by=staff_user, reason="需要", status=status)
    assert staff_client.get(reverse("cases:identity-show", args=[report.pk])).status_code == 404


def test_an_approval_lapses_after_seven_days(report, staff_client, staff_user, leader_user):
    approved(report, staff_user, leader_user, days_ago=7.01)
    assert staff_client.get(reverse("cases:identity-show", args=[report.pk])).status_code == 404
    page = staff_client.get(reverse("cases:report-detail", args=[report.pk])).text
    assert reverse("cases:identity-request", args=[report.pk]) in page  # asks again


def test_an_anonymous_report_has_no_identity_to_request(staff_client):
    anonymous = ReportFactory(is_real_name=False, reporter_name="", reporter_id_number="", reporter_key="")
    assert staff_client.get(reverse("cases:identity-request", args=[anonymous.pk])).status_code == 404


# The flow.


def test_request_approve_show_and_every_showing_is_recorded(
    report, staff_client, staff_user, leader_client, leader_user
):
    request_url = reverse("cases:identity-request", args=[report.pk])
    response = staff_client.post(request_url, {"reason": " "})
    assert "请填写查看举报人身份的理由" in response.text and not IdentityRequest.objects.exists()
    staff_client.post(request_url, {"reason": "需当面核实举报细节"})
    response = staff_client.post(request_url, {"reason": "再申请一次"})
    assert IdentityRequest.objects.count() == 1 and "待审批" in response.text

    pending = IdentityRequest.objects.get()
    page = leader_client.get(reverse("cases:identity-request-list")).text
    assert "需当面核实举报细节" in page and report.number in page
    assert_no_identity(page, report)
    leader_client.post(reverse("cases:identity-request-decide", args=[pending.pk]), {"approve": "1"})
    pending.refresh_from_db()
    assert pending.status == A.APPROVED and pending.decided_by == leader_user

    detail = staff_client.get(reverse("cases:report-detail", args=[report.pk])).text
    assert reverse("cases:identity-show", args=[report.pk]) in detail
    assert_no_identity(detail, report)  # the detail page links to the identity, never shows it

    for n in (1, 2):
        response = staff_client.get(reverse("cases:identity-show", args=[report.pk]))
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
        assert NAME in response.text and report.reporter_id_number in response.text and PHONE in response.text
        assert IdentityView.objects.count() == n
    view = IdentityView.objects.first()
    assert (view.viewer, view.report, view.request, view.reason) == (staff_user, report, pending, "需当面核实举报细节")


def test_refusal_needs_a_note_and_shows_nothing(report, staff_user, staff_client, leader_client):
    pending = IdentityRequest.objects.create(report=report, requested_by=staff_user, reason="需要")
    url = reverse("cases:identity-request-decide", args=[pending.pk])
    response = leader_client.post(url, {"approve": "0", "note": ""}, follow=True)
    assert "不予批准时请填写审批意见" in response.text and IdentityRequest.objects.get().status == A.PENDING
    leader_client.post(url, {"approve": "0", "note": "理由不充分"})
    assert IdentityRequest.objects.get().status == A.REFUSED
    assert "理由不充分" in leader_client.get(reverse("cases:identity-request-list")).text
    assert staff_client.get(reverse("cases:identity-show", args=[report.pk])).status_code == 404
    response = leader_client.post(url, {"approve": "1"}, follow=True)  # a decided request stays decided
    assert "不能批准" in response.text and IdentityRequest.objects.get().status == A.REFUSED


def test_another_leader_approves_a_leader_s_request(report, leader_user, second_leader_user):
    own = IdentityRequest.objects.create(report=report, requested_by=leader_user, reason="需联系举报人")
    client_for(second_leader_user).post(reverse("cases:identity-request-decide", args=[own.pk]), {"approve": "1"})
    response = client_for(leader_user).get(reverse("cases:identity-show", args=[report.pk]))
    assert response.status_code == 200 and NAME in response.text


# The record of showings, for commission admins.


def test_admin_log_lists_views_with_filters(report, staff_user, leader_user, other_staff_user, commission_admin_client):
    grant = approved(report, staff_user, leader_user, reason="需核实<b>细节</b>")
    other_report = ReportFactory()
    other_grant = approved(other_report, other_staff_user, leader_user, reason="另一件的理由")
    IdentityView.objects.create(request=grant, report=report, viewer=staff_user, reason=grant.reason)
    IdentityView.objects.create(
        request=other_grant, report=other_report, viewer=other_staff_user, reason="另一件的理由"
    )
    url = reverse("cases:identity-view-list")
    page = commission_admin_client.get(url).text
    assert report.number in page and other_report.number in page and "工作人员乙" in page
    assert "需核实&lt;b&gt;细节&lt;/b&gt;" in page
    assert_no_identity(page, report)
    filtered = commission_admin_client.get(url, {"report": report.number}).text
    assert report.number in filtered and other_report.number not in filtered
    filtered = commission_admin_client.get(url, {"viewer": "工作人员乙"}).text
    assert other_report.number in filtered and report.number not in filtered
    tomorrow = str(timezone.localdate() + timedelta(days=1))
    assert "没有查看记录" in commission_admin_client.get(url, {"since": tomorrow}).text


@pytest.mark.parametrize("persona", ["staff_client", "leader_client"])
def test_staff_and_leaders_do_not_read_the_log(persona, request):
    assert request.getfixturevalue(persona).get(reverse("cases:identity-view-list")).status_code == 404


def test_navigation_by_role(staff_client, leader_client, commission_admin_client):
    staff_page = staff_client.get(reverse("workbench")).text
    assert "信访举报" in staff_page and "到期提醒" in staff_page
    assert "身份查看审批" not in staff_page and "身份查看记录" not in staff_page
    assert "身份查看审批" in leader_client.get(reverse("workbench")).text
    assert "身份查看记录" in commission_admin_client.get(reverse("workbench")).text


def test_log_and_request_list_query_counts_are_fixed(
    report, staff_user, leader_user, other_staff_user, commission_admin_client, leader_client,
    django_assert_max_num_queries,
):  # fmt: skip
    grant = approved(report, staff_user, leader_user)
    IdentityView.objects.bulk_create(
        IdentityView(request=grant, report=report, viewer=staff_user, reason=grant.reason) for _ in range(120)
    )
    reports = ReportFactory.create_batch(30)
    IdentityRequest.objects.bulk_create(
        IdentityRequest(report=r, requested_by=other_staff_user, reason="需要") for r in reports
    )
    IdentityRequest.objects.bulk_create(
        IdentityRequest(
            report=r, requested_by=other_staff_user, reason="需要", status=A.REFUSED, decided_by=leader_user
        )
        for r in reports
    )
    with django_assert_max_num_queries(6):
        page = commission_admin_client.get(reverse("cases:identity-view-list"), {"page": 2}).text
    assert "第 2 / 3 页，共 120 条" in page
    with django_assert_max_num_queries(7):
        page = leader_client.get(reverse("cases:identity-request-list")).text
    assert page.count("提交审批") == 30


def test_workbench_tells_leaders_of_requests_waiting_for_someone_else_s_decision(
    report, staff_user, leader_user, leader_client, staff_client
):
    IdentityRequest.objects.create(report=report, requested_by=staff_user, reason="需要")
    IdentityRequest.objects.create(report=ReportFactory(), requested_by=leader_user, reason="本人的")
    assert "1 件举报人身份查看申请待审批" in leader_client.get(reverse("workbench")).text
    assert "身份查看申请" not in staff_client.get(reverse("workbench")).text
