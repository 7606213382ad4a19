"""The workbench (工作台): each person's to-dos, gathered from the apps that have work for them.

Domain apps add a provider with ``register_todo_provider`` in their ``AppConfig.ready``; this
module knows none of them, so imports keep pointing downwards.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from orgs import access
from orgs.models import Role, Unit


@dataclass(frozen=True)
class Todo:
    title: str
    url: str
    due: str = ""
    kind: str = ""


TodoProvider = Callable[[object], list[Todo]]
_providers: list[TodoProvider] = []


def register_todo_provider(provider: TodoProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def todos_for(user) -> list[Todo]:
    return [todo for provider in _providers for todo in provider(user)]


def workbench(request: HttpRequest) -> HttpResponse:
    actor = access.actor_of(request.user)
    person = access.people_visible(request.user).filter(pk=actor.person_id).first() if actor.person_id else None
    context = {
        "person": person,
        "role_labels": [Role(role).label for role in sorted(actor.roles)],
        "todos": todos_for(request.user),
        "unit_counts": None,
    }
    if actor.sees_whole_county:
        counts = dict(Unit.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
        context["unit_counts"] = [(label, counts.get(kind, 0)) for kind, label in Unit.Kind.choices]
    return render(request, "workbench.html", context)
