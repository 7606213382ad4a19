"""What the public-form tests share: a valid report as the form, the API and the service take it, a solved
captcha, uploads, and a report filed through the service with its query code. Every identity is invented."""

import random
import uuid
from datetime import date

from captcha.models import CaptchaStore
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Report
from cases.services import public
from common.identity import fake_resident_id

NAME = "测试实名举报人"
ID_NUMBER = fake_resident_id(random.Random(7), region="999999")
PHONE = "13900007777"
PASSWORD = "xinfang-2026"
IDENTITY = (NAME, ID_NUMBER, PHONE)
ACCUSED = "被举报人张某某"


def report_fields(**overrides) -> dict:
    """The report as typed in: strings, as the form and the API receive them."""
    fields = {
        "reporter_name": NAME, "reporter_id_number": ID_NUMBER, "reporter_phone": PHONE, "accused_name": ACCUSED,
        "accused_unit_name": "某某镇人民政府", "accused_position": "副镇长", "category": "banquets",
        "content": "今年五月在某农家乐用公款宴请。", "happened_on": "2026-05-01", "place": "某某农家乐",
        "query_password": PASSWORD, "query_password_confirm": PASSWORD,
    }  # fmt: skip
    return {**fields, **overrides}


def solved_captcha() -> dict:
    key = CaptchaStore.generate_key()
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def form_post(**overrides) -> dict:
    """A complete POST of the page's form: a fresh one-time key and a solved captcha."""
    return {"submission_key": str(uuid.uuid4()), **solved_captcha(), **report_fields(**overrides)}


def pdf(name: str = "证据.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 evidence", content_type="application/pdf")


def disguised(name: str = "照片.jpg") -> SimpleUploadedFile:
    """A Windows program renamed to look like a photo."""
    return SimpleUploadedFile(name, b"MZ\x90\x00 not a picture", content_type="image/jpeg")


def file_report(**overrides) -> tuple[Report, str]:
    """A report filed through the service, and its query code as the reporter received it."""
    data = {**report_fields(**overrides), "happened_on": date(2026, 5, 1)}
    submitted = public.report_submit(data=data, files=[], submission_key=uuid.uuid4())
    return submitted.report, public.format_query_code(submitted.query_code)


def credentials(report: Report, code: str, **overrides) -> dict:
    return {"number": report.number, "query_code": code, "password": PASSWORD, **overrides}
