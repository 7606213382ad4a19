"""Sending the e-mail of one notification; the task around it decides about retries."""

from django.core.mail import send_mail

from notifications.models import Notification


def email_text(notification: Notification) -> str:
    link = f"\n\n详情请登录系统查看：{notification.url}" if notification.url else ""
    return f"{notification.body}{link}"


def deliver_email(*, notification: Notification, address: str) -> None:
    """Raises on failure, so that the task can retry."""
    send_mail(
        subject=notification.title,
        message=email_text(notification),
        from_email=None,
        recipient_list=[address],
        fail_silently=False,
    )
