"""Export jobs are private to the person who asked for them: anyone else gets the same 404 as for a missing job."""

from django.db.models import QuerySet

from exports.models import ExportJob


def jobs_visible(user) -> QuerySet[ExportJob]:
    if not getattr(user, "is_authenticated", False):
        return ExportJob.objects.none()
    return ExportJob.objects.filter(user=user)
