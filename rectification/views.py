"""Rectification items (问题清单) of a unit: a list and one item; the rectification issue will grow these pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from common.list_cache import cached_list
from common.pagination import ListPaginator
from rectification.access import can_manage_problems, problems_visible
from rectification.filters_problems import ProblemFilter
from rectification.models import Problem
from rectification.views_problems import detail_context

PAGE_SIZE = 50


@cached_list
def problem_list(request: HttpRequest) -> HttpResponse:
    problem_filter = ProblemFilter(request.GET, queryset=problems_visible(request.user), user=request.user)
    problems = problem_filter.qs if problem_filter.is_valid() else Problem.objects.none()
    page = ListPaginator(problems, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "filter": problem_filter, "can_register": can_manage_problems(request.user)}
    return render(request, "rectification/problem_list.html", context)


def problem_detail(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(problems_visible(request.user), pk=pk)
    context = {"problem": problem, **detail_context(request.user, problem)}
    return render(request, "rectification/problem_detail.html", context)
