from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from exports import access
from exports.models import ExportJob
from exports.registry import label_for
from files.responses import attachment_response

REFRESH_SECONDS = 2


def job_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    """The job's progress; the page reloads itself (Refresh header, no script) until the job has finished."""
    job = get_object_or_404(access.jobs_visible(request.user), pk=pk)
    response = render(request, "exports/job_detail.html", {"job": job, "label": label_for(job.kind)})
    if not job.is_finished:
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


def job_download(request: HttpRequest, pk: UUID) -> HttpResponse:
    job = get_object_or_404(access.jobs_visible(request.user).filter(status=ExportJob.Status.DONE), pk=pk)
    return attachment_response(job.file, job.filename)
