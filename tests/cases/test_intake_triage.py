"""A report's page and its triage: accept, reject, refer, tell the reporter, conclude, feed back; messages, rewards."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.clocks import feedback_due
from cases.models import Report, ReportMessage, Reward
from tests.cases.factories import ClueFactory, ReportFactory

pytestmark = pytest.mark.django_db
S = Report.Status


def act(client, report: Report, action: str, **data):
    return client.post(reverse("cases:report-act", args=[report.pk, action]), data)


def detail(client, report: Report):
    return client.get(reverse("cases:report-detail", args=[report.pk]))


@pytest.mark.parametrize("persona", ["accused_unit_client", "discipline_client", "officer_client"])
@pytest.mark.parametrize("action", ["accept", "reject", "conclude", "message", "reward"])
def test_outsiders_can_neither_see_nor_move_a_report(persona, action, request):
    report = ReportFactory(query_code_hash="set")
    client = request.getfixturevalue(persona)
    assert detail(client, report).status_code == 404
    assert act(client, report, action, reason="x", result="x", text="x", amount="1").status_code == 404
    report.refresh_from_db()
    assert report.status == S.RECEIVED and not ReportMessage.objects.exists() and not Reward.objects.exists()


def test_unknown_action_and_get_are_refused(staff_client):
    report = ReportFactory()
    assert act(staff_client, report, "delete").status_code == 404
    assert staff_client.get(reverse("cases:report-act", args=[report.pk, "accept"])).status_code == 405


def test_detail_shows_the_report_but_not_the_identity(staff_client):
    report = ReportFactory(reporter_name="秘密举报人乙", content="公款宴请二十桌")
    page = detail(staff_client, report).text
    assert "公款宴请二十桌" in page and "举报人身份已加密保护" in page
    assert reverse("cases:identity-request", args=[report.pk]) in page
    for secret in ("秘密举报人乙", report.reporter_id_number, report.reporter_phone, report.reporter_key):
        assert secret not in page


def test_accept_decides_and_a_second_accept_is_a_conflict(staff_client, staff_user):
    report = ReportFactory()
    assert act(staff_client, report, "accept").status_code == 302
    report.refresh_from_db()
    assert report.status == S.ACCEPTED and report.decided_by == staff_user and report.decided_at
    response = act(staff_client, report, "accept")
    assert response.status_code == 409 and "当前状态为“已受理”，不能受理。" in response.text


def test_reject_needs_a_reason(staff_client):
    report = ReportFactory()
    response = act(staff_client, report, "reject", reason="  ")
    assert response.status_code == 400 and "请填写不予受理的理由" in response.text
    assert Report.objects.get(pk=report.pk).status == S.RECEIVED
    act(staff_client, report, "reject", reason="不属于纪检监察机关受理范围")
    report.refresh_from_db()
    assert report.status == S.REJECTED and report.decision_reason == "不属于纪检监察机关受理范围"


def test_refer_needs_the_body_and_a_reason_and_shows_the_5_day_clock(staff_client):
    report = ReportFactory()
    response = act(staff_client, report, "refer", referred_to="", reason="")
    assert (
        response.status_code == 400
        and "请填写接收转交的有权处理机关" in response.text
        and "请填写转交理由" in response.text
    )
    act(staff_client, report, "refer", referred_to="市纪委监委", reason="被举报人为市管干部")
    report.refresh_from_db()
    assert report.status == S.REFERRED and report.referred_to == "市纪委监委"
    page = detail(staff_client, report).text
    assert "转交有权处理机关" in page and "市纪委监委" in page
    assert act(staff_client, report, "accept").status_code == 409


def test_notify_only_after_a_decision_and_only_once(staff_client):
    report = ReportFactory()
    response = act(staff_client, report, "notify")
    assert response.status_code == 409 and "尚未作出受理决定" in response.text
    act(staff_client, report, "accept")
    assert act(staff_client, report, "notify").status_code == 302
    assert Report.objects.get(pk=report.pk).reporter_notified_at
    assert act(staff_client, report, "notify").status_code == 409


def test_anonymous_report_has_nobody_to_notify(staff_client):
    report = ReportFactory(is_real_name=False, status=S.ACCEPTED, reporter_key="")
    response = act(staff_client, report, "notify")
    assert response.status_code == 409 and "匿名举报无需告知举报人" in response.text


def test_conclude_starts_the_feedback_clock_and_fed_back_stops_it(staff_client):
    report = ReportFactory()
    assert act(staff_client, report, "conclude", result="查实").status_code == 409  # not accepted yet
    assert act(staff_client, report, "fed_back").status_code == 409
    act(staff_client, report, "accept")
    response = act(staff_client, report, "conclude", result="")
    assert response.status_code == 400 and "请填写告知举报人的办理结果" in response.text
    act(staff_client, report, "conclude", result="经查，反映问题属实，已给予党内警告处分。")
    report.refresh_from_db()
    assert report.status == S.CONCLUDED
    assert report.feedback_due_on == feedback_due(timezone.localdate(report.concluded_at))
    assert "结果反馈" in detail(staff_client, report).text
    assert act(staff_client, report, "fed_back").status_code == 302
    assert Report.objects.get(pk=report.pk).fed_back_at
    assert act(staff_client, report, "fed_back").status_code == 409


def test_accepted_report_links_to_its_clue(staff_client):
    clue = ClueFactory()
    assert clue.number in detail(staff_client, clue.report).text


def test_staff_question_reaches_the_reporter_only_with_a_query_code(staff_client, staff_user):
    without = ReportFactory()
    response = act(staff_client, without, "message", text="请补充时间")
    assert response.status_code == 400 and "没有查询码" in response.text
    report = ReportFactory(query_code_hash="set")
    assert act(staff_client, report, "message", text="").status_code == 400
    act(staff_client, report, "message", text="请补充宴请的具体时间。")
    message = ReportMessage.objects.get()
    assert (message.report, message.from_reporter, message.author) == (report, False, staff_user)
    ReportMessage.objects.create(report=report, from_reporter=True, text="十月一日晚")
    page = detail(staff_client, report).text
    assert "请补充宴请的具体时间。" in page and "举报人回复" in page and "十月一日晚" in page


def test_reward_for_a_real_name_report(staff_client, staff_user):
    report = ReportFactory(status=S.CONCLUDED)
    today = timezone.localdate()
    for data, message in (
        ({"amount": "0", "decided_on": str(today)}, "奖励金额须大于 0"),
        ({"amount": "-5", "decided_on": str(today)}, "奖励金额须大于 0"),
        ({"amount": "500", "decided_on": str(today + timedelta(days=1))}, "决定日期不能晚于今天"),
        ({"amount": "abc", "decided_on": str(today)}, "输入一个数字"),
    ):
        response = act(staff_client, report, "reward", **data)
        assert response.status_code == 400 and message in response.text
    assert not Reward.objects.exists()
    act(staff_client, report, "reward", amount="800.50", decided_on=str(today), note="线索查实")
    reward = Reward.objects.get()
    assert (str(reward.amount), reward.recorded_by) == ("800.50", staff_user)
    assert "800.50" in detail(staff_client, report).text


def test_no_reward_for_an_anonymous_report(staff_client):
    report = ReportFactory(is_real_name=False, reporter_key="")
    response = act(staff_client, report, "reward", amount="100", decided_on=str(timezone.localdate()))
    assert response.status_code == 400 and "只有实名举报" in response.text
    assert not Reward.objects.exists()


def test_detail_lists_duplicates(staff_client):
    report = ReportFactory(accused_name="王五", accused_unit_name="丁局")
    same_accused = ReportFactory(accused_name="王五", accused_unit_name="丁局")
    same_reporter = ReportFactory(reporter_key=report.reporter_key)
    unrelated = ReportFactory()
    page = detail(staff_client, report).text
    assert same_accused.number in page and same_reporter.number in page and unrelated.number not in page
    assert "疑似重复：同一举报人" in page and "疑似重复：同一被举报人" in page


def test_detail_query_count_is_fixed(staff_client, django_assert_max_num_queries):
    report = ReportFactory(query_code_hash="set")
    for _ in range(15):
        ReportFactory(accused_name=report.accused_name, accused_unit_name=report.accused_unit_name)
        ReportMessage.objects.create(report=report, text="问", author=None)
    with django_assert_max_num_queries(14):
        assert detail(staff_client, report).status_code == 200
