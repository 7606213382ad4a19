"""Items in a given state, reviewers and uploads for the progress, acceptance and evaluation tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from orgs.models import Role
from rectification.models import Acceptance, Problem
from rectification.services import problem_create
from tests.factories import UnitFactory, user_with_role

PDF = b"%PDF-1.4\n%test\n"


def problem_in(unit, status: str = Problem.Status.PENDING, title: str = "村务公开不及时") -> Problem:
    """An item already in ``status``; one awaiting a decision has its open acceptance request."""
    problem = problem_create(unit=unit, title=title, description="三个村的财务公开栏半年未更新", source="supervision")
    Problem.objects.filter(pk=problem.pk).update(status=status)
    if status == Problem.Status.ACCEPTANCE_REQUESTED:
        Acceptance.objects.create(problem=problem, request_note="已全部整改")
    problem.refresh_from_db()
    return problem


def reviewer(username: str = "reviewer1", role: str = Role.REVIEWER, **person_fields):
    unit = UnitFactory(name=f"{username}单位")
    return user_with_role(role, unit, username, name=f"评议人{username}", **person_fields)


def pdf(name: str = "整改照片.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def status_of(problem: Problem) -> str:
    return Problem.objects.values_list("status", flat=True).get(pk=problem.pk)
