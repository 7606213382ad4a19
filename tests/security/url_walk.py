"""Every URL pattern of the project, and a concrete path for each on the objects of one unit of the world.

``routes()`` walks ``get_resolver()`` recursively: the pages, the public pages, the API (router routes with and
without their format suffix, the public API, the token, schema and docs), the captcha, the health check and the
Django admin. Of the admin's 300-odd patterns it keeps the site's own (index, app list, login, password,
catch-all…), and for each registered model its list and change page and any page of the model's own (a user's
password, a TOTP device's QR code): the add, history and delete pages and the "<id>/" redirect sit behind the same
gate as the change page, and walking them too would double the matrix's time.

``OBJECT_KWARGS`` says, for every pattern that takes arguments, which object of the world fills them: a pattern
with arguments and no entry there makes ``path_for`` fail with its name, so a new URL cannot slip through unwalked.
The admin's arguments are derived from the pattern (the first row of its model), being all alike.
"""

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.permissions import AllowAny

from orgs.models import Unit
from tests.security.world import Side, World

FORMAT = "json"  # the DRF format-suffix routes are walked as .json
UNSAFE_API_METHODS = ("post", "put", "patch", "delete")


@dataclass(frozen=True)
class Route:
    key: str  # the table's name for it: the URL name, "<name>[format]" for a suffix route, else the route text
    name: str | None
    route: str
    arguments: tuple[str, ...]
    methods: tuple[str, ...]
    login_required: bool  # False for the pages and API views that opt out of signing in

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")


ADMIN_SKIPPED = re.compile(r"_(add|history|delete)$|<path:object_id>/$")


def routes() -> list[Route]:
    found = [
        _route(pattern, name, route)
        for pattern, name, route in _walk(get_resolver().url_patterns, "", None)
        if not (route.startswith("admin/") and ADMIN_SKIPPED.search(name or route))
    ]
    keys = [route.key for route in found]
    assert len(keys) == len(set(keys)), sorted(key for key in keys if keys.count(key) > 1)
    return found


