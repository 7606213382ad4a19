"""The public's own channel: a real-name report filed online, and the reporter's follow-up with code and password.

The query code is the reporter's secret: 100 random bits from ``secrets``, shown once and stored only as a
slow salted hash (PBKDF2 through Django's password hashers), like the query password. The report number is the
non-secret half that finds the row, so a check costs one lookup and two hashes, never a scan. Callers apply the
per-address rate limit (``cases.public_limits``) before calling anything here that hashes.
"""

import secrets
import unicodedata
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When
from django.db.models.functions import Least
from django.utils import timezone

from cases import access
from cases.clocks import acceptance_due
from cases.models import Channel, Report, ReportAttachment, ReportMessage
from cases.numbering import next_number
from cases.query_credentials import credentials_hash, credentials_match
from common.audit_bulk import audited_update
from common.crypto import keyed_hash, normalise_identifier
from common.identity import validate_phone, validate_resident_id
from files.storing import stored_fields
from files.validators import validate_attachments

# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is not mistaken.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 20  # 20 × 5 = 100 bits
CODE_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 128
QUERY_FAILURE_LIMIT = 5
QUERY_LOCK = timedelta(minutes=30)

WRONG_CREDENTIALS = "举报编号、查询码或查询密码不正确，请核对后再试。"
LOCKED = (
    f"该举报的查询因连续 {QUERY_FAILURE_LIMIT} 次输入错误已暂停，请 {QUERY_LOCK.seconds // 60} 分钟后再试。"
    "如遗失查询码，请携带身份证件到纪委监委信访室查询。"
)

# The status in plain words for the reporter, who does not know the commission's terms.
STATUS_EXPLAINED = {
    Report.Status.RECEIVED: "我们已收到您的举报，正在审查是否受理，将在受理告知期限前告诉您。",
    Report.Status.ACCEPTED: "您的举报已受理，正在依规依纪依法办理。",
    Report.Status.REJECTED: "经审查，您的举报不予受理，理由见下。",
    Report.Status.REFERRED: "您反映的问题不属于本机关管辖，已转交有权处理的机关办理。",
    Report.Status.CONCLUDED: "您的举报已办结，办理结果见下。",
}
# What a missing field is told; the form uses the same words for its own required check.
MISSING = {
    "reporter_name": "请填写您的真实姓名。",
    "reporter_id_number": "请填写您的身份证号码。",
    "reporter_phone": "请填写您的联系电话。",
    "accused_name": "请填写被举报人姓名。",
    "accused_unit_name": "请填写被举报人所在单位。",
    "category": "请选择问题类别。",
    "content": "请写明反映的主要问题。",
}
IDENTITY_VALIDATORS: dict[str, Callable[[str], None]] = {
    "reporter_name": MaxLengthValidator(50),
    "reporter_id_number": validate_resident_id,
    "reporter_phone": validate_phone,
}
REQUIRED_TEXT = ("accused_name", "accused_unit_name", "content")


