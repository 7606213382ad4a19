"""The reporter's follow-up at /report/query/: status and messages with number, code and password; never the
identity; one message for any wrong credential; a lock after repeated failures; answers to the staff."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases import query_credentials
from cases.models import Report, ReportMessage
from cases.services import public
from tests.cases.factories import ReportFactory
from tests.cases.public_support import ACCUSED, IDENTITY, PASSWORD, credentials, file_report

pytestmark = pytest.mark.django_db

URL = "/report/query/"
ANSWER_URL = "/report/query/answer/"
IDENTITY_COLUMNS = ("reporter_name", "reporter_id_number", "reporter_phone")


@pytest.fixture
def filed(staff_user):
    report, code = file_report()
    ReportMessage.objects.create(report=report, text="请补充<b>宴请</b>的具体日期。", author=staff_user)
    return report, code


def sign_in(client, report, code, **overrides):
    return client.post(URL, credentials(report, code, **overrides))


def test_right_credentials_show_status_and_messages_but_never_the_identity(client, filed):
    report, code = filed
    assert sign_in(client, report, code).url == URL
    with CaptureQueriesContext(connection) as queries:
        page = client.get(URL)
    assert report.number in page.text and "待受理" in page.text and "正在审查是否受理" in page.text
    assert "请补充&lt;b&gt;宴请&lt;/b&gt;的具体日期。" in page.text
    assert "no-store" in page["Cache-Control"]
    for secret in (*IDENTITY, ACCUSED):
        assert secret not in page.text
    # The identity is not even read: no query touches its columns.
    assert not any(column in query["sql"] for query in queries.captured_queries for column in IDENTITY_COLUMNS)


@pytest.mark.parametrize(
    ("changes", "shown"),
    [
        ({"status": Report.Status.ACCEPTED}, ["已受理", "正在依规依纪依法办理"]),
        ({"status": Report.Status.REJECTED, "decision_reason": "反映的问题已经处理。"}, ["不予受理", "已经处理"]),
        ({"status": Report.Status.REFERRED, "referred_to": "市纪委监委"}, ["已转交", "市纪委监委"]),
        ({"status": Report.Status.CONCLUDED, "result": "经核实，给予党内警告处分。"}, ["已办结", "党内警告"]),
    ],
)
def test_each_state_is_told_in_plain_words(client, filed, changes, shown):
    report, code = filed
    now = timezone.now()
    Report.objects.filter(pk=report.pk).update(decided_at=now, concluded_at=now, **changes)
    sign_in(client, report, code)
    page = client.get(URL).text
    assert all(text in page for text in shown)


@pytest.mark.parametrize("wrong", ["number", "query_code", "password"])
def test_any_wrong_credential_gets_the_same_message(client, filed, wrong):
    report, code = filed
    other = {"number": "XF2026-99999", "query_code": "0000-0000-0000-0000-0000", "password": "not-the-password"}
    response = sign_in(client, report, code, **{wrong: other[wrong]})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [public.WRONG_CREDENTIALS]
    assert "public_report" not in client.session
    for secret in (*IDENTITY, ACCUSED):
        assert secret not in response.text


def test_code_is_accepted_as_typed_by_hand(client, filed):
    report, code = filed
    typed = code.lower().replace("-", " ")
    assert sign_in(client, report, code, query_code=typed, number=f" {report.number.lower()} ").status_code == 302


def test_repeated_failures_lock_the_query_even_for_the_right_password(client, filed):
    report, code = filed
    for _ in range(public.QUERY_FAILURE_LIMIT - 1):
        assert sign_in(client, report, code, password="wrong-password").context["form"].non_field_errors() == [
            public.WRONG_CREDENTIALS
        ]
    locking = sign_in(client, report, code, password="wrong-password")
    assert "暂停" in locking.text
    report.refresh_from_db()
    assert report.query_failures == public.QUERY_FAILURE_LIMIT
    assert report.query_locked_until > timezone.now() + timedelta(minutes=29)
    with mock.patch.object(public, "credentials_match", wraps=public.credentials_match) as hashing:
        locked = sign_in(client, report, code)
    assert "暂停" in locked.text and "public_report" not in client.session
    assert hashing.call_count == 0  # refused before any hashing


def test_after_the_lock_one_more_failure_locks_again_and_success_resets(client, filed):
    report, code = filed
    past = timezone.now() - timedelta(seconds=1)
    Report.objects.filter(pk=report.pk).update(query_failures=public.QUERY_FAILURE_LIMIT, query_locked_until=past)
    assert "暂停" in sign_in(client, report, code, password="wrong-password").text
    Report.objects.filter(pk=report.pk).update(query_locked_until=past)
    assert sign_in(client, report, code).status_code == 302
    report.refresh_from_db()
    assert (report.query_failures, report.query_locked_until) == (0, None)


def test_failures_on_one_report_do_not_lock_another(client, filed):
    report, code = filed
    other, other_code = file_report()
    for _ in range(public.QUERY_FAILURE_LIMIT):
        sign_in(client, report, code, password="wrong-password")
    assert sign_in(client, other, other_code).status_code == 302


def test_reporter_answers_a_question_without_entering_the_code_again(client, filed):
    report, code = filed
    sign_in(client, report, code)
    response = client.post(ANSWER_URL, {"text": "<script>alert(1)</script>日期是五月一日。"}, follow=True)
    assert "您的回复已送达工作人员" in response.text
    answer = report.messages.get(from_reporter=True)
    assert answer.text == "<script>alert(1)</script>日期是五月一日。" and answer.author is None
    assert "&lt;script&gt;alert(1)&lt;/script&gt;日期是五月一日。" in response.text
    assert "<script>alert(1)" not in response.text


def test_empty_answer_is_refused(client, filed):
    report, code = filed
    sign_in(client, report, code)
    response = client.post(ANSWER_URL, {"text": "   "})
    assert response.status_code == 200 and "text" in response.context["form"].errors
    assert not report.messages.filter(from_reporter=True).exists()


def test_answer_needs_a_question_first(client):
    report, code = file_report()
    sign_in(client, report, code)
    assert 'action="/report/query/answer/"' not in client.get(URL).text
    response = client.post(ANSWER_URL, {"text": "补充材料。"})
    assert "尚未向您提出问题" in response.text
    assert not report.messages.exists()


def test_answer_without_signing_in_is_refused(client, filed):
    report, _ = filed
    response = client.post(ANSWER_URL, {"text": "冒充举报人。"})
    assert response.url == URL
    assert not report.messages.filter(from_reporter=True).exists()


def test_session_holds_only_the_report_id_and_expires(client, filed):
    report, code = filed
    sign_in(client, report, code)
    held = client.session["public_report"]
    assert set(held) == {"id", "until"} and held["id"] == report.pk
    session = client.session
    session["public_report"] = {"id": report.pk, "until": 0}
    session.save()
    assert 'name="query_code"' in client.get(URL).text


def test_leaving_ends_the_follow_up(client, filed):
    report, code = filed
    sign_in(client, report, code)
    client.post("/report/query/leave/")
    assert "public_report" not in client.session and 'name="query_code"' in client.get(URL).text


def test_guessing_codes_never_reaches_the_identity(client, settings, filed):
    settings.PUBLIC_QUERY_RATE = "100/h"
    report, _ = filed
    for _ in range(12):
        guess = public.format_query_code(public.new_query_code())
        response = sign_in(client, report, guess, password=PASSWORD)
        assert response.status_code == 200 and "public_report" not in client.session
        for secret in (*IDENTITY, ACCUSED):
            assert secret not in response.text
    assert report.messages.count() == 1


def test_reports_registered_without_a_code_cannot_be_queried(client):
    report = ReportFactory(query_code_hash="", query_password_hash="")
    response = client.post(URL, {"number": report.number, "query_code": "", "password": ""})
    assert response.status_code == 200 and "public_report" not in client.session
    response = client.post(URL, {"number": report.number, "query_code": "x", "password": "x"})
    assert response.context["form"].non_field_errors() == [public.WRONG_CREDENTIALS]


def test_query_rate_limit_answers_429_before_any_hashing(client, settings, filed):
    settings.PUBLIC_QUERY_RATE = "3/h"
    report, code = filed
    other, other_code = file_report()
    for _ in range(3):
        sign_in(client, report, code, password="wrong-password")
    with mock.patch.object(public, "credentials_match", wraps=public.credentials_match) as hashing:
        response = sign_in(client, other, other_code)
    assert response.status_code == 429 and "操作过于频繁" in response.text
    assert response["Retry-After"] == "3600"
    assert hashing.call_count == 0


def test_unknown_number_costs_the_same_hashing(client, filed):
    report, code = filed
    hasher = query_credentials._HASHER
    with mock.patch.object(hasher, "verify", wraps=hasher.verify) as hashing:
        sign_in(client, report, code, number="XF2026-99999")
    assert hashing.call_count == 1


def test_status_page_query_count_is_bounded(client, filed, staff_user, django_assert_max_num_queries):
    report, code = filed
    ReportMessage.objects.bulk_create(
        ReportMessage(report=report, text=f"问题{i}", author=staff_user, from_reporter=bool(i % 2)) for i in range(40)
    )
    sign_in(client, report, code)
    with django_assert_max_num_queries(3):
        page = client.get(URL)
    assert page.text.count('class="from-reporter"') == 20
