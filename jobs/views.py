"""The scheduled jobs page for commission admins: each job's schedule, its last runs with counts and failures, the
schedule editor and a button to run a job now (or for a past day, to back-fill)."""

from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from kombu.exceptions import OperationalError as BrokerUnreachable

from jobs import schedule
from jobs.access import can_manage_jobs
from jobs.forms import RunForm, ScheduleForm
from jobs.models import JobRun
from jobs.registry import Job, all_jobs, job_named
from jobs.services import schedule_initial, schedule_save
from jobs.tasks import TASKS

PAGE_SIZE = 20
FAILURE_WINDOW_DAYS = 30


def _job_or_404(request: HttpRequest, name: str) -> Job:
    job = job_named(name)
    if job is None or not can_manage_jobs(request.user):
        raise Http404
    return job


def job_list(request: HttpRequest) -> HttpResponse:
    """Four queries whatever the number of runs: the schedules, the last run ids, those runs, the failure counts."""
    if not can_manage_jobs(request.user):
        raise Http404
    stored = schedule.schedules()
    last_ids = JobRun.objects.values("job").annotate(last=Max("pk")).values_list("last", flat=True)
    last = {run.job: run for run in JobRun.objects.filter(pk__in=list(last_ids))}
    since = timezone.now() - timedelta(days=FAILURE_WINDOW_DAYS)
    failures = dict(
        JobRun.objects.filter(started_at__gte=since)
        .values("job")
        .annotate(n=Count("pk", filter=Q(status=JobRun.Status.FAILED)))
        .values_list("job", "n")
    )
    rows = [
        {
            "job": job,
            "schedule": schedule.describe(stored.get(job.name)),
            "enabled": stored[job.name].enabled if job.name in stored else False,
            "last": last.get(job.name),
            "failures": failures.get(job.name, 0),
        }
        for job in all_jobs()
    ]
    context = {"rows": rows, "failure_window": FAILURE_WINDOW_DAYS}
    return render(request, "jobs/job_list.html", context)


def _detail(request: HttpRequest, job: Job, schedule_form: ScheduleForm | None = None, status: int = 200):
    task = schedule.schedules().get(job.name)
    context = {
        "job": job,
        "schedule": schedule.describe(task),
        "enabled": task.enabled if task else False,
        "page": Paginator(JobRun.objects.filter(job=job.name), PAGE_SIZE).get_page(request.GET.get("page")),
        "schedule_form": schedule_form or ScheduleForm(initial=schedule_initial(job, task), job=job),
        "run_form": RunForm(initial={"day": timezone.localdate()}),
    }
    return render(request, "jobs/job_detail.html", context, status=status)


def job_detail(request: HttpRequest, name: str) -> HttpResponse:
    return _detail(request, _job_or_404(request, name))


@require_POST
def schedule_edit(request: HttpRequest, name: str) -> HttpResponse:
    job = _job_or_404(request, name)
    form = ScheduleForm(request.POST, job=job)
    if not form.is_valid():
        return _detail(request, job, form, status=400)
    schedule_save(job, form.cleaned_data)
    messages.success(request, f"已保存“{job.label}”的运行时间，定时进程将自动按新时间运行。")
    return redirect("jobs:detail", name=job.name)


@require_POST
def job_run_now(request: HttpRequest, name: str) -> HttpResponse:
    job = _job_or_404(request, name)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(form.errors["day"]))
        return redirect("jobs:detail", name=job.name)
    day = form.cleaned_data["day"]
    try:
        TASKS[job.name].delay(date=day.isoformat(), trigger=JobRun.Trigger.MANUAL)
    except BrokerUnreachable:
        messages.error(request, "后台服务暂时不可用，任务没有提交，请稍后再试。")
        return redirect("jobs:detail", name=job.name)
    messages.success(request, f"已提交“{job.label}”（业务日期 {day:%Y-%m-%d}），运行结果见下方记录。")
    return redirect("jobs:detail", name=job.name)
