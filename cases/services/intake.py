"""Staff intake (登记): reports received by letter, visit, phone, WeChat or from above; questions to the reporter;
real-name rewards (实名举报奖励)."""

import uuid
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.clocks import acceptance_due
from cases.models import Channel, Report, ReportAttachment, ReportMessage, Reward
from cases.numbering import next_number
from common.crypto import keyed_hash
from common.identity import normalize_resident_id, validate_phone, validate_resident_id
from files.storing import stored_fields
from files.validators import validate_attachments

# The web form is the public's own channel (the public form's service); staff register every other one.
STAFF_CHANNELS = [choice for choice in Channel.choices if choice[0] != Channel.WEB]


def report_register(
    *, user, channel: str, category: str, is_real_name: bool, reporter_name: str = "",
    reporter_id_number: str = "", reporter_phone: str = "", accused_name: str, accused_unit_name: str,
    accused_position: str = "", content: str, happened_on: date | None = None, place: str = "",
    received_at: datetime, files: list[UploadedFile] = (), submission_key: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Report:  # fmt: skip
    """Register a report received offline; a resubmitted form (same ``submission_key``) returns the first report.

    Raises ValidationError keyed by field; nothing is saved then, the number counter included.
    """
    fields = dict(
        channel=channel, category=category, is_real_name=is_real_name, reporter_name=reporter_name,
        reporter_id_number=reporter_id_number, reporter_phone=reporter_phone, accused_name=accused_name,
        accused_unit_name=accused_unit_name, accused_position=accused_position, content=content,
        happened_on=happened_on, place=place, received_at=received_at,
    )  # fmt: skip
    if submission_key and (first := Report.objects.filter(submission_key=submission_key).first()):
        return first
    try:
        with transaction.atomic():
            return _register(user=user, files=list(files), submission_key=submission_key, now=now, **fields)
    except IntegrityError:
        # Two submissions of one form raced past the check above: the loser returns the winner's report.
        first = Report.objects.filter(submission_key=submission_key).first() if submission_key else None
        if first is None:
            raise
        return first


def _register(*, user, files: list[UploadedFile], submission_key, now: datetime | None, **fields) -> Report:
    now = now or timezone.now()
    fields = {key: value.strip() if isinstance(value, str) else value for key, value in fields.items()}
    _check_intake(fields, files, now)
    id_number = normalize_resident_id(fields.pop("reporter_id_number"))
    report = Report(
        **fields, reporter_id_number=id_number, reporter_key=keyed_hash(id_number) if id_number else "",
        number=next_number("report", timezone.localdate(now).year), registered_by=user,
        acceptance_due_on=acceptance_due(timezone.localdate(fields["received_at"])), submission_key=submission_key,
    )  # fmt: skip
    report.full_clean()
    report.save()
    for upload in files:
        ReportAttachment.objects.create(report=report, **stored_fields(upload))
    return report


def _check_intake(fields: dict, files: list[UploadedFile], now: datetime) -> None:
    """Every rule the form and the API share, reported together, field by field."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if fields["channel"] not in dict(STAFF_CHANNELS):
        add("channel", "请选择来源渠道（网络举报由举报人在线提交）。")
    _check_identity(fields, add)
    if not fields["content"]:
        add("content", "请填写主要问题。")
    for field, label in (("accused_name", "被举报人"), ("accused_unit_name", "被举报人单位")):
        if not fields[field]:
            add(field, f"请填写{label}。")
    if fields["received_at"] > now:
        add("received_at", "收到时间不能晚于现在。")
    if fields["happened_on"] and fields["happened_on"] > timezone.localdate(now):
        add("happened_on", "发生时间不能晚于今天。")
    try:
        validate_attachments(files)
    except ValidationError as error:
        for message in error.messages:
            add("files", message)
    if errors:
        raise ValidationError(errors)


def _check_identity(fields: dict, add: Callable[[str, str], None]) -> None:
    """Real-name: a name, and the ID number and phone checked as the public form checks them, where given."""
    identity = ("reporter_name", "reporter_id_number", "reporter_phone")
    if not fields["is_real_name"]:
        for field in identity:
            if fields[field]:
                add(field, "匿名举报不登记举报人身份；如举报人留有身份信息，请选择“实名举报”。")
        return
    if not fields["reporter_name"]:
        add("reporter_name", "实名举报请填写举报人姓名。")
    for field, validate in (("reporter_id_number", validate_resident_id), ("reporter_phone", validate_phone)):
        if fields[field]:
            try:
                validate(fields[field])
            except ValidationError as error:
                for message in error.messages:
                    add(field, message)


@transaction.atomic
def report_message_send(*, report: Report, user, text: str, now: datetime | None = None) -> ReportMessage:
    """A question from staff that the reporter reads, and answers, on the public query page."""
    if not text.strip():
        raise ValidationError({"text": "请填写留言内容。"})
    if not report.query_code_hash:
        raise ValidationError("该举报没有查询码，举报人无法在线查看留言；请通过其他方式联系举报人。")
    message = ReportMessage(report=report, from_reporter=False, text=text.strip(), author=user)
    message.created_at = now or timezone.now()
    message.full_clean()
    message.save()
    return message


@transaction.atomic
def reward_record(*, report: Report, user, amount: Decimal, decided_on: date, note: str = "") -> Reward:
    if not report.is_real_name:
        raise ValidationError("只有实名举报才能登记举报奖励。")
    errors = {}
    if amount is None or amount <= 0:
        errors["amount"] = "奖励金额须大于 0。"
    if decided_on > timezone.localdate():
        errors["decided_on"] = "决定日期不能晚于今天。"
    elif decided_on < timezone.localdate(report.received_at):
        errors["decided_on"] = "决定日期不能早于收到举报的日期。"
    if errors:
        raise ValidationError(errors)
    reward = Reward(report=report, amount=amount, decided_on=decided_on, note=note.strip(), recorded_by=user)
    reward.full_clean()
    reward.save()
    return reward
