"""Who may see and do what with reports, clues, transfers and cases: the one place that scopes them.

Reports and cases are the commission's alone. A township commission or a stationed discipline group sees only
the clues transferred to it, through the transfer, and never the report behind it. Nobody outside the commission
sees anything here, and a forbidden object is absent (404), as a missing one.

The reporter's identity has its own gate: ``identity_grant`` finds the approved request that lets one person see one
report's identity; the views that show it must record each showing (``services.identity`` does).
"""

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from cases.models import Case, Clue, Exposure, IdentityRequest, Report, Transfer
from orgs.access import actor_of
from orgs.models import Role, Unit

HANDLING_UNIT_KINDS = (Unit.Kind.TOWNSHIP_COMMISSION, Unit.Kind.DISCIPLINE_GROUP)
IDENTITY_GRANT_VALIDITY = timedelta(days=7)


def is_commission(user) -> bool:
    return actor_of(user).is_commission


def can_handle(user) -> bool:
    """Register, triage, propose dispositions, transfer, run cases: commission staff (and leaders, admins)."""
    return actor_of(user).is_commission


def can_approve(user) -> bool:
    """Approve dispositions, identity requests and exposures: commission leaders only."""
    return actor_of(user).holds(Role.COMMISSION_LEADER)


def can_audit_identity(user) -> bool:
    """Read the record of every showing of a reporter's identity: commission admins only."""
    return actor_of(user).is_admin


def reports_visible(user) -> QuerySet[Report]:
    """Reports for the commission. Their identity fields are deferred: showing them goes through custody."""
    reports = Report.objects.defer("reporter_name", "reporter_id_number", "reporter_phone")
    return reports if is_commission(user) else reports.none()


def clues_visible(user) -> QuerySet[Clue]:
    if is_commission(user):
        return Clue.objects.all()
    unit_id = _handling_unit(user)
    return Clue.objects.filter(transfers__to_unit_id=unit_id).distinct() if unit_id else Clue.objects.none()


def transfers_visible(user) -> QuerySet[Transfer]:
    if is_commission(user):
        return Transfer.objects.all()
    unit_id = _handling_unit(user)
    return Transfer.objects.filter(to_unit_id=unit_id) if unit_id else Transfer.objects.none()


def receives_transfers(user) -> bool:
    """The user is an officer of a township commission or discipline group, the units clues are sent to."""
    return _handling_unit(user) is not None


def transfers_answerable(user) -> QuerySet[Transfer]:
    """Transfers whose result the user files: the officers of the unit the clue was sent to."""
    unit_id = _handling_unit(user)
    return Transfer.objects.filter(to_unit_id=unit_id) if unit_id else Transfer.objects.none()


def cases_visible(user) -> QuerySet[Case]:
    return Case.objects.all() if is_commission(user) else Case.objects.none()


# What a reporter's follow-up may load (the query secrets and what the query page shows), never the identity.
REPORTER_QUERY_FIELDS = (
    "number", "category", "status", "received_at", "acceptance_due_on", "decided_at", "decision_reason",
    "referred_to", "result", "concluded_at", "query_code_hash", "query_password_hash", "query_failures",
    "query_locked_until",
)  # fmt: skip


def reports_queryable() -> QuerySet[Report]:
    """Reports the public may follow up with number, query code and password: those filed with a code."""
    return Report.objects.exclude(query_code_hash="").only(*REPORTER_QUERY_FIELDS)


def exposures_public() -> QuerySet[Exposure]:
    """What the public page shows: published exposures only, whoever asks."""
    return Exposure.objects.filter(status=Exposure.Status.PUBLISHED)


def identity_grant(user, report: Report, now: datetime | None = None) -> IdentityRequest | None:
    """The user's approved request to see this report's reporter identity, if any; the only way to see it.

    An approval holds for IDENTITY_GRANT_VALIDITY: enough to do the work it was asked for, short enough that a
    grant does not become a standing right to look again months later. After that, a new request.
    """
    if not can_handle(user):
        return None
    since = (now or timezone.now()) - IDENTITY_GRANT_VALIDITY
    return (
        IdentityRequest.objects.filter(report=report, requested_by=user, status=IdentityRequest.Status.APPROVED)
        .filter(decided_at__gte=since)
        .order_by("-decided_at")
        .first()
    )


def _handling_unit(user) -> int | None:
    """The township commission or discipline group the user is an officer of, if any."""
    actor = actor_of(user)
    if not (actor.holds(Role.UNIT_OFFICER) and actor.unit_id):
        return None
    return Unit.objects.filter(pk=actor.unit_id, kind__in=HANDLING_UNIT_KINDS).values_list("pk", flat=True).first()
