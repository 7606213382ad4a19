"""Who may see rectification items: the one place that scopes them.

The commission sees every unit's items; a unit officer sees their own unit's; nobody else any. An item says what
is to be fixed, never which inspection plan or team found it, so showing it to the unit keeps plans secret.
"""

from django.db.models import QuerySet

from orgs.access import actor_of, scope_to_unit
from orgs.models import Person, Role, Unit
from rectification.models import Commitment, Problem, Talk


def problems_visible(user) -> QuerySet[Problem]:
    return scope_to_unit(Problem.objects.select_related("unit"), user)


def can_manage_problems(user) -> bool:
    """Registering problems and publishing commitments is the commission's work."""
    return actor_of(user).is_commission


def commitments_public() -> QuerySet[Commitment]:
    """Published commitments: the only rectification rows a member of the public ever reads."""
    return Commitment.objects.filter(is_published=True)


def problems_reportable(user) -> QuerySet[Problem]:
    """Items the user's unit reports progress on and requests acceptance for: only its officers."""
    actor = actor_of(user)
    if not (actor.holds(Role.UNIT_OFFICER) and actor.unit_id):
        return Problem.objects.none()
    return Problem.objects.select_related("unit").filter(unit_id=actor.unit_id)


def can_decide_acceptance(user) -> bool:
    """Accepting, returning and recording 立行立改 is the commission's work."""
    return actor_of(user).is_commission


def can_evaluate(user) -> bool:
    """Reviewers (deputies, committee members) and invited supervisors among the inspectors score rectifications."""
    actor = actor_of(user)
    if actor.holds(Role.REVIEWER):
        return True
    invited = Person.objects.filter(pk=actor.person_id, is_invited_supervisor=True)
    return actor.holds(Role.INSPECTOR) and invited.exists()


def problems_to_evaluate(user) -> QuerySet[Problem]:
    """Finished items (acceptance requested or closed), and only for reviewers: they see nothing else."""
    if not can_evaluate(user):
        return Problem.objects.none()
    finished = [Problem.Status.ACCEPTANCE_REQUESTED, Problem.Status.CLOSED]
    return Problem.objects.select_related("unit").filter(status__in=finished)


def units_warned_visible(user) -> QuerySet[Unit]:
    """Units whose warnings (分级预警, 警示卡) the user may read: every unit for the commission, an officer's own."""
    return scope_to_unit(Unit.objects.order_by("name"), user, unit_field="pk")


def can_reconcile(user) -> bool:
    """Reconciliation (对账销账) compares every unit: the commission's page."""
    return actor_of(user).is_commission


def commitments_visible(user) -> QuerySet[Commitment]:
    """Commitments of the problems the user sees, published or not."""
    return Commitment.objects.filter(problem__in=problems_visible(user).values("pk")).select_related("problem__unit")


def can_rank_ratings(user) -> bool:
    """The public's ratings, their ranking and the talks they lead to (约谈) are the commission's alone."""
    return actor_of(user).is_commission


def talks_visible(user) -> QuerySet[Talk]:
    return Talk.objects.select_related("unit", "recorded_by") if can_rank_ratings(user) else Talk.objects.none()
