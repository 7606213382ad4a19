from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from responsibility import selectors

PAGE_SIZE = 30


def ledger(request: HttpRequest) -> HttpResponse:
    """The ledger (台账): every visible task, filtered, searched, sorted and paginated."""
    task_filter, tasks = selectors.task_ledger_filtered(request.user, request.GET)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter": task_filter, "page": page, "lagging_rule": selectors.LAGGING_RULE}
    return render(request, "responsibility/ledger.html", context)


def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(request.user, pk)
    return render(request, "responsibility/task_detail.html", {"task": task, "timeline": selectors.task_timeline(task)})
