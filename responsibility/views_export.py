"""The ledger's Excel export and print view: the same filters and scoping as the ledger page."""

import io

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from exports import services as export_services
from files.responses import stream_attachment
from responsibility import ledger_export as export
from responsibility import selectors


def _ledger_params(request: HttpRequest) -> dict:
    return {key: value for key, value in request.GET.items() if key != "page"}


def ledger_export(request: HttpRequest) -> HttpResponse:
    """Small exports download at once; larger ones become a background job whose page shows progress."""
    params = _ledger_params(request)
    _, tasks = selectors.task_ledger_filtered(request.user, params)
    if tasks.count() > settings.EXPORT_SYNC_MAX_ROWS:
        job = export_services.export_job_create(user=request.user, kind=export.LEDGER_EXPORT, params=params)
        return redirect(job)
    stream = io.BytesIO()  # at most EXPORT_SYNC_MAX_ROWS rows
    filename = export.export_ledger(user=request.user, params=params, stream=stream, progress=lambda done, total: None)
    stream.seek(0)
    return stream_attachment(stream, filename)


def ledger_print(request: HttpRequest) -> HttpResponse:
    """Every matching row on one printable page (A4 landscape), without pagination or navigation."""
    task_filter, tasks = selectors.task_ledger_filtered(request.user, _ledger_params(request))
    context = {
        "title": export.LEDGER_LABEL,
        "filters": export.describe_filters(task_filter),
        "printed_at": timezone.localtime(),
        "headers": export.HEADERS,
        "rows": list(export.ledger_rows(tasks)),
        "lagging_rule": selectors.LAGGING_RULE,
    }
    return render(request, "responsibility/ledger_print.html", context)
