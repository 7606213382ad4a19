"""Issue 10 point 2: script typed into any text field comes back as text on every page that shows it.

The access matrix's world (two townships with one object of every kind, one login per role) has every text field of
every row overwritten with markup; then every URL pattern is requested with GET by every role, and no HTML answer
may hold the markup as markup. The API and downloads answer data, not pages, and are not searched for it (the API's
JSON carries the text as typed: tests/security/test_xss_escaped.py).
"""

import logging

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, models

from tests.security import matrix
from tests.security.url_walk import path_for, routes
from tests.security.world import ROLES, world_kept_for_the_module

pytestmark = pytest.mark.django_db

MARKUP = "<x9>"  # an element no page has; a quote before it tries to leave an attribute
PAYLOAD = f"\"'{MARKUP}"
ESCAPED = "&quot;&#x27;&lt;x9&gt;"
PROJECT = settings.BASE_DIR
# Texts people do not type: codes the program looks things up by. Changing them tests nothing about escaping.
NOT_TYPED = {
    ("jobs", "jobdefinition", "name"),  # the job's code, in its URL
    ("exports", "exportjob", "kind"),  # the export's code in the registry
    ("notifications", "notification", "kind"),
    ("documents", "document", "kind"),
    ("inspections", "plan", "checkpoint"),  # a checkpoint's key, such as "2026-mid_autumn"
}


def typed_fields() -> dict[type[models.Model], list[models.Field]]:
    """Every free text field of the project's models (and the account's names, shown as the signed-in person)."""
    found = {}
    for model in apps.get_models():
        where = str(apps.get_app_config(model._meta.app_label).path)
        ours = where.startswith(str(PROJECT)) and "site-packages" not in where
        if not ours and model is not get_user_model():
            continue
        fields = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField))
            and not isinstance(field, models.SlugField)
            and not field.choices
            and not field.primary_key
            and (field.max_length or 1000) >= len(PAYLOAD) + 6
            and (model._meta.app_label, model._meta.model_name, field.name) not in NOT_TYPED
            and (ours or field.name in ("first_name", "last_name"))
        ]
        if fields:
            found[model] = fields
    return found


def poison() -> list[str]:
    """Every typed field of every row becomes the payload and the row's id (kept unique where it must be); answers
    the fields changed."""
    changed = []
    with connection.cursor() as cursor:
        # The append-only tables' triggers (jiancha migration 0002) would refuse: these rows are being set up.
        cursor.execute("SET LOCAL session_replication_role = replica")
    for model, fields in typed_fields().items():
        # Row by row with Python values, so encrypted fields are written encrypted; past the append-only managers
        # and the audit trail too.
        rows = list(models.QuerySet(model).values_list("pk", flat=True))
        for pk in rows:
            text = f"{PAYLOAD}{pk}"
            models.QuerySet(model).filter(pk=pk).update(**{field.name: text[: field.max_length] for field in fields})
        changed += [f"{model._meta.label}.{field.name}" for field in fields if rows]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
    return changed


@pytest.fixture(scope="module")
def poisoned_world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_kept_for_the_module(django_db_blocker, tmp_path_factory.mktemp("xss_media")) as world:
        with django_db_blocker.unblock():
            world.poisoned = poison()
        yield world


@pytest.fixture(scope="module")
def answers(poisoned_world) -> dict[tuple[str, str], tuple[int, str]]:
    """(route, role) → the status of every GET, with the HTML of the pages (else "")."""
    found = {}
    logging.disable(logging.WARNING)  # thousands of refusals on the security log
    try:
        for route in routes():
            path = path_for(route, poisoned_world, poisoned_world.a)
            for role in ROLES:
                client = poisoned_world.clients[role]
                response = matrix.request(client, client.cookies, "GET", path, fresh=not route.login_required)
                html = response.get("Content-Type", "").startswith("text/html")
                found[(route.key, role)] = (response.status_code, matrix.body(response).decode() if html else "")
    finally:
        logging.disable(logging.NOTSET)
    return found


@pytest.fixture(scope="module")
def pages(answers) -> dict[tuple[str, str], str]:
    return {key: html for key, (status, html) in answers.items() if status == 200 and html}


def test_every_typed_field_was_filled(poisoned_world):
    assert len(poisoned_world.poisoned) > 80
    for expected in ("cases.Report.content", "cases.Report.reporter_name", "orgs.Unit.name", "orgs.Person.name"):
        assert expected in poisoned_world.poisoned


def test_no_page_fails_on_typed_markup(answers):
    assert sorted(f"{route} {role}" for (route, role), (status, _) in answers.items() if status >= 500) == []


def test_no_page_shows_typed_markup_as_markup(pages):
    assert len(pages) > 500
    assert sorted(f"{route} {role}" for (route, role), html in pages.items() if MARKUP in html) == []


def test_the_pages_do_show_the_typed_text(pages):
    """The payload is on the pages, escaped: the search above is not passing because nothing was shown."""
    showing = {route for (route, role), html in pages.items() if ESCAPED in html}
    for route in ("cases:report-detail", "cases:clue-detail", "responsibility:task-detail",
                  "rectification:problem-detail", "public:exposure-detail", "rectification_public:commitment-detail",
                  "admin:cases_report_changelist", "notifications:inbox"):  # fmt: skip
        assert route in showing
    assert len(showing) > 60
