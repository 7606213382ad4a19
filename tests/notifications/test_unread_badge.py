"""The unread count beside 消息: a JSON count of the user's own unread messages, fetched by a script."""

import pytest
from django.urls import reverse

from notifications.services import notify

URL = reverse("notifications:unread")


@pytest.mark.django_db
def test_the_count_is_the_users_own_and_follows_delivery_and_reading(
    officer_client, officer_user, staff_user, django_capture_on_commit_callbacks
):
    assert officer_client.get(URL).json() == {"unread": 0}  # cached now: delivery must clear it
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[officer_user, staff_user], job="t", period="2026-03", title="请报送进度")
        notify(recipients=[officer_user], job="t", period="2026-04", title="请报送进度")
    response = officer_client.get(URL)
    assert response.json() == {"unread": 2} and response["Cache-Control"] == "no-store"
    officer_client.post(reverse("notifications:mark-all-read"))
    assert officer_client.get(URL).json() == {"unread": 0}


@pytest.mark.django_db
def test_pages_carry_the_badge_script_without_a_query_for_it(officer_client):
    page = officer_client.get(reverse("notifications:inbox")).content.decode()
    assert f'data-unread-url="{URL}"' in page and "js/unread.js" in page


def test_anonymous_users_get_no_count(client):
    assert client.get(URL).status_code == 302
