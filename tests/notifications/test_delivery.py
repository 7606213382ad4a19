import logging
import threading

import pytest
from django.core import mail
from django.db import connection

from jiancha.celery import app as celery_app
from notifications.models import Notification
from notifications.services import notify
from orgs.models import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def _notify(users, **extra):
    fields = {"job": "monthly_progress_reminder", "period": "2026-03", "title": "请报送本月进展", "url": "/"}
    return notify(recipients=users, **(fields | extra))


def test_running_twice_delivers_once(officer_user, other_officer_user):
    assert _notify([officer_user, other_officer_user]) == 2
    assert _notify([officer_user, other_officer_user]) == 0
    assert Notification.objects.count() == 2


def test_period_and_subject_are_part_of_the_key(officer_user):
    assert _notify([officer_user], subject="task:1") == 1
    assert _notify([officer_user], subject="task:2") == 1
    assert _notify([officer_user], period="2026-04", subject="task:1") == 1
    assert _notify([officer_user], subject="task:1") == 0


def test_accepts_user_ids_and_ignores_duplicates(officer_user):
    assert _notify([officer_user.pk, officer_user]) == 1


def test_email_goes_to_those_with_an_address_and_is_skipped_with_a_log_for_others(
    township_a, django_capture_on_commit_callbacks, caplog
):
    with_mail = user_with_role(Role.UNIT_OFFICER, township_a, "has_mail", email="a@example.com")
    without = user_with_role(Role.UNIT_OFFICER, township_a, "no_mail", email="")
    with caplog.at_level(logging.INFO, logger="notifications"), django_capture_on_commit_callbacks(execute=True):
        assert _notify([with_mail, without]) == 2
    assert [m.to for m in mail.outbox] == [["a@example.com"]]
    assert mail.outbox[0].subject == "请报送本月进展"
    statuses = dict(Notification.objects.values_list("recipient__username", "email_status"))
    assert statuses == {"has_mail": "sent", "no_mail": "skipped"}
    assert "no e-mail address" in caplog.text


def test_second_run_sends_no_second_email(township_a, django_capture_on_commit_callbacks):
    user = user_with_role(Role.UNIT_OFFICER, township_a, "has_mail", email="a@example.com")
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            _notify([user])
    assert len(mail.outbox) == 1


def test_failing_email_is_retried_and_never_blocks_the_others(
    township_a, settings, request, django_capture_on_commit_callbacks
):
    from tests.notifications.backends import FlakyBackend

    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    # Eager tasks chain their retries only when they do not propagate exceptions (as a worker would).
    propagates = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    request.addfinalizer(lambda: setattr(celery_app.conf, "task_eager_propagates", propagates))
    FlakyBackend.calls = 0
    broken = user_with_role(Role.UNIT_OFFICER, township_a, "broken", email="broken@example.com")
    good = user_with_role(Role.UNIT_OFFICER, township_a, "good", email="good@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify([broken, good]) == 2
    assert [m.to for m in mail.outbox] == [["good@example.com"]]
    failed = Notification.objects.get(recipient=broken)
    assert (failed.email_status, failed.email_attempts) == ("failed", 4)  # the first try and three retries
    assert "refused" in failed.email_error
    assert Notification.objects.get(recipient=good).email_status == "sent"
    assert FlakyBackend.calls == 5


def test_sms_goes_through_the_configured_sender(township_a, settings, django_capture_on_commit_callbacks):
    settings.NOTIFICATIONS_SMS_SENDER = "tests.notifications.test_delivery.record_sms"
    RECORDED.clear()
    user = user_with_role(Role.UNIT_OFFICER, township_a, "phone", phone="13800000000")
    with django_capture_on_commit_callbacks(execute=True):
        _notify([user], sms=True)
    sent = list(RECORDED)
    assert sent == [("13800000000", "请报送本月进展")]


RECORDED: list = []


def record_sms(phone: str, text: str) -> None:
    RECORDED.append((phone, text))


def test_default_sms_sender_logs(caplog):
    from notifications.sms import send_sms

    with caplog.at_level(logging.INFO, logger="notifications"):
        assert send_sms(phone="13800000000", text="测试")
    assert "13800000000" in caplog.text


def test_batch_insert_uses_a_fixed_number_of_queries(township_a, django_assert_max_num_queries):
    users = [user_with_role(Role.UNIT_OFFICER, township_a, f"u{i}") for i in range(30)]
    # savepoint, insert, contacts, skipped update, savepoint release
    with django_assert_max_num_queries(5):
        assert _notify(users) == 30


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_deliver_each_reminder_once(township_a, township_b):
    users = [user_with_role(Role.UNIT_OFFICER, township_a, f"c{i}") for i in range(20)]
    barrier = threading.Barrier(2)
    counts: list[int] = []
    errors: list[BaseException] = []

    def run():
        try:
            barrier.wait()
            counts.append(_notify(users))
        except BaseException as exc:  # surfaced below: an exception in a thread would otherwise vanish
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(counts) == 20
    assert Notification.objects.count() == 20
