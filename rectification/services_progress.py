"""Progress, acceptance, fixed at once (立行立改) and evaluation of rectification items.

Every state move is checked against TRANSITIONS under a row lock on the problem. Decisions on the workflow:
- 立行立改 is recorded by commission staff (the unit reports what it did as progress; staff judge that it was fixed
  on the spot), with a required note kept as a progress entry, so the item's record shows why.
- Reviewers score an item once its unit has finished (acceptance requested, or closed). Passing an acceptance does
  not wait for scores — reviewers are deputies and committee members with their own calendars — but every decision
  stores the scores so far (count and average) in its comments, so they are part of the acceptance record.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone

from common.transitions import check_transition
from files.storing import stored_fields
from files.validators import validate_attachments
from rectification.models import Acceptance, Evaluation, Problem, Progress, ProgressAttachment

S = Problem.Status
TRANSITIONS = {
    (S.PENDING, S.IN_PROGRESS),
    (S.IN_PROGRESS, S.ACCEPTANCE_REQUESTED),
    (S.ACCEPTANCE_REQUESTED, S.CLOSED),
    (S.ACCEPTANCE_REQUESTED, S.IN_PROGRESS),
    (S.PENDING, S.FIXED_AT_ONCE),
    (S.IN_PROGRESS, S.FIXED_AT_ONCE),
}
FINISHED = {S.CLOSED: "已验收销号", S.FIXED_AT_ONCE: "已认定为立行立改"}
EVALUABLE = (S.ACCEPTANCE_REQUESTED, S.CLOSED)
FIX_AT_ONCE_PREFIX = "【立行立改】"
SCORE_RULE = (
    "评议人员（人大代表、政协委员、特邀监察员）在单位申请验收后即可评分，每人一次，0–100 分。"
    "验收不以评分为前提；登记验收结果时，已有评分的人数和平均分记入验收意见。"
)


def _locked(problem: Problem) -> Problem:
    return Problem.objects.select_for_update().select_related("unit").get(pk=problem.pk)


def _move(problem: Problem, to: str, action: str, *, only_from: str | None = None) -> None:
    """``only_from`` narrows the table to one move: a return (→ in progress) is not a first progress report."""
    allowed = TRANSITIONS if only_from is None else TRANSITIONS & {(only_from, to)}
    check_transition(allowed, problem.status, to, problem.get_status_display(), action)
    problem.status = to
    problem.save(update_fields=["status"])


def evaluation_summary(problem: Problem) -> dict:
    """The scores so far: ``count`` and ``average`` (None when nobody has scored)."""
    return problem.evaluations.aggregate(count=Count("pk"), average=Avg("score"))


def summary_text(summary: dict) -> str:
    if not summary["count"]:
        return "整改评议：尚无评议人员评分。"
    return f"整改评议：{summary['count']} 人评分，平均 {summary['average']:.1f} 分。"


@transaction.atomic
def progress_file(
    *, problem: Problem, user, text: str, files: list[UploadedFile] = (), now: datetime | None = None
) -> Progress:
    """The unit's progress report; the first one starts the rectification (pending → in progress)."""
    problem = _locked(problem)
    if problem.status in FINISHED:
        raise ValidationError(f"该问题{FINISHED[problem.status]}，不能再报送整改进展。")
    if not text.strip():
        raise ValidationError({"text": "请填写整改进展。"})
    try:
        validate_attachments(list(files))
    except ValidationError as error:
        raise ValidationError({"files": error.messages}) from error
    progress = Progress(problem=problem, text=text, submitted_by=user, submitted_at=now or timezone.now())
    progress.full_clean()
    progress.save()
    for upload in files:
        ProgressAttachment.objects.create(progress=progress, **stored_fields(upload))
    if problem.status == S.PENDING:
        _move(problem, S.IN_PROGRESS, "开始整改")
    return progress


@transaction.atomic
def acceptance_request(*, problem: Problem, user, note: str = "", now: datetime | None = None) -> Acceptance:
    problem = _locked(problem)
    _move(problem, S.ACCEPTANCE_REQUESTED, "申请验收")
    acceptance = Acceptance(problem=problem, requested_by=user, request_note=note, requested_at=now or timezone.now())
    acceptance.full_clean()
    acceptance.save()
    return acceptance


@transaction.atomic
def acceptance_decide(
    *, problem: Problem, user, passed: bool, comments: str, now: datetime | None = None
) -> Acceptance:
    """Pass (closed, 销号) or return (back to in progress, comments required); the scores so far go on record."""
    now = now or timezone.now()
    problem = _locked(problem)
    target, action = (S.CLOSED, "验收销号") if passed else (S.IN_PROGRESS, "退回整改")
    _move(problem, target, action, only_from=S.ACCEPTANCE_REQUESTED)
    if not passed and not comments.strip():
        raise ValidationError({"comments": "退回整改时必须填写验收意见。"})
    acceptance = problem.acceptances.filter(result="").order_by("-requested_at", "-id").first()
    acceptance = acceptance or Acceptance(problem=problem, requested_at=now)
    acceptance.result = Acceptance.Result.PASSED if passed else Acceptance.Result.RETURNED
    scores = summary_text(evaluation_summary(problem))
    acceptance.reviewer, acceptance.decided_at = user, now
    acceptance.comments = f"{comments.strip()}\n{scores}" if comments.strip() else scores
    acceptance.full_clean()
    acceptance.save()
    return acceptance


@transaction.atomic
def problem_fix_at_once(*, problem: Problem, user, note: str, now: datetime | None = None) -> Progress:
    """Staff record that the unit fixed the problem on the spot (立行立改): its own outcome, no acceptance."""
    problem = _locked(problem)
    _move(problem, S.FIXED_AT_ONCE, "认定为立行立改")
    if not note.strip():
        raise ValidationError({"note": "请填写立行立改的情况说明。"})
    progress = Progress(
        problem=problem, text=f"{FIX_AT_ONCE_PREFIX}{note.strip()}", submitted_by=user,
        submitted_at=now or timezone.now(),
    )  # fmt: skip
    progress.full_clean()
    progress.save()
    return progress


@transaction.atomic
def evaluation_record(*, problem: Problem, reviewer, score: int, comment: str = "") -> Evaluation:
    """One score per reviewer; the lock on the problem makes a double submission find the first one."""
    problem = _locked(problem)
    if problem.status not in EVALUABLE:
        raise ValidationError(f"该问题当前为“{problem.get_status_display()}”，单位申请验收后才能评议。")
    if not 0 <= score <= 100:
        raise ValidationError({"score": "评分须在 0 到 100 之间。"})
    if problem.evaluations.filter(reviewer=reviewer).exists():
        raise ValidationError("您已对该问题评过分，每位评议人员只能评一次。")
    evaluation = Evaluation(problem=problem, reviewer=reviewer, score=score, comment=comment)
    evaluation.full_clean()
    evaluation.save()
    return evaluation
