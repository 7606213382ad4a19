import pytest
from django.urls import reverse

from notifications.models import Notification
from notifications.services import notify

pytestmark = pytest.mark.django_db


def _deliver(user, n=1, url="/responsibility/"):
    for i in range(n):
        notify(
            recipients=[user],
            job="daily_deadlines",
            period="2026-03-02",
            subject=f"task:{i}",
            title=f"任务{i}即将到期",
            url=url,
        )


def _client(client, user):
    client.force_login(user)
    return client


def test_inbox_lists_own_notifications_newest_first_unread_highlighted(client, officer_user, other_officer_user):
    _deliver(officer_user, 2)
    _deliver(other_officer_user, 1)
    Notification.objects.filter(subject="task:0").update(read_at="2026-03-02T08:00:00+08:00")
    html = _client(client, officer_user).get(reverse("notifications:inbox")).content.decode()
    assert html.index("任务1即将到期") < html.index("任务0即将到期")
    assert html.count('class="notification unread"') == 1
    page = client.get(reverse("notifications:inbox")).context["page"]
    assert {n.recipient_id for n in page.object_list} == {officer_user.pk}


def test_inbox_query_count_does_not_grow_with_rows(client, officer_user, django_assert_max_num_queries):
    _deliver(officer_user, 30)
    _client(client, officer_user)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("notifications:inbox"))
    _deliver(officer_user, 1)
    Notification.objects.filter(recipient=officer_user).update(read_at=None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("notifications:inbox") + "?page=2")


def test_mark_read_redirects_to_the_object(client, officer_user):
    _deliver(officer_user)
    notification = Notification.objects.get()
    response = _client(client, officer_user).post(reverse("notifications:mark-read", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/responsibility/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_never_redirects_off_site(client, officer_user):
    _deliver(officer_user, url="https://evil.example.com/")
    notification = Notification.objects.get()
    response = _client(client, officer_user).post(reverse("notifications:mark-read", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:inbox")


def test_someone_elses_notification_is_a_404(client, officer_user, other_officer_user):
    _deliver(other_officer_user)
    notification = Notification.objects.get()
    response = _client(client, officer_user).post(reverse("notifications:mark-read", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_read_needs_post(client, officer_user):
    _deliver(officer_user)
    notification = Notification.objects.get()
    assert (
        _client(client, officer_user).get(reverse("notifications:mark-read", args=[notification.pk])).status_code == 405
    )


def test_mark_all_read_touches_only_own(client, officer_user, other_officer_user):
    _deliver(officer_user, 3)
    _deliver(other_officer_user, 2)
    response = _client(client, officer_user).post(reverse("notifications:mark-all-read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=officer_user, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other_officer_user, read_at__isnull=True).count() == 2


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_unread_count_on_the_inbox(client, officer_user):
    _deliver(officer_user, 3)
    assert "未读 3 条" in _client(client, officer_user).get(reverse("notifications:inbox")).content.decode()
    client.post(reverse("notifications:mark-all-read"))
    assert "未读 0 条" in client.get(reverse("notifications:inbox")).content.decode()
