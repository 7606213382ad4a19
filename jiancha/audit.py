from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from orgs.access import actor_of

PAGE_SIZE = 50
AUDITED_APPS = ["orgs", "inspections", "responsibility", "cases", "rectification"]
ACTION_LABELS = {
    LogEntry.Action.CREATE: "新增",
    LogEntry.Action.UPDATE: "修改",
    LogEntry.Action.DELETE: "删除",
    LogEntry.Action.ACCESS: "查看",
}
M2M_LABELS = {"add": "加入", "delete": "移出", "clear": "清空"}
EMPTY = "（空）"


def _display(field, value) -> str:
    """A recorded value as staff read it: choice labels, and no query for related objects."""
    if value in (None, "None", ""):
        return EMPTY
    choices = dict(getattr(field, "choices", None) or ())
    return str(choices.get(value, value))


def describe_changes(entry: LogEntry) -> list[tuple[str, str]]:
    """(field label, "old → new") pairs for one entry, with verbose names instead of column names."""
    model = entry.content_type.model_class()
    rows = []
    for name, change in (entry.changes_dict or {}).items():
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        label = str(getattr(field, "verbose_name", name))
        if isinstance(change, dict):  # many-to-many: {"type": "m2m", "operation": ..., "objects": [...]}
            text = f"{M2M_LABELS.get(change.get('operation'), '变更')}：{'、'.join(change.get('objects', []))}"
        else:
            old, new = change
            text = f"{_display(field, old)} → {_display(field, new)}"
        rows.append((label, text))
    return rows


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
    for entry in page:
        entry.action_label = ACTION_LABELS.get(entry.action, entry.action)
        entry.change_rows = describe_changes(entry)
    models = ContentType.objects.filter(app_label__in=AUDITED_APPS).order_by("app_label", "model")
    return render(request, "audit/log.html", {"page": page, "models": models, "model": model, "actor_query": actor})
