"""Rectification items (问题清单) of a unit: a list and one item; the rectification issue will grow these pages."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from rectification.access import problems_visible

PAGE_SIZE = 50


def problem_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(problems_visible(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "rectification/problem_list.html", {"page": page})


def problem_detail(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(problems_visible(request.user), pk=pk)
    return render(request, "rectification/problem_detail.html", {"problem": problem})
