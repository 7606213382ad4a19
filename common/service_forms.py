"""Pages that run one service for a form: show its refusal on the form, or redirect when it succeeds.

Shared by every app's views, so a refused state move or a service's validation error reads the same everywhere.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from common.transitions import TransitionNotAllowed


def run_service(form: Form, call: Callable[[], object]) -> bool:
    """Validate the form and run the service; any refusal lands on the form, and nothing is half-saved."""
    if not form.is_valid():
        return False
    try:
        call()
    except (TransitionNotAllowed, PermissionDenied) as refusal:
        form.add_error(None, getattr(refusal, "message", None) or str(refusal))
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error.messages)
    return not form.errors


def form_errors(form: Form) -> str:
    return "；".join(error for errors in form.errors.values() for error in errors)


def post_action(request: HttpRequest, form: Form, call: Callable[[], object], *, done: str, then: str) -> HttpResponse:
    """A button's POST: run the service, say how it went, and go back to ``then``."""
    if run_service(form, call):
        messages.success(request, done)
    else:
        messages.error(request, form_errors(form) or "操作未完成。")
    return redirect(then)


def form_page(
    request: HttpRequest, form: Form, call: Callable[[], object], *, done: str, then: str, template: str, context: dict
) -> HttpResponse:
    """Show the form; a POST runs the service and redirects to ``then`` saying ``done``, or shows the refusal."""
    if request.method == "POST" and run_service(form, call):
        messages.success(request, done)
        return redirect(then)
    return render(request, template, {**context, "form": form})
