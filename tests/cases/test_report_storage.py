"""How a report's reporter identity is kept: encrypted at rest, out of the audit log and the admin, re-keyable."""

import io
from datetime import date

import pytest
from auditlog.models import LogEntry
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from cases.models import Report
from common.crypto import keyed_hash

pytestmark = pytest.mark.django_db

NAME, ID_NUMBER, PHONE = "测试举报人", "99999919800101002X", "13900001111"


def make_report(**extra) -> Report:
    extra.setdefault("number", "2026-00001")
    return Report.objects.create(
        channel="web", category="banquets", reporter_name=NAME, reporter_id_number=ID_NUMBER,
        reporter_phone=PHONE, reporter_key=keyed_hash(ID_NUMBER), accused_name="某某", accused_unit_name="某某局",
        content="公款吃喝", happened_on=date(2026, 5, 1), acceptance_due_on=date(2026, 5, 22), **extra,
    )  # fmt: skip


def raw_identity(report: Report) -> tuple[str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reporter_name, reporter_id_number, reporter_phone FROM cases_report WHERE id = %s", [report.pk]
        )
        return cursor.fetchone()


def test_identity_is_encrypted_at_rest_and_read_back_plain():
    report = make_report()
    stored = raw_identity(report)
    assert not any(plain in token for token, plain in zip(stored, (NAME, ID_NUMBER, PHONE), strict=True))
    assert all(token.startswith("gAAAA") for token in stored)  # Fernet tokens
    report = Report.objects.get(pk=report.pk)
    assert (report.reporter_name, report.reporter_id_number, report.reporter_phone) == (NAME, ID_NUMBER, PHONE)


def test_identity_never_reaches_the_audit_log():
    report = make_report()
    report.reporter_phone, report.place = "13900002222", "城关镇"
    report.save()
    entries = LogEntry.objects.get_for_object(report)
    logged = " ".join(str(entry.changes) for entry in entries)
    assert entries.count() == 2 and "城关镇" in logged
    for secret in (NAME, ID_NUMBER, PHONE, "13900002222", "gAAAA", report.reporter_key):
        assert secret not in logged


def test_admin_never_shows_the_identity(admin_client):
    report = make_report()
    page = admin_client.get(reverse("admin:cases_report_change", args=[report.pk])).text
    assert "公款吃喝" in page
    for secret in (NAME, ID_NUMBER, PHONE):
        assert secret not in page


def test_rotating_keys_re_encrypts_reports(settings):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    report = make_report()
    before = raw_identity(report)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old_key]
    out = io.StringIO()
    call_command("rotate_field_keys", stdout=out)
    assert "cases.Report" in out.getvalue()
    after = raw_identity(report)
    assert all(a != b for a, b in zip(after, before, strict=True))
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]  # the old key removed: still readable
    assert Report.objects.get(pk=report.pk).reporter_id_number == ID_NUMBER


def test_double_submission_key_is_unique():
    from uuid import uuid4

    from django.db import IntegrityError, transaction

    key = uuid4()
    make_report(submission_key=key)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(number="2026-00002", submission_key=key)