class QueryRefused(Exception):
    """Wrong number, code or password (one message for all three), or a query locked after repeated failures."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Submitted:
    report: Report
    query_code: str | None  # None when the form had been submitted before: the code was shown that first time


def new_query_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_query_code(code: str) -> str:
    """Groups of four for reading and copying: 7K3M-…"""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_query_code(text: str) -> str:
    """A code as typed back: full-width folded, spaces and dashes dropped, look-alike letters read as digits."""
    return unicodedata.normalize("NFKC", text).upper().replace("-", "").replace(" ", "").translate(CODE_LOOKALIKES)


def report_for_submission(submission_key: uuid.UUID | str | None) -> Report | None:
    """The report a form with this one-time key already created, if any (a double click, a reload)."""
    try:
        key = uuid.UUID(str(submission_key))
    except ValueError:
        return None
    return access.reports_queryable().filter(submission_key=key).first()


def report_check(*, data: Mapping[str, Any], files: Sequence[UploadedFile], now: datetime) -> Report:
    """The unsaved report ``data`` describes; ValidationError naming every problem by field, all at once."""
    errors: dict[str, list[str]] = {}

    def add(field: str, error: ValidationError | str) -> None:
        errors.setdefault(field, []).extend(error.messages if isinstance(error, ValidationError) else [error])

    text = {field: str(data.get(field) or "").strip() for field in (*REQUIRED_TEXT, "accused_position", "place")}
    # ID number and phone folded as they are compared (full-width digits typed on a phone, spaces), then stored.
    identity = {
        "reporter_name": str(data.get("reporter_name") or "").strip(),
        "reporter_id_number": normalise_identifier(str(data.get("reporter_id_number") or "")),
        "reporter_phone": normalise_identifier(str(data.get("reporter_phone") or "")),
    }
    for field, validate in IDENTITY_VALIDATORS.items():
        _check(add, field, partial(_given, identity[field], MISSING[field], validate))
    for field in REQUIRED_TEXT:
        if not text[field]:
            add(field, MISSING[field])
    happened_on = data.get("happened_on")
    if happened_on and happened_on > timezone.localdate(now):
        add("happened_on", "发生时间不能晚于今天。")
    _check(add, "query_password", lambda: _password_ok(data, identity))
    _check(add, "files", lambda: validate_attachments(list(files)))
    report = Report(
        channel=Channel.WEB, is_real_name=True, category=data.get("category") or "", **identity, **text,
        reporter_key=keyed_hash(identity["reporter_id_number"]), happened_on=happened_on, received_at=now,
        acceptance_due_on=acceptance_due(timezone.localdate(now)), status=Report.Status.RECEIVED,
    )  # fmt: skip
    _check(add, "__all__", lambda: report.full_clean(exclude=["number", *errors]))
    if errors:
        raise ValidationError(errors)
    return report


def _check(add: Callable[[str, ValidationError], None], field: str, check: Callable[[], None]) -> None:
    try:
        check()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                add(name, ValidationError(messages))
        else:
            add(field, error)


def _given(value: str, missing: str, validate: Callable[[str], None]) -> None:
    if not value:
        raise ValidationError(missing)
    validate(value)


def _password_ok(data: Mapping[str, Any], identity: dict[str, str]) -> None:
    password = str(data.get("query_password") or "")
    if len(password) < PASSWORD_MIN_LENGTH:
        raise ValidationError(f"查询密码至少 {PASSWORD_MIN_LENGTH} 位。")
    if len(password) > PASSWORD_MAX_LENGTH:
        raise ValidationError(f"查询密码不能超过 {PASSWORD_MAX_LENGTH} 位。")
    if len(set(password)) == 1:
        raise ValidationError("查询密码不能由同一个字符重复组成。")
    if normalise_identifier(password) in (identity["reporter_id_number"], identity["reporter_phone"]):
        raise ValidationError("查询密码不能与身份证号码或电话号码相同。")
    if password != data.get("query_password_confirm"):
        raise ValidationError({"query_password_confirm": ["两次输入的查询密码不一致。"]})


def report_submit(
    *, data: Mapping[str, Any], files: Sequence[UploadedFile], submission_key: uuid.UUID, now: datetime | None = None
) -> Submitted:
    """File a real-name web report and give it a fresh query code; the same ``submission_key`` again finds it.

    Raises ValidationError keyed by field; nothing is saved then, the number counter included. The credentials'
    hash is computed before the transaction, so the numbering lock is never held while PBKDF2 runs.
    """
    if first := report_for_submission(submission_key):
        return Submitted(first, None)
    report = report_check(data=data, files=files, now=now or timezone.now())
    code = new_query_code()
    report.query_code_hash = credentials_hash(code, data["query_password"])
    report.submission_key = submission_key
    try:
        with transaction.atomic():
            report.number = next_number("report", timezone.localdate(report.received_at).year)
            report.save()
            for upload in files:
                ReportAttachment.objects.create(report=report, **stored_fields(upload))
    except IntegrityError:
        # Two submissions of one form raced past the check above: the second finds the first one's report.
        if first := report_for_submission(submission_key):
            return Submitted(first, None)
        raise
    return Submitted(report, code)


def report_query(*, number: str, query_code: str, password: str, now: datetime | None = None) -> Report:
    """The report these credentials open (without its identity fields), or QueryRefused.

    A locked report is refused before any hashing; an unknown number costs the same hashing as a known one,
    so timing tells nothing. Each failure counts against the report: the fifth in a row locks it for
    QUERY_LOCK, and once the count is reached every further failure locks it again; success starts over.
    """
    now = now or timezone.now()
    number = normalise_identifier(number)
    report = access.reports_queryable().filter(number=number).first() if number else None
    if report and report.query_locked_until and report.query_locked_until > now:
        raise QueryRefused(LOCKED)
    stand_in = report or Report()  # empty hashes: a dummy hash of the same cost
    matched = credentials_match(
        stand_in.query_code_hash, stand_in.query_password_hash, normalise_query_code(query_code), password
    )
    if report is None:
        raise QueryRefused(WRONG_CREDENTIALS)
    if not matched:
        raise QueryRefused(LOCKED if _count_failure(report, now) else WRONG_CREDENTIALS)
    if report.query_failures or report.query_locked_until:
        audited_update(Report.objects.filter(pk=report.pk), query_failures=0, query_locked_until=None)
    return report


def _count_failure(report: Report, now: datetime) -> bool:
    """Count one failure in a single UPDATE (concurrent guesses all count); True when it locks the report."""
    audited_update(
        Report.objects.filter(pk=report.pk),
        query_failures=Least(F("query_failures") + 1, Value(QUERY_FAILURE_LIMIT)),
        query_locked_until=Case(
            When(query_failures__gte=QUERY_FAILURE_LIMIT - 1, then=Value(now + QUERY_LOCK)),
            default=F("query_locked_until"),
        ),
    )
    return report.query_failures + 1 >= QUERY_FAILURE_LIMIT


def report_answer(*, report: Report, text: str, now: datetime | None = None) -> ReportMessage:
    """The reporter's answer to the staff's questions, from the query page."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": "请填写回复内容。"})
    if not report.messages.filter(from_reporter=False).exists():
        raise ValidationError("工作人员尚未向您提出问题，暂时无需回复。")
    message = ReportMessage(report=report, from_reporter=True, text=text, created_at=now or timezone.now())
    message.full_clean()
    message.save()
    return message
