from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "领导驾驶舱"

    def ready(self) -> None:
        # Each module registers its section of the dashboard.
        from dashboard import cases, inspections, rectification, responsibility  # noqa: F401
