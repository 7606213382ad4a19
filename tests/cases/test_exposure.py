"""Exposure by name: drafted on a concluded case, approved by a leader only, shown publicly with only that text."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.models import Exposure
from cases.services.exposure import exposure_approve, exposure_propose, exposure_withdraw
from common.transitions import TransitionNotAllowed
from tests.cases.factories import CaseFactory, ClueFactory, ReportFactory

pytestmark = pytest.mark.django_db

BODY = "2026年5月，某镇副镇长张某违规公款宴请，受到党内警告处分。<script>alert('x')</script>"


@pytest.fixture
def concluded_case():
    report = ReportFactory(
        status="accepted", reporter_name="钱秘密", reporter_phone="13700001234", number="XF2026-31313"
    )
    clue = ClueFactory(report=report, summary="内部摘要不公开", status="concluded")
    return CaseFactory(clue=clue, stage="concluded", concluded_on=timezone.localdate(), title="内部案由不公开",
                       recommendation="内部建议不公开")  # fmt: skip


def test_only_a_concluded_case_is_drafted(staff_user):
    with pytest.raises(ValidationError, match="结案后"):
        exposure_propose(case=CaseFactory(stage="review"), title="通报", body="内容", user=staff_user)
    assert not Exposure.objects.exists()


def test_only_a_leader_approves(staff_client, leader_client, staff_user, concluded_case):
    exposure = exposure_propose(case=concluded_case, title="关于张某违规公款吃喝问题的通报", body=BODY, user=staff_user)
    with pytest.raises(PermissionDenied):
        exposure_approve(exposure=exposure, user=staff_user)
    url = reverse("cases:exposure-decide", args=[exposure.pk, "approve"])
    response = staff_client.post(url, follow=True)
    assert "只有纪委领导可以审批通报曝光" in response.content.decode()
    assert Exposure.objects.get().status == "pending"
    leader_client.post(url)
    exposure.refresh_from_db()
    assert exposure.status == "published" and exposure.published_at is not None


def test_the_public_page_shows_only_the_approved_text_escaped(client, staff_user, leader_user, concluded_case):
    exposure = exposure_propose(case=concluded_case, title="关于<b>张某</b>的通报", body=BODY, user=staff_user)
    assert client.get(reverse("public:exposure-list")).content.decode().count("张某") == 0
    assert client.get(reverse("public:exposure-detail", args=[exposure.pk])).status_code == 404
    exposure_approve(exposure=exposure, user=leader_user)
    listing = client.get(reverse("public:exposure-list"))
    assert listing.status_code == 200 and "关于&lt;b&gt;张某&lt;/b&gt;的通报" in listing.content.decode()
    page = client.get(reverse("public:exposure-detail", args=[exposure.pk])).content.decode()
    assert "某镇副镇长张某违规公款宴请" in page
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    for private in ("钱秘密", "13700001234", "XF2026-31313", concluded_case.number, "内部摘要不公开",
                    "内部案由不公开", "内部建议不公开", concluded_case.clue.number):  # fmt: skip
        assert private not in page


def test_withdrawn_refused_and_redrafted(client, staff_client, staff_user, leader_user, leader_client, concluded_case):
    exposure = exposure_propose(case=concluded_case, title="通报一", body="内容一", user=staff_user)
    leader_client.post(reverse("cases:exposure-decide", args=[exposure.pk, "refuse"]))
    assert Exposure.objects.get().status == "refused"
    staff_client.post(
        reverse("cases:exposure-propose", args=[concluded_case.pk]), {"title": "通报二", "body": "内容二"}
    )
    exposure.refresh_from_db()
    assert (exposure.status, exposure.title) == ("pending", "通报二")
    exposure_approve(exposure=exposure, user=leader_user)
    with pytest.raises(TransitionNotAllowed):
        exposure_propose(case=concluded_case, title="再拟", body="再拟", user=staff_user)
    staff_client.post(reverse("cases:exposure-decide", args=[exposure.pk, "withdraw"]))
    assert Exposure.objects.get().status == "withdrawn"
    assert client.get(reverse("public:exposure-detail", args=[exposure.pk])).status_code == 404
    with pytest.raises(TransitionNotAllowed):
        exposure_withdraw(exposure=exposure, user=staff_user)


def test_officers_cannot_decide_exposures(discipline_client, accused_unit_client, staff_user, concluded_case):
    exposure = exposure_propose(case=concluded_case, title="通报", body="内容", user=staff_user)
    for client in (discipline_client, accused_unit_client):
        assert client.post(reverse("cases:exposure-decide", args=[exposure.pk, "approve"])).status_code == 404
        assert client.get(reverse("cases:exposure-propose", args=[concluded_case.pk])).status_code == 404
    assert Exposure.objects.get().status == "pending"


PUBLIC_MAX_QUERIES = 3  # session (none for the public: no cookie), count, page


def test_public_exposures_run_a_fixed_number_of_queries(client, staff_user, leader_user,
                                                        django_assert_max_num_queries):  # fmt: skip
    for n in range(30):
        case = CaseFactory(stage="concluded", concluded_on=timezone.localdate())
        Exposure.objects.create(case=case, title=f"通报{n}", body="内容", requested_by=staff_user,
                                approved_by=leader_user, status="published", published_at=timezone.now())  # fmt: skip
    with django_assert_max_num_queries(PUBLIC_MAX_QUERIES):
        response = client.get(reverse("public:exposure-list"))
    assert response.status_code == 200 and "通报29" in response.content.decode()
    with django_assert_max_num_queries(PUBLIC_MAX_QUERIES):
        assert client.get(reverse("public:exposure-list"), {"page": 2}).status_code == 200


def test_case_page_offers_the_decision_to_leaders_only(staff_client, leader_client, staff_user, concluded_case):
    url = reverse("cases:case-detail", args=[concluded_case.pk])
    assert "拟稿，报纪委领导审批" in staff_client.get(url).content.decode()
    exposure_propose(case=concluded_case, title="通报", body="内容", user=staff_user)
    approve = reverse("cases:exposure-decide", args=[Exposure.objects.get().pk, "approve"])
    assert approve not in staff_client.get(url).content.decode()
    assert approve in leader_client.get(url).content.decode()
