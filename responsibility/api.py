"""The checklist API (/api/v1/responsibility/…): thin views over access, selectors and services.

Objects come through ``access``/``selectors`` only, so one outside the user's scope answers the same 404 as a
missing one, and so does an action the user may not take on it (as the pages do). Creating a notice or an
accountability record is for commission staff: others get 403, there being no object to hide.
"""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from common.list_cache import CachedListMixin
from orgs.access import actor_of
from orgs.models import Unit
from responsibility import access, selectors, services
from responsibility.api_filters import (
    AcceptanceFilter,
    AccountabilityFilter,
    LetterFilter,
    PlanFilter,
    ReportFilter,
)  # fmt: skip
from responsibility.filters import NoticeFilter, TaskFilter
from responsibility.serializers import (
    AcceptanceDecideSerializer,
    AcceptanceRequestSerializer,
    AcceptanceSerializer,
    AccountabilitySerializer,
    LetterSerializer,
    LetterSignSerializer,
    NoticeReplySerializer,
    NoticeSerializer,
    PlanSerializer,
    ReportFileSerializer,
    ReportSerializer,
    TaskDetailSerializer,
    TaskSerializer,
)  # fmt: skip


class CommissionCreates(permissions.BasePermission):
    message = "只有纪委监委工作人员可以登记。"

    def has_permission(self, request, view) -> bool:
        return view.action != "create" or access.can_supervise(request.user)


class ScopedReadViewSet(CachedListMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filter_backends = [DjangoFilterBackend]

    def object_in(self, queryset):
        """The URL's object if ``queryset`` holds it, else 404."""
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def valid_input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def answer(self, serializer_class, instance, code: int = status.HTTP_200_OK) -> Response:
        return Response(serializer_class(instance, context=self.get_serializer_context()).data, status=code)

    def supervisor_only(self) -> None:
        if not access.can_supervise(self.request.user):
            raise NotFound


class PlanViewSet(ScopedReadViewSet):
    serializer_class = PlanSerializer
    filterset_class = PlanFilter

    def get_queryset(self):
        return access.plans_visible(self.request.user)


class TaskViewSet(ScopedReadViewSet):
    filterset_class = TaskFilter  # the ledger page's own filters, search (q) and ordering

    def get_queryset(self):
        tasks = selectors.task_ledger(self.request.user).order_by("number", "pk")
        return tasks.prefetch_related("milestones") if self.action == "retrieve" else tasks

    def get_serializer_class(self):
        return TaskDetailSerializer if self.action == "retrieve" else TaskSerializer

    @extend_schema(request=ReportFileSerializer, responses={201: ReportSerializer}, summary="报送进度（单位联络员）")
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def reports(self, request, pk=None):
        task = self.object_in(access.tasks_reportable(request.user))
        data = self.valid_input(ReportFileSerializer)
        unit = Unit.objects.get(pk=actor_of(request.user).unit_id)
        report = services.progress_report_file(task=task, unit=unit, user=request.user, **data)
        return self.answer(ReportSerializer, report, status.HTTP_201_CREATED)

    @extend_schema(
        request=AcceptanceRequestSerializer, responses={201: AcceptanceSerializer}, summary="申请验收（牵头单位）"
    )
    @action(detail=True, methods=["post"], url_path="request-acceptance")
    def request_acceptance(self, request, pk=None):
        task = self.object_in(access.tasks_led(request.user))
        data = self.valid_input(AcceptanceRequestSerializer)
        decision = services.task_request_acceptance(task=task, user=request.user, note=data["note"])
        return self.answer(AcceptanceSerializer, decision, status.HTTP_201_CREATED)

    @extend_schema(
        request=AcceptanceDecideSerializer, responses={200: AcceptanceSerializer}, summary="验收（纪委监委）"
    )
    @action(detail=True, methods=["post"], url_path="decide-acceptance")
    def decide_acceptance(self, request, pk=None):
        self.supervisor_only()
        task = self.object_in(access.tasks_visible(request.user))
        data = self.valid_input(AcceptanceDecideSerializer)
        decision = services.task_decide_acceptance(task=task, user=request.user, **data)
        return self.answer(AcceptanceSerializer, decision)


class ReportViewSet(ScopedReadViewSet):
    serializer_class = ReportSerializer
    filterset_class = ReportFilter

    def get_queryset(self):
        reports = access.reports_visible(self.request.user).select_related("task", "unit")
        return reports.prefetch_related("attachments")


class NoticeViewSet(mixins.CreateModelMixin, ScopedReadViewSet):
    serializer_class = NoticeSerializer
    filterset_class = NoticeFilter
    permission_classes = [permissions.IsAuthenticated, CommissionCreates]

    def get_queryset(self):
        return selectors.notice_list(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.notice_issue(user=self.request.user, **serializer.validated_data)

    @extend_schema(request=NoticeReplySerializer, responses={200: NoticeSerializer}, summary="回复督办单（被督办单位）")
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        notice = self.object_in(access.notices_answerable(request.user))
        data = self.valid_input(NoticeReplySerializer)
        return self.answer(NoticeSerializer, services.notice_reply(notice=notice, user=request.user, **data))

    @extend_schema(request=None, responses={200: NoticeSerializer}, summary="办结督办单（纪委监委）")
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        self.supervisor_only()
        notice = self.object_in(self.get_queryset())
        return self.answer(NoticeSerializer, services.notice_close(notice=notice))


class AcceptanceViewSet(ScopedReadViewSet):
    serializer_class = AcceptanceSerializer
    filterset_class = AcceptanceFilter

    def get_queryset(self):
        return access.acceptances_visible(self.request.user).select_related("task")


class LetterViewSet(ScopedReadViewSet):
    serializer_class = LetterSerializer
    filterset_class = LetterFilter

    def get_queryset(self):
        return access.letters_visible(self.request.user).select_related("issuer", "signer_unit", "signer")

    @extend_schema(request=LetterSignSerializer, responses={200: LetterSerializer}, summary="登记签订（纪委监委）")
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        self.supervisor_only()
        letter = self.object_in(self.get_queryset())
        data = self.valid_input(LetterSignSerializer)
        return self.answer(LetterSerializer, services.letter_sign(letter=letter, signer=None, **data))


class AccountabilityViewSet(mixins.CreateModelMixin, ScopedReadViewSet):
    serializer_class = AccountabilitySerializer
    filterset_class = AccountabilityFilter
    permission_classes = [permissions.IsAuthenticated, CommissionCreates]

    def get_queryset(self):
        return access.accountability_visible(self.request.user).select_related("task", "unit", "person")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.accountability_record(
            task=data["task"], unit=data["unit"], person=data.get("person"), measure=data["measure"],
            reason=data["reason"], dual_accountability=data.get("dual_accountability", False),
            decided_on=data["decided_on"], user=self.request.user,
        )  # fmt: skip


ROUTES = {
    "plans": PlanViewSet,
    "tasks": TaskViewSet,
    "reports": ReportViewSet,
    "notices": NoticeViewSet,
    "acceptances": AcceptanceViewSet,
    "letters": LetterViewSet,
    "accountability": AccountabilityViewSet,
}
