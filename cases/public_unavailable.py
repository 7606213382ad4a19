"""The report form while the database is down: the person's typing comes back in a form to send again later.

Nothing can be saved then, and no captcha can be drawn (each is a database row). So the page keeps the text fields
in an editable form; sending it again (``RESUME``) opens the ordinary form with that text filled in and a fresh
captcha. The query password is never written back into a page, and uploaded files cannot be kept: the page says
both must be given again.
"""

import uuid

from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from cases.forms_public import ReportForm

RESUME = "resume"
NOT_KEPT = frozenset({"captcha", "files", "query_password", "query_password_confirm"})
KEPT = tuple(name for name in ReportForm.base_fields if name not in NOT_KEPT)


class KeptReportForm(ReportForm):
    """The report form without what cannot be kept; unbound, so drawing it validates nothing and reads nothing."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in NOT_KEPT:
            del self.fields[name]


def kept_typing(post: QueryDict) -> dict[str, str]:
    """The text fields of a report form's POST, and its one-time key (a new one if it was not a valid key)."""
    typed = {name: post.get(name, "") for name in KEPT}
    try:
        typed["submission_key"] = str(uuid.UUID(typed["submission_key"]))
    except ValueError:
        typed["submission_key"] = str(uuid.uuid4())
    return typed


def report_unavailable_page(request: HttpRequest) -> HttpResponse:
    """503 with the typed text in a form that sends it back to the report form (``RESUME``) once the system is up.
    Drawn without context processors: they would read the session and the user from the database."""
    context = {"form": KeptReportForm(initial=kept_typing(request.POST)), "csrf_token": get_token(request)}
    return HttpResponse(render_to_string("public/report_unavailable.html", context), status=503)


def resumed_form(post: QueryDict) -> ReportForm:
    """The ordinary form, unbound, with the text kept by ``report_unavailable_page``: no errors shown yet."""
    return ReportForm(initial=kept_typing(post))