def _walk(patterns, prefix: str, namespace: str | None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        else:
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield entry, name, prefix + str(entry.pattern)


def _route(pattern: URLPattern, name: str | None, route: str) -> Route:
    arguments = _arguments(pattern)
    suffixed = "format" in arguments
    key = f"{name}[format]" if suffixed else (name or route)
    methods = ("GET",) if route.startswith("admin/") or suffixed else _methods(pattern.callback)
    return Route(key, name, route, arguments, methods, _login_required(pattern.callback))


def _arguments(pattern: URLPattern) -> tuple[str, ...]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return tuple(converters)
    return tuple(pattern.pattern.regex.groupindex)


def _methods(view) -> tuple[str, ...]:
    """GET for every URL; a router route's other methods; an API or class-based view's unsafe handlers; POST for a
    page whose code reads or requires it (``request.POST``, ``require_POST``): any other page answers a POST as a
    GET, which would only repeat its GET row."""
    actions = getattr(view, "actions", None)
    if actions:
        return ("GET", *(method.upper() for method in actions if method in UNSAFE_API_METHODS))
    if api_class := getattr(view, "cls", None):
        return ("GET", *(method.upper() for method in UNSAFE_API_METHODS if hasattr(api_class, method)))
    if page_class := getattr(view, "view_class", None):  # Django's own views (sign-in, password): forms by POST
        return ("GET", "POST") if hasattr(page_class, "post") else ("GET",)
    return ("GET", "POST") if "POST" in inspect.getsource(inspect.unwrap(view)) else ("GET",)


def _login_required(view) -> bool:
    view_class = getattr(view, "cls", None)
    if view_class is not None:  # DRF: public when it asks no permission (the token endpoint) or lets anybody in
        permissions = tuple(view_class.permission_classes)
        return bool(permissions) and AllowAny not in permissions
    return getattr(view, "login_required", True) is not False


# url name → the arguments of its path, from one side's objects (s) or the world's shared ones (w).
Kwargs = Callable[[Side, World], dict]
OBJECT_KWARGS: dict[str, Kwargs] = {
    "orgs:unit-detail": lambda s, w: {"pk": s.unit.pk},
    # checklist
    "responsibility:task-detail": lambda s, w: {"pk": s.task.pk},
    "responsibility:report-file": lambda s, w: {"pk": s.task.pk},
    "responsibility:acceptance-request": lambda s, w: {"pk": s.task.pk},
    "responsibility:acceptance-decide": lambda s, w: {"pk": s.task.pk},
    "responsibility:notice-issue": lambda s, w: {"pk": s.task.pk},
    "responsibility:accountability-new": lambda s, w: {"pk": s.task.pk},
    "responsibility:notice-reply": lambda s, w: {"pk": s.notice.pk},
    "responsibility:notice-close": lambda s, w: {"pk": s.notice.pk},
    "responsibility:attachment-download": lambda s, w: {"pk": s.progress_attachment.pk},
    "responsibility:letter-sign": lambda s, w: {"pk": s.letter.pk},
    # reports, clues, cases
    "cases:report-detail": lambda s, w: {"pk": s.report.pk},
    "cases:identity-show": lambda s, w: {"pk": s.report.pk},
    "cases:identity-request": lambda s, w: {"pk": s.report.pk},
    "cases:clue-propose": lambda s, w: {"pk": s.report.pk},
    "cases:report-act": lambda s, w: {"pk": s.report.pk, "action": "message"},
    "cases:report-attachment": lambda s, w: {"pk": s.report_attachment.pk},
    "cases:identity-request-decide": lambda s, w: {"pk": s.identity_request.pk},
    "cases:clue-detail": lambda s, w: {"pk": s.clue.pk},
    "cases:clue-approve": lambda s, w: {"pk": s.clue.pk},
    "cases:clue-revise": lambda s, w: {"pk": s.clue.pk},
    "cases:clue-conclude": lambda s, w: {"pk": s.clue.pk},
    "cases:transfer-new": lambda s, w: {"pk": s.clue.pk},
    "cases:case-open": lambda s, w: {"pk": s.clue.pk},
    "cases:transfer-detail": lambda s, w: {"pk": s.transfer.pk},
    "cases:transfer-close": lambda s, w: {"pk": s.transfer.pk},
    "cases:case-detail": lambda s, w: {"pk": s.case.pk},
    "cases:case-move": lambda s, w: {"pk": s.case.pk},
    "cases:case-facts": lambda s, w: {"pk": s.case.pk},
    "cases:case-person-add": lambda s, w: {"pk": s.case.pk},
    "cases:case-document-add": lambda s, w: {"pk": s.case.pk},
    "cases:case-document-download": lambda s, w: {"pk": s.case_document.pk},
    "cases:exposure-propose": lambda s, w: {"pk": s.case.pk},
    "cases:exposure-decide": lambda s, w: {"pk": s.exposure.pk, "decision": "withdraw"},
    # inspections
    "inspections:plan-detail": lambda s, w: {"pk": s.inspection_plan.pk},
    "inspections:plan-edit": lambda s, w: {"pk": s.inspection_plan.pk},
    "inspections:plan-move": lambda s, w: {"pk": s.inspection_plan.pk, "status": "done"},
    "inspections:finding-create": lambda s, w: {"pk": s.inspection_plan.pk},
    "inspections:finding-detail": lambda s, w: {"pk": s.finding.pk},
    "inspections:finding-dispose": lambda s, w: {"pk": s.finding.pk},
    "inspections:evidence-download": lambda s, w: {"pk": s.evidence.pk},
    "inspections:bulletin-detail": lambda s, w: {"pk": w.bulletin.pk},
    "inspections:bulletin-xlsx": lambda s, w: {"pk": w.bulletin.pk},
    "inspections:bulletin-docx": lambda s, w: {"pk": w.bulletin.pk},
    # rectification
    "rectification:problem-detail": lambda s, w: {"pk": s.problem.pk},
    "rectification:commitment-edit": lambda s, w: {"pk": s.problem.pk},
    "rectification:commitment-publish": lambda s, w: {"pk": s.problem.pk},
    "rectification:progress-file": lambda s, w: {"pk": s.problem.pk},
    "rectification:acceptance-request": lambda s, w: {"pk": s.problem.pk},
    "rectification:acceptance-decide": lambda s, w: {"pk": s.problem.pk},
    "rectification:fix-at-once": lambda s, w: {"pk": s.problem.pk},
    "rectification:evaluation-new": lambda s, w: {"pk": s.problem.pk},
    "rectification:progress-attachment": lambda s, w: {"pk": s.rectification_attachment.pk},
    "rectification:warning-card": lambda s, w: {"unit_id": s.unit.pk},
    # public pages
    "public:exposure-detail": lambda s, w: {"pk": s.exposure.pk},
    "rectification_public:commitment-detail": lambda s, w: {"pk": s.commitment.pk},
    "captcha-image": lambda s, w: {"key": w.captcha_key},
    "captcha-image-2x": lambda s, w: {"key": w.captcha_key},
    "captcha-audio": lambda s, w: {"key": w.captcha_key},
    # the rest
    "exports:job-detail": lambda s, w: {"pk": s.export_job.pk},
    "exports:job-download": lambda s, w: {"pk": s.export_job.pk},
    "notifications:mark-read": lambda s, w: {"pk": s.notification.pk},
    "documents:detail": lambda s, w: {"pk": w.document.pk},
    "documents:excel": lambda s, w: {"pk": w.document.pk},
    "documents:word": lambda s, w: {"pk": w.document.pk},
    "jobs:detail": lambda s, w: {"name": w.job_name},
    "jobs:schedule": lambda s, w: {"name": w.job_name},
    "jobs:run": lambda s, w: {"name": w.job_name},
    # the API (the router's names carry no namespace)
    "unit-detail": lambda s, w: {"pk": s.unit.pk},
    "person-detail": lambda s, w: {"pk": s.person.pk},
    "responsibility-plans-detail": lambda s, w: {"pk": s.task.plan_id},
    "responsibility-tasks-detail": lambda s, w: {"pk": s.task.pk},
    "responsibility-tasks-decide-acceptance": lambda s, w: {"pk": s.task.pk},
    "responsibility-tasks-reports": lambda s, w: {"pk": s.task.pk},
    "responsibility-tasks-request-acceptance": lambda s, w: {"pk": s.task.pk},
    "responsibility-reports-detail": lambda s, w: {"pk": s.progress_report.pk},
    "responsibility-notices-detail": lambda s, w: {"pk": s.notice.pk},
    "responsibility-notices-close": lambda s, w: {"pk": s.notice.pk},
    "responsibility-notices-reply": lambda s, w: {"pk": s.notice.pk},
    "responsibility-acceptances-detail": lambda s, w: {"pk": s.acceptance.pk},
    "responsibility-letters-detail": lambda s, w: {"pk": s.letter.pk},
    "responsibility-letters-sign": lambda s, w: {"pk": s.letter.pk},
    "responsibility-accountability-detail": lambda s, w: {"pk": s.accountability.pk},
    "responsibility-rankings-detail": lambda s, w: {"pk": w.ranking.pk},
    "cases-reports-detail": lambda s, w: {"pk": s.report.pk},
    "cases-clues-detail": lambda s, w: {"pk": s.clue.pk},
    "cases-transfers-detail": lambda s, w: {"pk": s.transfer.pk},
    "cases-cases-detail": lambda s, w: {"pk": s.case.pk},
    "inspections-teams-detail": lambda s, w: {"pk": s.team.pk},
    "inspections-plans-detail": lambda s, w: {"pk": s.inspection_plan.pk},
    "inspections-findings-detail": lambda s, w: {"pk": s.finding.pk},
    "inspections-bulletins-detail": lambda s, w: {"pk": w.bulletin.pk},
    "rectification-problems-detail": lambda s, w: {"pk": s.problem.pk},
    "rectification-commitments-detail": lambda s, w: {"pk": s.commitment.pk},
    "rectification-warnings-detail": lambda s, w: {"pk": s.unit.pk},
    # the admin's two patterns whose arguments are not a row of the pattern's own model
    "admin:app_list": lambda s, w: {"app_label": "cases"},
    "admin/(?P<url>.*)$": lambda s, w: {"url": "no-such-page/"},  # the admin's catch-all
    "admin:view_on_site": lambda s, w: {
        "content_type_id": ContentType.objects.get_for_model(Unit).pk,
        "object_id": s.unit.pk,
    },
}
ADMIN_OBJECT = re.compile(r"^admin/(?P<app_label>\w+)/(?P<model_name>\w+)/<(?:\w+:)?(?P<argument>\w+)>/")
ROUTE_ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def path_for(route: Route, world: World, side: Side) -> str:
    """The concrete path of ``route`` on ``side``'s objects."""
    kwargs = _kwargs(route, world, side)
    if route.name is None:  # the admin's unnamed patterns: its "<object_id>/" redirect and its catch-all
        filled = ROUTE_ARGUMENT.sub(lambda match: str(kwargs[match.group(1) or match.group(2)]), route.route)
        return "/" + filled.replace("^", "").replace("$", "")
    return reverse(route.name, kwargs=kwargs)


def _kwargs(route: Route, world: World, side: Side) -> dict:
    arguments = set(route.arguments) - {"format"}
    kwargs = {"format": FORMAT} if "format" in route.arguments else {}
    if not arguments:
        return kwargs
    if (route.name or route.key) in OBJECT_KWARGS:
        return kwargs | OBJECT_KWARGS[route.name or route.key](side, world)
    if match := ADMIN_OBJECT.match(route.route):
        return kwargs | {match["argument"]: _first_row(match["app_label"], match["model_name"])}
    raise AssertionError(f"{route.key} ({route.route}) takes {sorted(arguments)}: add it to OBJECT_KWARGS")


def _first_row(app_label: str, model_name: str) -> str:
    """The admin pages of one row of the model (the first, so unit A's where both units have one); "0" when the
    world has none, which the admin answers as for a missing object."""
    model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    return str(first) if first is not None else "0"
