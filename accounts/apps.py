from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff sign-in around Django's auth: two-factor codes, session limits, ending sessions, security logging."""

    name = "accounts"
    verbose_name = "账号安全"

    def ready(self) -> None:
        from accounts import signals  # noqa: F401  (connects the receivers)
