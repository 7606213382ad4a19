"""Problems the commission registers by hand, and the commitments (整改承诺) units make to fix them.

Other apps open problems through ``services.problem_create``; the status of a problem moves in the progress
services, never here: a commitment is entered, edited until published, and published.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from orgs.models import Unit
from rectification.models import Commitment, Problem
from rectification.services import problem_create

# A commitment is for work still to do: nothing to promise on a closed or fixed-at-once problem.
COMMITTABLE = frozenset({Problem.Status.PENDING, Problem.Status.IN_PROGRESS, Problem.Status.ACCEPTANCE_REQUESTED})


def _not_past(day: date | None, field: str, label: str) -> None:
    if day is not None and day < timezone.localdate():
        raise ValidationError({field: f"{label}不能早于今天。"})


def problem_register(
    *, unit: Unit, title: str, description: str, source: str, level: str, is_common: bool,
    deadline: date | None, internal_note: str = "", user,
) -> Problem:  # fmt: skip
    """A problem entered by commission staff: the deadline, if given, may not lie in the past."""
    _not_past(deadline, "deadline", "整改时限")
    return problem_create(
        unit=unit, title=title, description=description, source=source, level=level, is_common=is_common,
        deadline=deadline, internal_note=internal_note, user=user,
    )  # fmt: skip


def _check_commitment(values: dict, *, deadline_changed: bool) -> None:
    if deadline_changed:
        _not_past(values["deadline"], "deadline", "承诺时限")
    signed_on = values.get("signed_on")
    if signed_on is not None and signed_on > timezone.localdate():
        raise ValidationError({"signed_on": "签字日期不能晚于今天。"})


@transaction.atomic
def commitment_save(
    *, problem: Problem, committer_kind: str, committer_name: str, committer_position: str = "",
    published_problem: str, measures: str, deadline: date, expected_effect: str, signed_on: date | None = None,
    user,
) -> Commitment:  # fmt: skip
    """Enter or edit the one commitment of ``problem``; refused once published or when nothing is left to fix."""
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    if problem.status not in COMMITTABLE:
        raise ValidationError(f"问题状态为“{problem.get_status_display()}”，无需填报整改承诺。")
    commitment = Commitment.objects.filter(problem=problem).first() or Commitment(problem=problem)
    if commitment.is_published:
        raise ValidationError("承诺已公开，不能再修改。")
    values = {
        "committer_kind": committer_kind, "committer_name": committer_name.strip(),
        "committer_position": committer_position.strip(), "published_problem": published_problem.strip(),
        "measures": measures.strip(), "deadline": deadline, "expected_effect": expected_effect.strip(),
        "signed_on": signed_on,
    }  # fmt: skip
    _check_commitment(values, deadline_changed=commitment.pk is None or commitment.deadline != deadline)
    for field, value in values.items():
        setattr(commitment, field, value)
    commitment.entered_by = user
    commitment.full_clean()
    commitment.save()
    return commitment


@transaction.atomic
def commitment_publish(*, commitment: Commitment, user) -> Commitment:
    """Put the commitment on the public page; publishing twice is refused, so ``published_at`` stays the first."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if commitment.is_published:
        raise ValidationError("承诺已公开。")
    if commitment.signed_on is None:
        raise ValidationError("承诺尚未签字，请先填写签字日期再公开。")
    commitment.is_published, commitment.published_at = True, timezone.now()
    commitment.save(update_fields=["is_published", "published_at"])
    return commitment
