"""The public real-name report form at /report/: what is stored, what is refused, and what the reporter sees."""

import re
import uuid
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from cases.models import Channel, Report
from cases.query_credentials import ITERATIONS, credentials_match
from cases.services import public
from common.crypto import keyed_hash
from common.workdays import add_working_days
from tests.cases.public_support import ID_NUMBER, IDENTITY, PASSWORD, PHONE, disguised, form_post, pdf

pytestmark = pytest.mark.django_db

URL = "/report/"
CODE_SHOWN = re.compile(r'class="query-code"[^>]*>([0-9A-Z-]+)<')


def shown_code(response) -> str:
    return CODE_SHOWN.search(response.text).group(1)


def test_form_is_public_and_carries_a_one_time_key_and_a_captcha(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="submission_key"' in response.text and 'class="captcha"' in response.text
    assert "no-store" in response["Cache-Control"]
    image = re.search(r'<img src="([^"]+)"', response.text).group(1)
    picture = client.get(image)  # the captcha is drawn by our own server, for anonymous visitors
    assert picture.status_code == 200 and picture["Content-Type"] == "image/png"


def test_good_submission_stores_the_report_and_shows_the_code_once(client):
    response = client.post(URL, {**form_post(), "files": [pdf()]})
    assert response.status_code == 200 and "举报已提交" in response.text
    assert "no-store" in response["Cache-Control"]
    report = Report.objects.get()
    year = timezone.localdate(report.received_at).year
    assert report.number == f"XF{year}-00001" and report.number in response.text
    assert (report.channel, report.is_real_name, report.status) == (Channel.WEB, True, Report.Status.RECEIVED)
    assert report.reporter_key == keyed_hash(ID_NUMBER)
    assert report.acceptance_due_on == add_working_days(timezone.localdate(report.received_at), 15)
    assert [a.name for a in report.attachments.all()] == ["证据.pdf"]
    code = shown_code(response)
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}", code)
    plain = code.replace("-", "")
    assert credentials_match(report.query_code_hash, "", plain, PASSWORD) and report.query_password_hash == ""
    assert not credentials_match(report.query_code_hash, "", plain, PASSWORD + "x")
    assert plain not in report.query_code_hash and PASSWORD not in report.query_code_hash
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM cases_report WHERE id = %s", [report.pk])
        stored = " ".join(str(value) for value in cursor.fetchone())
    assert not any(secret in stored for secret in (*IDENTITY, plain, PASSWORD))
    assert plain not in client.get("/report/query/").text


def test_code_and_password_are_stored_as_one_salted_pbkdf2_hash(client):
    client.post(URL, form_post())
    client.post(URL, form_post())
    first, second = Report.objects.order_by("pk")
    assert first.query_code_hash.startswith(f"pbkdf2_sha256${ITERATIONS}$")
    assert first.query_code_hash.split("$")[2] != second.query_code_hash.split("$")[2]  # salts differ


