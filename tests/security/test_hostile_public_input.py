"""The public form, the query page and the public API under random input: never a 5xx, never a half-stored report.

Values are drawn from any Unicode (control characters and surrogates' neighbours included), huge strings, wrong
types and missing fields; a real captcha is solved for each example so that the validation behind it is reached.
"""

import os
import uuid

import pytest
from captcha.models import CaptchaStore
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import Report, ReportAttachment
from tests.cases.public_support import file_report, report_fields

pytestmark = pytest.mark.django_db
# `make test` draws the same 30 examples each run (a failure there is reproducible); FUZZ_EXAMPLES=500 draws afresh.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")),
    derandomize="FUZZ_EXAMPLES" not in os.environ,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

SUBMIT_FIELDS = [*report_fields(), "submission_key"]
text = st.text(max_size=300) | st.text(min_size=5_000, max_size=12_000) | st.sampled_from(["", " ", "\x00", "\u202e"])
anything = text | st.integers() | st.floats(allow_nan=True) | st.booleans() | st.none() | st.lists(text, max_size=3)
json_anything = anything | st.dictionaries(st.text(max_size=5), text, max_size=3)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.PUBLIC_SUBMIT_RATE = settings.PUBLIC_QUERY_RATE = "100000/h"


def _captcha() -> tuple[str, str]:
    key = CaptchaStore.generate_key()
    return key, CaptchaStore.objects.get(hashkey=key).response


def _stored() -> tuple[int, int]:
    return Report.objects.count(), ReportAttachment.objects.count()


def _assert_all_or_nothing(response, before: tuple[int, int]) -> None:
    assert response.status_code < 500, response.content[:500]
    reports, attachments = _stored()
    if response.status_code == 201:
        assert reports == before[0] + 1
    else:
        assert (reports, attachments) == before


@FUZZ
@given(
    overrides=st.dictionaries(st.sampled_from(SUBMIT_FIELDS), json_anything),
    dropped=st.sets(st.sampled_from(SUBMIT_FIELDS)),
)
def test_the_public_api_submission_answers_4xx_or_stores_one_whole_report(client, overrides, dropped):
    key, answer = _captcha()
    body = {
        **report_fields(),
        "submission_key": str(uuid.uuid4()),
        **overrides,
        "captcha_key": key,
        "captcha_answer": answer,
    }
    body = {name: value for name, value in body.items() if name not in dropped}
    before = _stored()
    response = client.post("/api/v1/public/reports/", body, content_type="application/json")
    _assert_all_or_nothing(response, before)
    if response.status_code == 400:
        assert isinstance(response.json(), dict)  # field errors in JSON, not an HTML page


@FUZZ
@given(body=json_anything | st.lists(json_anything, max_size=3))
def test_the_public_api_takes_any_json_document_without_a_5xx(client, body):
    before = _stored()
    _assert_all_or_nothing(client.post("/api/v1/public/reports/", body, content_type="application/json"), before)
    assert client.post("/api/v1/public/reports/query/", body, content_type="application/json").status_code < 500


@FUZZ
@given(
    overrides=st.dictionaries(st.sampled_from(list(report_fields())), text),
    dropped=st.sets(st.sampled_from(list(report_fields()))),
)
def test_the_public_form_shows_errors_or_stores_one_whole_report(client, overrides, dropped):
    key, answer = _captcha()
    post = {**report_fields(), **overrides, "submission_key": str(uuid.uuid4()), "captcha_0": key, "captcha_1": answer}
    post = {name: value for name, value in post.items() if name not in dropped}
    before = _stored()
    response = client.post("/report/", post)
    assert response.status_code < 500
    reports, _ = _stored()
    assert reports in (before[0], before[0] + 1)
    if reports == before[0]:
        assert response.status_code in (200, 400, 429) and "举报已提交" not in response.content.decode()


@FUZZ
@given(number=text, code=text, password=text)
def test_the_query_page_and_api_refuse_any_credentials_without_a_5xx(client, number, code, password):
    page = client.post("/report/query/", {"number": number, "query_code": code, "password": password})
    assert page.status_code in (200, 400, 429) and "public_report" not in client.session
    credentials = {"number": number, "query_code": code, "query_password": password}
    api = client.post("/api/v1/public/reports/query/", credentials, content_type="application/json")
    assert api.status_code in (400, 403, 429)


def test_a_real_report_still_opens_after_the_fuzzing_helpers(client):
    """The fuzz tests above would pass vacuously if every request failed validation: this one must succeed."""
    report, code = file_report()
    response = client.post(
        "/api/v1/public/reports/query/",
        {"number": report.number, "query_code": code, "query_password": report_fields()["query_password"]},
        content_type="application/json",
    )
    assert response.status_code == 200
