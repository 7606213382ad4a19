from django.conf import settings
from django.db import models


class UserSession(models.Model):
    """Which sessions a login holds: written at sign-in, so ending them all never has to decode every session."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登录账号", on_delete=models.CASCADE, related_name="+"
    )
    session_key = models.CharField("会话", max_length=40, unique=True)
    created_at = models.DateTimeField("登录时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "登录会话"
        indexes = [models.Index(fields=["user", "created_at"], name="user_session_user_created")]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.created_at:%Y-%m-%d %H:%M}"