def test_reports_filed_with_two_separate_hashes_still_open(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    code_hash, password_hash = make_password("CODE"), make_password(PASSWORD)
    assert credentials_match(code_hash, password_hash, "CODE", PASSWORD)
    assert not credentials_match(code_hash, password_hash, "CODE", "wrong-password")


def test_every_report_gets_a_fresh_code(client):
    codes = {shown_code(client.post(URL, form_post())) for _ in range(3)}
    assert len(codes) == 3
    assert list(Report.objects.order_by("number").values_list("number", flat=True))[-1].endswith("-00003")


def test_query_code_has_at_least_80_bits_and_is_read_back_forgivingly():
    code = public.new_query_code()
    assert len(code) * 5 >= 80 and set(code) <= set(public.CODE_ALPHABET) and len(set(public.CODE_ALPHABET)) == 32
    typed = public.format_query_code(code).lower().replace("0", "o").replace("1", "l")
    assert public.normalise_query_code(f" {typed} ") == code


TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()
BAD_INPUT = [
    ("reporter_id_number", {"reporter_id_number": ID_NUMBER[:17] + ("0" if ID_NUMBER[17] != "0" else "1")}, "校验位"),
    ("reporter_id_number", {"reporter_id_number": "12345"}, "18位"),
    ("reporter_phone", {"reporter_phone": "12345"}, "手机号码"),
    ("reporter_name", {"reporter_name": "  "}, "姓名"),
    ("happened_on", {"happened_on": TOMORROW}, "不能晚于今天"),
    ("content", {"content": "   \n  "}, "主要问题"),
    ("query_password_confirm", {"query_password_confirm": "something-else"}, "不一致"),
    ("query_password", {"query_password": "abc12", "query_password_confirm": "abc12"}, "至少 8 位"),
    ("query_password", {"query_password": "88888888", "query_password_confirm": "88888888"}, "同一个字符"),
    ("query_password", {"query_password": PHONE, "query_password_confirm": PHONE}, "不能与身份证号码或电话"),
    ("category", {"category": "bribes"}, "选择一个有效的选项"),
]


@pytest.mark.parametrize(("field", "change", "says"), BAD_INPUT, ids=[f"{f}-{s}" for f, _, s in BAD_INPUT])
def test_bad_input_is_refused_with_nothing_saved(client, field, change, says):
    response = client.post(URL, form_post(**change))
    assert response.status_code == 200 and "提交未成功" in response.text
    assert says in str(response.context["form"].errors[field])
    assert not Report.objects.exists()
    client.post(URL, form_post())  # the refused one used no number
    assert Report.objects.get().number.endswith("-00001")


def test_disguised_attachment_is_refused_by_its_content(client):
    response = client.post(URL, {**form_post(), "files": [pdf(), disguised()]})
    assert "内容与扩展名不符" in str(response.context["form"].errors["files"])
    assert not Report.objects.exists()


def test_wrong_captcha_is_refused(client):
    response = client.post(URL, form_post(captcha_1="wrong"))
    assert "验证码不正确" in str(response.context["form"].errors["captcha"])
    assert not Report.objects.exists()


def test_a_captcha_answers_once(client):
    post = form_post()
    client.post(URL, post)
    again = client.post(URL, {**post, "submission_key": str(uuid.uuid4())})
    assert "captcha" in again.context["form"].errors
    assert Report.objects.count() == 1


def test_html_and_script_are_shown_escaped_on_the_form(client):
    script = "<script>alert('x')</script>"
    response = client.post(URL, form_post(content=script, accused_name=script, reporter_phone="1"))
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in response.text


def test_double_submission_creates_one_report_and_shows_the_code_only_the_first_time(client):
    post = form_post()
    first = client.post(URL, post)
    second = client.post(URL, {**post, "captcha_1": "spent"})  # a double click or a reload: same key
    assert Report.objects.count() == 1
    assert Report.objects.get().number in second.text and "此前已经提交成功" in second.text
    assert shown_code(first) and not CODE_SHOWN.search(second.text)


def test_racing_double_submission_returns_the_first_report(client):
    post = form_post()
    client.post(URL, post)
    first = Report.objects.get()
    data = {**post, "happened_on": None}
    # The second request passed its early check before the first one committed: the unique key decides.
    with mock.patch.object(public, "report_for_submission", side_effect=[None, first]):
        submitted = public.report_submit(data=data, files=[], submission_key=first.submission_key)
    assert (submitted.report, submitted.query_code) == (first, None)
    assert Report.objects.count() == 1


def test_rate_limit_answers_429_before_any_hashing(client, settings):
    settings.PUBLIC_SUBMIT_RATE = "2/h"
    for _ in range(2):
        assert client.post(URL, form_post()).status_code == 200
    with mock.patch.object(public, "credentials_hash", wraps=public.credentials_hash) as hashing:
        response = client.post(URL, form_post())
    assert response.status_code == 429 and "操作过于频繁" in response.text
    assert hashing.call_count == 0 and Report.objects.count() == 2
    assert client.get(URL).status_code == 200  # reading the form is not limited


def test_rate_limit_counts_per_client_address(client, settings):
    settings.PUBLIC_SUBMIT_RATE = "1/h"
    client.post(URL, form_post())
    assert client.post(URL, form_post()).status_code == 429
    assert client.post(URL, form_post(), REMOTE_ADDR="10.0.0.9").status_code == 200


def test_login_page_links_to_the_public_form(client):
    assert 'href="/report/"' in client.get("/accounts/login/").text
