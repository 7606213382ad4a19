"""Graded warnings (分级预警) with their warning cards (警示卡), and reconciliation (对账销账)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from rectification import access, warnings
from rectification.reconciliation import reconciliation

SORT_LABELS = (("points", "按记分"), ("overdue", "按超期问题"), ("returned", "按验收退回"), ("unit", "按单位名称"))


def warning_list(request: HttpRequest) -> HttpResponse:
    """The commission: every unit with points. A unit officer: their own unit, points or none."""
    units = access.units_warned_visible(request.user)
    is_commission = access.can_reconcile(request.user)
    rows = warnings.unit_warnings(units, all_units=not is_commission)
    sort = request.GET.get("sort", "points")
    context = {
        "warnings": warnings.sort_warnings(rows, sort),
        "sort": sort if sort in warnings.SORTS else "points",
        "rule": warnings.rule_lines(),
        "sorts": SORT_LABELS,
        "levels": [
            {"key": key, "label": label, "count": sum(w.level == key for w in rows)}
            for key, label, _ in warnings.RULE["levels"]
        ],
    }
    return render(request, "rectification/warning_list.html", context)


def warning_card(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(access.units_warned_visible(request.user), pk=unit_id)
    context = {"warning": warnings.unit_warning(unit), "rule": warnings.rule_lines()}
    return render(request, "rectification/warning_card.html", context)


def reconciliation_page(request: HttpRequest) -> HttpResponse:
    if not access.can_reconcile(request.user):
        raise Http404
    rows, totals = reconciliation(access.problems_visible(request.user))
    return render(request, "rectification/reconciliation.html", {"rows": rows, "totals": totals})
