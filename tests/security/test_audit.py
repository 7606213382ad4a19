"""Issue 10 point 7: identity views and audit records are append-only, through the admin, the models, the
querysets and (on PostgreSQL) raw SQL; and bulk writes in services still leave audit entries."""

from datetime import date, datetime

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from cases.models import IdentityRequest, IdentityView
from cases.services import public
from common.append_only import AppendOnlyError
from orgs.models import Unit
from responsibility import rankings
from responsibility import services as responsibility_services
from responsibility.models import Milestone, ProgressReport, Ranking
from tests.cases.factories import ReportFactory
from tests.cases.public_support import file_report
from tests.factories import TaskFactory, UnitFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")


@pytest.fixture
def identity_view(staff_user, commission_admin_user):
    report = ReportFactory(reporter_name="秘密举报人")
    request = IdentityRequest.objects.create(
        report=report, requested_by=staff_user, reason="核实", status=IdentityRequest.Status.APPROVED,
        decided_by=commission_admin_user, decided_at=timezone.now(),
    )  # fmt: skip
    return IdentityView.objects.create(request=request, report=report, viewer=staff_user, reason="核实")


@pytest.fixture
def entry(db):
    unit = UnitFactory(name="审计对象单位")
    return LogEntry.objects.get_for_object(unit).get()


def stored(obj) -> dict:
    return type(obj)._base_manager.filter(pk=obj.pk).values().get()


def admin_url(obj, action: str) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{action}", args=[obj.pk])


# The admin, as a superuser ----------------------------------------------------------------------


@pytest.mark.parametrize("record", ["identity_view", "entry"])
def test_superuser_cannot_change_or_delete_in_the_admin(request, commission_admin_client, record):
    obj = request.getfixturevalue(record)
    before = stored(obj)
    change = commission_admin_client.post(admin_url(obj, "change"), {"reason": "改写", "object_repr": "改写"})
    delete = commission_admin_client.post(admin_url(obj, "delete"), {"post": "yes"})
    assert (change.status_code, delete.status_code) == (403, 403)
    assert stored(obj) == before


@pytest.mark.parametrize("record", ["identity_view", "entry"])
def test_admin_list_offers_no_bulk_delete(request, commission_admin_client, record):
    obj = request.getfixturevalue(record)
    meta = obj._meta
    changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    page = commission_admin_client.get(changelist)
    assert page.status_code == 200 and "delete_selected" not in page.text
    posted = commission_admin_client.post(changelist, {"action": "delete_selected", "_selected_action": [obj.pk]})
    assert posted.status_code in (200, 302)
    assert type(obj)._base_manager.filter(pk=obj.pk).exists()


# The models and their querysets -----------------------------------------------------------------


@pytest.mark.parametrize("record", ["identity_view", "entry"])
def test_model_save_and_delete_of_an_existing_row_raise(request, record):
    obj = request.getfixturevalue(record)
    before = stored(obj)
    field = "reason" if isinstance(obj, IdentityView) else "object_repr"
    setattr(obj, field, "改写")
    with pytest.raises(AppendOnlyError):
        obj.save()
    # LogEntry's refusal comes from a pre_delete signal, inside Django's deletion transaction: roll it back.
    with pytest.raises(AppendOnlyError), transaction.atomic():
        obj.delete()
    assert stored(obj) == before


def test_querysets_refuse_update_and_delete(identity_view, entry):
    for queryset in (IdentityView.objects.all(), LogEntry.objects.all()):
        with pytest.raises(AppendOnlyError):
            queryset.update(object_repr="x") if queryset.model is LogEntry else queryset.update(reason="x")
        with pytest.raises(AppendOnlyError):
            queryset.delete()
    assert IdentityView.objects.get().reason == "核实"
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_new_rows_are_still_written(identity_view, staff_user):
    more = IdentityView.objects.create(
        request=identity_view.request, report=identity_view.report, viewer=staff_user, reason="再次核实"
    )
    assert IdentityView.objects.count() == 2 and more.pk
    assert LogEntry.objects.get_for_object(more).filter(action=LogEntry.Action.CREATE).exists()


# Below the application: the PostgreSQL trigger --------------------------------------------------


@postgresql_only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE cases_identityview SET reason = 'x'",
        "DELETE FROM cases_identityview",
        "UPDATE auditlog_logentry SET object_repr = 'x'",
        "DELETE FROM auditlog_logentry",
    ],
)
def test_raw_sql_update_and_delete_are_refused_by_the_database(identity_view, entry, sql):
    with pytest.raises(DatabaseError, match="审计记录只能新增"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert stored(identity_view)["reason"] == "核实"
    assert stored(entry)["object_repr"] == entry.object_repr


@postgresql_only
def test_base_manager_cannot_go_around_the_guards(identity_view):
    with pytest.raises(DatabaseError), transaction.atomic():
        IdentityView._base_manager.filter(pk=identity_view.pk).update(reason="x")
    assert stored(identity_view)["reason"] == "核实"


# Bulk writes in services are audited ------------------------------------------------------------


def test_milestones_met_by_a_report_are_audited_with_the_actor(staff_user):
    lead = UnitFactory(name="牵头局", kind=Unit.Kind.DEPARTMENT, is_lead_unit=True)
    task = TaskFactory(lead_unit=lead, milestones=[(date(2026, 3, 31), 25), (date(2026, 3, 31), 50)])
    with set_actor(staff_user):  # what auditlog's middleware does for a signed-in request
        responsibility_services.progress_report_file(
            task=task, unit=lead, user=None, period=date(2026, 3, 1), text="推进", percent=60,
            now=timezone.make_aware(datetime(2026, 3, 20, 10)),
        )  # fmt: skip
    for milestone in Milestone.objects.filter(task=task):
        updates = LogEntry.objects.get_for_object(milestone).filter(action=LogEntry.Action.UPDATE)
        assert [(e.changes_dict["met_on"], e.actor) for e in updates] == [(["None", "2026-03-20"], staff_user)]


def test_query_failures_and_their_reset_are_audited(db):
    report, code = file_report()
    with pytest.raises(public.QueryRefused):
        public.report_query(number=report.number, query_code=code, password="wrong-password")
    public.report_query(number=report.number, query_code=code, password="xinfang-2026")
    updates = LogEntry.objects.get_for_object(report).filter(action=LogEntry.Action.UPDATE).order_by("pk")
    assert [e.changes_dict["query_failures"] for e in updates] == [["0", "1"], ["1", "0"]]
    for e in updates:  # the secrets stay out of the log, as on every other write
        assert "query_password_hash" not in e.changes_dict and "reporter_name" not in e.changes_dict


def test_stored_ranking_rows_are_audited(db):
    tasks = [TaskFactory(starts_on=date(2025, 1, 1)) for _ in range(3)]
    ProgressReport.objects.bulk_create(
        ProgressReport(task=t, unit_id=t.lead_unit_id, period=date(2025, 3, 1), text="进展", percent=40) for t in tasks
    )
    ranking = rankings.ranking_compute(kind=Ranking.Kind.MONTHLY, period_start=date(2025, 3, 1))
    entries = ranking.entries.all()
    assert len(entries) == 3
    for row in entries:
        assert LogEntry.objects.get_for_object(row).filter(action=LogEntry.Action.CREATE).count() == 1
