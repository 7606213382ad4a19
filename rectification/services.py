"""Every write to rectification items. Other apps open an item through ``problem_create`` only."""

from datetime import date

from django.db import transaction

from orgs.models import Unit
from rectification.models import Problem


@transaction.atomic
def problem_create(
    *, unit: Unit, title: str, description: str, source: str, source_id: int | None = None,
    deadline: date | None = None, user=None, level: str = Problem.Level.UNIT, is_common: bool = False,
    internal_note: str = "",
) -> Problem:  # fmt: skip
    """Open a rectification item for ``unit``; ``source``/``source_id`` record what raised it (a finding, a case)."""
    problem = Problem(
        unit=unit, title=title, description=description, source=source, source_id=source_id,
        deadline=deadline, created_by=user, level=level, is_common=is_common, internal_note=internal_note,
    )  # fmt: skip
    problem.full_clean()
    problem.save()
    return problem
