"""Who sees and works on which task: the one place that scopes the checklist's querysets.

Commission staff see everything; a county leader sees the tasks they own; a unit officer sees the
tasks where their unit is the lead unit or a co-unit. Anything else is absent, hence 404.
"""

from django.db.models import Q, QuerySet

from orgs.access import actor_of, scope_to_unit
from orgs.models import Role
from responsibility.models import (
    AcceptanceDecision,
    AccountabilityRecord,
    Plan,
    ProgressReport,
    Ranking,
    ResponsibilityLetter,
    SupervisionNotice,
    Task,
    TaskCoUnit,
)  # fmt: skip


def unit_tasks(unit_id: int) -> Q:
    """Tasks the unit works on: as lead unit or as a co-unit."""
    return Q(lead_unit_id=unit_id) | Q(pk__in=TaskCoUnit.objects.filter(unit_id=unit_id).values("task_id"))


def tasks_visible(user) -> QuerySet[Task]:
    actor = actor_of(user)
    if actor.is_commission:
        return Task.objects.all()
    scope = Q(pk__in=[])
    if actor.has(Role.COUNTY_LEADER) and actor.person_id:
        scope |= Q(owner_id=actor.person_id)
    if actor.has(Role.UNIT_OFFICER) and actor.unit_id:
        scope |= unit_tasks(actor.unit_id)
    return Task.objects.filter(scope)


def plans_visible(user) -> QuerySet[Plan]:
    """Plans with a task the user sees; the commission sees every plan, even one without tasks yet."""
    if actor_of(user).is_commission:
        return Plan.objects.all()
    return Plan.objects.filter(pk__in=tasks_visible(user).values("plan_id"))


def reports_visible(user) -> QuerySet[ProgressReport]:
    """Every unit's reports on the tasks the user sees: a co-unit reads the lead unit's reports too."""
    return ProgressReport.objects.filter(task__in=tasks_visible(user).values("pk"))


def acceptances_visible(user) -> QuerySet[AcceptanceDecision]:
    return AcceptanceDecision.objects.filter(task__in=tasks_visible(user).values("pk"))


def tasks_reportable(user) -> QuerySet[Task]:
    """Tasks the user's unit files progress on: only unit officers, only their lead or co-unit tasks."""
    actor = actor_of(user)
    if not (actor.holds(Role.UNIT_OFFICER) and actor.unit_id):
        return Task.objects.none()
    return Task.objects.filter(unit_tasks(actor.unit_id))


def tasks_led(user) -> QuerySet[Task]:
    """Tasks whose lead unit is the user's: their officers request acceptance."""
    actor = actor_of(user)
    if not (actor.holds(Role.UNIT_OFFICER) and actor.unit_id):
        return Task.objects.none()
    return Task.objects.filter(lead_unit_id=actor.unit_id)


def can_supervise(user) -> bool:
    """Issue notices, decide acceptance, record accountability, compute rankings."""
    return actor_of(user).is_commission


def can_see_rankings(user) -> bool:
    return actor_of(user).sees_whole_county


def rankings_visible(user) -> QuerySet[Ranking]:
    """Rankings compare every unit: the commission and the county leaders see them, nobody else."""
    return Ranking.objects.all() if can_see_rankings(user) else Ranking.objects.none()


def notices_visible(user) -> QuerySet[SupervisionNotice]:
    actor = actor_of(user)
    notices = SupervisionNotice.objects.all()
    if actor.is_commission:
        return notices
    if actor.has(Role.COUNTY_LEADER) and actor.person_id:
        return notices.filter(task__owner_id=actor.person_id)
    return scope_to_unit(notices, user)


def notices_answerable(user) -> QuerySet[SupervisionNotice]:
    """Notices addressed to the user's own unit: only its officers reply to them."""
    actor = actor_of(user)
    if not (actor.holds(Role.UNIT_OFFICER) and actor.unit_id):
        return SupervisionNotice.objects.none()
    return SupervisionNotice.objects.filter(unit_id=actor.unit_id)


def letters_visible(user) -> QuerySet[ResponsibilityLetter]:
    actor = actor_of(user)
    letters = ResponsibilityLetter.objects.all()
    if actor.is_commission:
        return letters
    if actor.has(Role.COUNTY_LEADER) and actor.person_id:
        return letters.filter(Q(issuer_id=actor.person_id) | Q(signer_id=actor.person_id))
    return scope_to_unit(letters, user, "signer_unit")


def accountability_visible(user) -> QuerySet[AccountabilityRecord]:
    actor = actor_of(user)
    records = AccountabilityRecord.objects.all()
    if actor.is_commission:
        return records
    if actor.has(Role.COUNTY_LEADER) and actor.person_id:
        return records.filter(task__owner_id=actor.person_id)
    return scope_to_unit(records, user)
