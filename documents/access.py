"""Who may read which documents: the one place that scopes them."""

from django.db.models import QuerySet

from documents.models import Document
from orgs.access import actor_of


def documents_visible(user) -> QuerySet[Document]:
    """Commission and county leaders read every document; anybody else with a place in the county (an officer, an
    inspector, a reviewer) reads what is circulated to all units; an account with no person reads nothing."""
    actor = actor_of(user)
    if actor.sees_whole_county:
        return Document.objects.all()
    if actor.person_id is not None:
        return Document.objects.filter(audience=Document.Audience.ALL_UNITS)
    return Document.objects.none()
