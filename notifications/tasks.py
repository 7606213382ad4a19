import logging

from celery import shared_task
from django.db.models import F

from notifications.email import deliver_email
from notifications.models import Notification
from orgs.models import Person

logger = logging.getLogger(__name__)

MAX_RETRIES = 3
BACKOFF_SECONDS = 60  # doubled on each retry: 1, 2, 4 minutes


@shared_task(bind=True, name="notifications.send_email", max_retries=MAX_RETRIES)
def send_notification_email(self, notification_id: int) -> bool:
    """Send one notification's e-mail; retried with backoff, and after the last try recorded as failed, not raised,
    so that a bad address or a flaky server never fails the job that delivered the reminder."""
    Status = Notification.EmailStatus
    notification = Notification.objects.filter(pk=notification_id).first()
    # Already sent: a redelivered task (acks_late, a killed worker) must not send the e-mail twice.
    if notification is None or notification.email_status == Status.SENT:
        return False
    address = Person.objects.filter(user_id=notification.recipient_id).values_list("email", flat=True).first()
    if not address:
        logger.info("notification %s: recipient has no e-mail address, e-mail skipped", notification_id)
        Notification.objects.filter(pk=notification_id).update(email_status=Status.SKIPPED)
        return False
    try:
        deliver_email(notification=notification, address=address)
    except Exception as exc:
        Notification.objects.filter(pk=notification_id).update(
            email_attempts=F("email_attempts") + 1, email_error=str(exc)[:1000]
        )
        if self.request.retries < MAX_RETRIES:
            raise self.retry(exc=exc, countdown=BACKOFF_SECONDS * 2**self.request.retries) from exc
        logger.warning("notification %s: e-mail failed after %s tries: %s", notification_id, MAX_RETRIES + 1, exc)
        Notification.objects.filter(pk=notification_id).update(email_status=Status.FAILED)
        return False
    Notification.objects.filter(pk=notification_id).update(
        email_status=Status.SENT, email_attempts=F("email_attempts") + 1, email_error=""
    )
    return True
