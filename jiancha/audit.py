from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from orgs.access import actor_of

PAGE_SIZE = 50


def audit_log(request: HttpRequest) -> HttpResponse:
    """Who created, changed or deleted which object, and what changed: for commission admins only."""
    if not actor_of(request.user).is_admin:
        raise Http404
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-id")
    model = request.GET.get("model", "")
    if model.isdigit():
        entries = entries.filter(content_type_id=int(model))
    actor = request.GET.get("actor", "").strip()
    if actor:
        entries = entries.filter(actor__username__icontains=actor)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    models = ContentType.objects.filter(
        app_label__in=["orgs", "inspections", "responsibility", "cases", "rectification"]
    ).order_by("app_label", "model")
    return render(request, "audit/log.html", {"page": page, "models": models, "model": model, "actor_query": actor})
