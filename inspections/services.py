"""Every write to inspection plans and findings: plans drawn up and moved, findings recorded and disposed.

A finding's disposition reaches other apps only through their services: a rectification notice opens a
rectification item for the unit (``rectification.services.problem_create``), a clue opens a clue in the cases app
without any reporter (``cases.services.clues.clue_create``). What was created is kept as ``linked_kind`` +
``linked_id``.
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from cases.services.clues import clue_create
from common.transitions import TransitionNotAllowed, check_transition
from files.storing import stored_fields
from files.validators import validate_media_files
from inspections import access
from inspections.checkpoints import checkpoint_by_key
from inspections.dispositions import CLUE_CATEGORY, finding_summary
from inspections.models import Evidence, Finding, Plan
from orgs.models import Unit
from rectification.services import problem_create

P = Plan.Status
PLAN_TRANSITIONS = {(P.PLANNED, P.ACTIVE), (P.ACTIVE, P.DONE)}
PLAN_MOVE_ACTIONS = {P.ACTIVE: "开始实施", P.DONE: "标记完成"}
D = Finding.Disposition


def _check_plan(plan: Plan) -> None:
    errors = {}
    if plan.starts_on and plan.ends_on and plan.ends_on < plan.starts_on:
        errors["ends_on"] = "结束日期不能早于开始日期。"
    if plan.checkpoint and checkpoint_by_key(plan.checkpoint) is None:
        errors["checkpoint"] = "没有这个节点，请从列表中选择，或不选。"
    if errors:
        raise ValidationError(errors)


def _save_plan(plan: Plan, target_units) -> Plan:
    _check_plan(plan)
    plan.full_clean()
    plan.save()
    plan.target_units.set(target_units)
    return plan


@transaction.atomic
def plan_create(
    *, user, title: str, themes: str, team, starts_on: date, ends_on: date, target_units=(), target_places: str = "",
    checkpoint: str = "",
) -> Plan:  # fmt: skip
    if not access.can_manage_plans(user):
        raise PermissionDenied("只有纪委工作人员可以制定检查计划。")
    plan = Plan(
        title=title, themes=themes, team=team, starts_on=starts_on, ends_on=ends_on, target_places=target_places,
        checkpoint=checkpoint, created_by=user,
    )  # fmt: skip
    return _save_plan(plan, target_units)


@transaction.atomic
def plan_update(*, plan: Plan, user, target_units=(), **fields) -> Plan:
    """Change what the plan says (not its status, which moves by ``plan_move``); a done plan stays as it was."""
    if not access.can_manage_plans(user):
        raise PermissionDenied("只有纪委工作人员可以修改检查计划。")
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == P.DONE:
        raise TransitionNotAllowed("计划已完成，不能再修改。")
    for name, value in fields.items():
        setattr(plan, name, value)
    return _save_plan(plan, target_units)


@transaction.atomic
def plan_move(*, plan: Plan, to: str, user, now: datetime | None = None) -> Plan:
    if not access.can_manage_plans(user):
        raise PermissionDenied("只有纪委工作人员可以变更计划状态。")
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    check_transition(PLAN_TRANSITIONS, plan.status, to, plan.get_status_display(), PLAN_MOVE_ACTIONS.get(to, "变更"))
    plan.status = to
    if to == P.DONE:
        plan.done_at = now or timezone.now()
    plan.save(update_fields=["status", "done_at"])
    return plan


def _check_finding(plan: Plan, fields: dict, files: list[UploadedFile], now: datetime) -> list[bool]:
    """Every rule of a new finding, reported together field by field; which evidence files are videos."""
    errors: dict[str, list[str]] = {}
    if plan.status != P.ACTIVE:
        errors.setdefault("__all__", []).append(f"计划状态为“{plan.get_status_display()}”，实施中才能记录发现问题。")
    if fields.get("unit") is None:
        errors.setdefault("unit", []).append("请选择被查单位。")
    occurred_at = fields.get("occurred_at")
    if occurred_at is None:
        errors.setdefault("occurred_at", []).append("请填写发现时间。")
    elif occurred_at > now:
        errors.setdefault("occurred_at", []).append("发现时间不能晚于现在。")
    videos = []
    try:
        videos = validate_media_files(files)
    except ValidationError as error:
        errors.setdefault("files", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return videos


@transaction.atomic
def finding_create(
    *, plan: Plan, user, unit: Unit | None, category: str, occurred_at: datetime | None, place: str,
    description: str, persons: str = "", files: list[UploadedFile] = (), now: datetime | None = None,
) -> Finding:  # fmt: skip
    """Record a finding with its photos and videos; all of it is saved, or (on any refusal) none of it."""
    if not access.can_record(user, plan):
        raise PermissionDenied("只有本组督查人员可以记录发现问题。")
    files = list(files)
    videos = _check_finding(plan, {"unit": unit, "occurred_at": occurred_at}, files, now or timezone.now())
    finding = Finding(
        plan=plan, unit=unit, persons=persons.strip(), category=category, occurred_at=occurred_at,
        place=place.strip(), description=description.strip(), recorded_by=user,
    )  # fmt: skip
    finding.full_clean()
    finding.save()
    for upload, is_video in zip(files, videos, strict=True):
        Evidence.objects.create(finding=finding, is_video=is_video, **stored_fields(upload))
    return finding


@transaction.atomic
def finding_dispose(
    *, finding: Finding, user, disposition: str, note: str = "", deadline: date | None = None,
    now: datetime | None = None,
) -> Finding:  # fmt: skip
    """End a finding one way, once. The row lock makes a double submit refused, not a second problem or clue."""
    finding = Finding.objects.select_for_update().select_related("plan", "unit").get(pk=finding.pk)
    if not access.can_record(user, finding.plan):
        raise PermissionDenied("只有本组督查人员或纪委工作人员可以处理发现问题。")
    if finding.disposition:
        raise TransitionNotAllowed(f"该问题已处理（{finding.get_disposition_display()}），不能重复处理。")
    if disposition not in D.values:
        raise ValidationError({"disposition": "请选择处理方式。"})
    if disposition == D.CORRECTED and not note.strip():
        raise ValidationError({"note": "当场纠正请在处理说明中写明如何纠正。"})
    finding.linked_kind, finding.linked_id = _dispose_elsewhere(finding, disposition, note, deadline, user)
    finding.disposition, finding.disposition_note, finding.disposed_at = (
        disposition,
        note.strip(),
        now or timezone.now(),
    )
    finding.full_clean()
    finding.save()
    return finding


def _dispose_elsewhere(finding: Finding, disposition: str, note: str, deadline, user) -> tuple[str, int | None]:
    """What the disposition opens in another app, as (kind, id); nothing for on-the-spot and exposure."""
    if disposition == D.RECTIFICATION:
        problem = problem_create(
            unit=finding.unit, title=f"明察暗访发现：{finding.get_category_display()}",
            description=finding_summary(finding, note), source="inspection", source_id=finding.pk,
            deadline=deadline, user=user,
        )  # fmt: skip
        return "rectification.problem", problem.pk
    if disposition == D.CLUE:
        clue = clue_create(
            source_kind="inspection", source_id=finding.pk, category=CLUE_CATEGORY[finding.category],
            accused_name=(finding.persons or "待核实")[:50], accused_unit=finding.unit,
            summary=finding_summary(finding, note), disposition="verification", user=user,
        )  # fmt: skip
        return "cases.clue", clue.pk
    # Exposure is recorded here only: the public exposure page of the cases app is for concluded cases, so the
    # commission publishes an inspection exposure through a bulletin (the bulletins list exposed findings).
    return "", None
