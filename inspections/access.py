"""Who may see and do what with inspection plans, findings and bulletins: the one place that scopes them.

Plans are secret. The commission sees every plan and finding. An inspector (the INSPECTOR role, and the leader or a
member of a team) sees their own team's plans in any status, and other teams' plans only once they are done, so a
team cannot learn where another is about to go. Units never see a plan nor a finding, not even a done one: a finding
reaches a unit only as what its disposition created there (a rectification item, on the unit's /rectification/
pages), which names neither the plan nor the team. A forbidden object is absent (404), as a missing one.
"""

from django.db.models import Q, QuerySet

from inspections.models import Bulletin, Finding, Plan, Team
from orgs.access import actor_of
from orgs.models import Role


def is_commission(user) -> bool:
    return actor_of(user).is_commission


def _inspector_person(user) -> int | None:
    """The person id of a user who holds the INSPECTOR role, else None."""
    actor = actor_of(user)
    return actor.person_id if actor.holds(Role.INSPECTOR) else None


def _own_team_q(person_id: int, prefix: str = "") -> Q:
    return Q(**{f"{prefix}team__leader_id": person_id}) | Q(**{f"{prefix}team__members__id": person_id})


def plans_visible(user) -> QuerySet[Plan]:
    plans = Plan.objects.select_related("team")
    if is_commission(user):
        return plans
    person_id = _inspector_person(user)
    if person_id is None:
        return plans.none()
    own = Plan.objects.filter(_own_team_q(person_id)).values("pk")
    return plans.filter(Q(pk__in=own) | Q(status=Plan.Status.DONE))


def findings_visible(user) -> QuerySet[Finding]:
    """Findings of the plans the user sees: the same secrecy, since a finding tells where a team went."""
    findings = Finding.objects.all()
    if is_commission(user):
        return findings
    if _inspector_person(user) is None:
        return findings.none()
    return findings.filter(plan__in=plans_visible(user).values("pk"))


def teams_of(user) -> QuerySet[Team]:
    """The teams the user leads or belongs to (as an inspector)."""
    person_id = actor_of(user).person_id
    if person_id is None:
        return Team.objects.none()
    return Team.objects.filter(Q(leader_id=person_id) | Q(members__id=person_id)).distinct()


def teams_visible(user) -> QuerySet[Team]:
    """Every team for the commission; an inspector's own teams (the others' members are not theirs to list)."""
    if is_commission(user):
        return Team.objects.all()
    return teams_of(user) if _inspector_person(user) is not None else Team.objects.none()


def can_manage_plans(user) -> bool:
    """Draw up, edit and move plans: commission staff, leaders and admins."""
    return is_commission(user)


def is_on_team(user, plan: Plan) -> bool:
    person_id = _inspector_person(user)
    return person_id is not None and Plan.objects.filter(_own_team_q(person_id), pk=plan.pk).exists()


def can_record(user, plan: Plan) -> bool:
    """Record findings on, and dispose findings of, ``plan``: the commission and the plan's own team."""
    return is_commission(user) or is_on_team(user, plan)


def sees_inspections(user) -> bool:
    """Shown the 明察暗访 entry: the commission and inspectors."""
    return is_commission(user) or _inspector_person(user) is not None


def bulletins_visible(user) -> QuerySet[Bulletin]:
    """Bulletins gather findings of every team, so (for now) the commission's only."""
    return Bulletin.objects.all() if is_commission(user) else Bulletin.objects.none()
