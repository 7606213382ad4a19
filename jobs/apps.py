from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "定时任务"

    def ready(self) -> None:
        # Each module registers its jobs; the Celery tasks are made from the registry.
        from jobs import deadlines, holidays, monthly, periodic, tasks  # noqa: F401
