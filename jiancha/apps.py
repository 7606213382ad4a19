from django.apps import AppConfig


class JianchaConfig(AppConfig):
    """The project package as an app: it holds the health check's task and its schedule."""

    name = "jiancha"
    verbose_name = "系统"
