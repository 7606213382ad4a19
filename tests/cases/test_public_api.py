"""The public API (/api/v1/public/…): the form's rules, limits and refusals, as JSON in Chinese."""

import uuid
from unittest import mock

import pytest
from captcha.models import CaptchaStore

from cases.models import Report, ReportMessage
from cases.query_credentials import credentials_match
from cases.services import public
from tests.cases.public_support import (
    ACCUSED,
    ID_NUMBER,
    IDENTITY,
    PASSWORD,
    disguised,
    file_report,
    form_post,
    pdf,
    report_fields,
)  # fmt: skip

pytestmark = pytest.mark.django_db

CAPTCHA = "/api/v1/public/captcha/"
SUBMIT = "/api/v1/public/reports/"
QUERY = "/api/v1/public/reports/query/"
ANSWER = "/api/v1/public/reports/answer/"
SAFE_KEYS = {
    "number", "category", "status", "status_display", "status_explained", "received_at", "acceptance_due_on",
    "decided_at", "decision_reason", "referred_to", "result", "concluded_at", "messages",
}  # fmt: skip


def solved(client) -> dict:
    key = client.get(CAPTCHA).json()["key"]
    return {"captcha_key": key, "captcha_answer": CaptchaStore.objects.get(hashkey=key).response}


def submission(client, **overrides) -> dict:
    return {**report_fields(), "submission_key": str(uuid.uuid4()), **solved(client), **overrides}


def query(client, report, code, **overrides):
    body = {"number": report.number, "query_code": code, "query_password": PASSWORD, **overrides}
    return client.post(QUERY, body, content_type="application/json")


def test_captcha_gives_a_key_and_a_picture_anyone_can_fetch(client):
    captcha = client.get(CAPTCHA).json()
    assert set(captcha) == {"key", "image_url"}
    assert client.get(captcha["image_url"]).status_code == 200


def test_submission_stores_the_report_and_returns_the_code_once(client):
    body = submission(client, files=[pdf()])
    response = client.post(SUBMIT, body)
    assert response.status_code == 201
    answer = response.json()
    report = Report.objects.get()
    assert answer["number"] == report.number and answer["acceptance_due_on"] == report.acceptance_due_on.isoformat()
    assert credentials_match(report.query_code_hash, "", answer["query_code"].replace("-", ""), body["query_password"])
    assert report.reporter_id_number == ID_NUMBER and report.attachments.count() == 1
    again = client.post(SUBMIT, {**body, "files": [pdf()]})  # a retry with the same key, its captcha spent
    assert again.status_code == 200 and again.json()["query_code"] is None
    assert again.json()["number"] == report.number and Report.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"reporter_id_number": "110101199001011234"}, "reporter_id_number", "校验位"),
        ({"reporter_phone": "8888"}, "reporter_phone", "手机号码"),
        ({"content": "   "}, "content", "不能为空"),
        ({"query_password_confirm": "different-one"}, "query_password_confirm", "不一致"),
        ({"captcha_answer": "wrong"}, "captcha_answer", "验证码不正确"),
        ({"files": [disguised()]}, "files", "内容与扩展名不符"),
    ],
)
def test_bad_input_answers_400_in_chinese_with_nothing_saved(client, changes, field, says):
    response = client.post(SUBMIT, submission(client, **changes))
    assert response.status_code == 400
    assert says in " ".join(response.json()[field])
    assert not Report.objects.exists()


def test_submission_limit_is_shared_with_the_page_and_comes_before_hashing(client, settings):
    settings.PUBLIC_SUBMIT_RATE = "2/h"
    client.post("/report/", form_post())
    client.post(SUBMIT, submission(client))
    with mock.patch.object(public, "credentials_hash", wraps=public.credentials_hash) as hashing:
        response = client.post(SUBMIT, submission(client))
    assert response.status_code == 429 and "操作过于频繁" in response.json()["detail"]
    assert hashing.call_count == 0 and Report.objects.count() == 2


def test_query_returns_status_and_messages_and_nothing_of_the_identity(client, staff_user):
    report, code = file_report()
    ReportMessage.objects.create(report=report, text="请补充证据。", author=staff_user)
    response = query(client, report, code)
    assert response.status_code == 200
    answer = response.json()
    assert set(answer) == SAFE_KEYS
    assert answer["status_display"] == "待受理" and answer["messages"][0]["text"] == "请补充证据。"
    assert not any(secret in response.text for secret in (*IDENTITY, ACCUSED))


@pytest.mark.parametrize(
    "wrong", [{"number": "XF2026-99999"}, {"query_code": "0000-0000-0000-0000-0000"}, {"query_password": "nope-nope"}]
)
def test_wrong_credentials_answer_403_with_one_message(client, wrong):
    report, code = file_report()
    response = query(client, report, code, **wrong)
    assert response.status_code == 403 and response.json() == {"detail": public.WRONG_CREDENTIALS}


def test_repeated_failures_lock_the_api_query_too(client):
    report, code = file_report()
    for _ in range(public.QUERY_FAILURE_LIMIT):
        query(client, report, code, query_password="wrong-password")
    response = query(client, report, code)
    assert response.status_code == 403 and response.json() == {"detail": public.LOCKED}


def test_query_limit_is_shared_with_the_page(client, settings):
    settings.PUBLIC_QUERY_RATE = "1/h"
    report, code = file_report()
    client.post("/report/query/", {"number": report.number, "query_code": code, "password": PASSWORD})
    with mock.patch.object(public, "credentials_match", wraps=public.credentials_match) as hashing:
        response = query(client, report, code)
    assert response.status_code == 429 and hashing.call_count == 0


def test_reporter_answers_through_the_api(client, staff_user):
    report, code = file_report()
    ReportMessage.objects.create(report=report, text="请补充证据。", author=staff_user)
    body = {"number": report.number, "query_code": code, "query_password": PASSWORD, "text": "<b>补充</b>"}
    response = client.post(ANSWER, body, content_type="application/json")
    assert response.status_code == 201 and response.json()["from_reporter"] is True
    assert report.messages.get(from_reporter=True).text == "<b>补充</b>"
    wrong = client.post(ANSWER, {**body, "query_password": "nope-nope"}, content_type="application/json")
    assert wrong.status_code == 403 and report.messages.filter(from_reporter=True).count() == 1


def test_public_api_is_in_the_schema(staff_client):
    paths = staff_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    assert {CAPTCHA, SUBMIT, QUERY, ANSWER} <= set(paths)
