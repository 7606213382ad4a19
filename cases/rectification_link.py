"""一案一建议: a concluded case's recommendation opens a rectification problem for the unit concerned.

Cases may call rectification's services (imports point from cases down to rectification), so this handler is
registered with ``cases.recommendations`` in ``CasesConfig.ready``; the registry keeps case_conclude unaware of it.
"""

from datetime import timedelta

from cases.models import Case
from rectification.models import Problem
from rectification.services import problem_create

DEADLINE = timedelta(days=60)


def open_rectification_problem(case: Case) -> None:
    """The problem goes to the accused's unit (the clue's, else the first person's); no unit, nothing to open."""
    unit = case.clue.accused_unit if case.clue_id and case.clue.accused_unit_id else None
    if unit is None:
        person = case.persons.exclude(unit=None).select_related("unit").first()
        unit = person.unit if person else None
    if unit is None:
        return
    problem_create(
        unit=unit, title=f"案件整改建议：{case.title}"[:200], description=case.recommendation,
        source=Problem.Source.CASE, source_id=case.pk, deadline=case.concluded_on + DEADLINE,
    )  # fmt: skip
