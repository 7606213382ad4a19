"""The public API (/api/v1/public/…): the report form and the query for programs, with the page's rules.

Anonymous by design (no session, so no CSRF; no token). Every POST is counted against the client address
first, in the same budget as the pages (``public_limits``): 429 with a Chinese ``detail``. Humanity is proven
with the page's own captcha: ``GET captcha/`` gives a key and an image URL, the POST sends ``captcha_key`` and
``captcha_answer``. Bad input answers 400 with field errors, wrong credentials or a locked query 403, all in
Chinese. The query answers the status and messages only, never anything of the reporter's identity.
"""

import uuid

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.models import Category, Report, ReportMessage
from cases.public_captcha import captcha_check, captcha_new
from cases.public_limits import TOO_MANY_CAPTCHAS, over_limit, too_many_json
from cases.services import public


class PublicCaptchaSerializer(serializers.Serializer):
    key = serializers.CharField(read_only=True)
    image_url = serializers.CharField(read_only=True)


class PublicReportSubmitSerializer(serializers.Serializer):
    reporter_name = serializers.CharField(max_length=50)
    reporter_id_number = serializers.CharField(max_length=30)
    reporter_phone = serializers.CharField(max_length=20)
    accused_name = serializers.CharField(max_length=50)
    accused_unit_name = serializers.CharField(max_length=100)
    accused_position = serializers.CharField(max_length=100, required=False, allow_blank=True)
    category = serializers.ChoiceField(choices=Category.choices)
    content = serializers.CharField(max_length=5000)
    happened_on = serializers.DateField(required=False, allow_null=True)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)
    query_password = serializers.CharField(max_length=public.PASSWORD_MAX_LENGTH, trim_whitespace=False)
    query_password_confirm = serializers.CharField(max_length=public.PASSWORD_MAX_LENGTH, trim_whitespace=False)
    submission_key = serializers.UUIDField(
        required=False, help_text="客户端为每份举报生成一次的 UUID；网络重试时带上同一个，只会产生一份举报。"
    )
    captcha_key = serializers.CharField(max_length=40, write_only=True)
    captcha_answer = serializers.CharField(max_length=32, write_only=True)

    def validate(self, attrs):
        try:
            captcha_check(attrs.pop("captcha_key"), attrs.pop("captcha_answer"))
        except ValidationError as error:
            raise serializers.ValidationError({"captcha_answer": error.messages}) from error
        return attrs


class PublicSubmittedSerializer(serializers.Serializer):
    number = serializers.CharField(source="report.number")
    query_code = serializers.SerializerMethodField(help_text="只在第一次提交成功时返回一次；重复提交时为 null。")
    received_at = serializers.DateTimeField(source="report.received_at")
    acceptance_due_on = serializers.DateField(source="report.acceptance_due_on")

    def get_query_code(self, submitted: public.Submitted) -> str | None:
        return submitted.query_code and public.format_query_code(submitted.query_code)


class PublicCredentialsSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=30)
    query_code = serializers.CharField(max_length=40)
    query_password = serializers.CharField(max_length=public.PASSWORD_MAX_LENGTH, trim_whitespace=False)


class PublicAnswerSerializer(PublicCredentialsSerializer):
    text = serializers.CharField(max_length=2000)


class PublicMessageSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportMessage
        fields = ["from_reporter", "text", "created_at"]


class ReporterViewSerializer(serializers.ModelSerializer):
    """What the reporter may see of their report: status, the commission's answers and messages; no identity."""

    category = serializers.CharField(source="get_category_display")
    status_display = serializers.CharField(source="get_status_display")
    status_explained = serializers.SerializerMethodField()
    messages = PublicMessageSerializer(many=True)

    class Meta:
        model = Report
        fields = [
            "number", "category", "status", "status_display", "status_explained", "received_at",
            "acceptance_due_on", "decided_at", "decision_reason", "referred_to", "result", "concluded_at", "messages",
        ]  # fmt: skip

    def get_status_explained(self, report: Report) -> str:
        return public.STATUS_EXPLAINED[report.status]


class PublicAPIView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []

    def valid_input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


def refused(refusal: public.QueryRefused) -> Response:
    return Response({"detail": refusal.message}, status=status.HTTP_403_FORBIDDEN)


class CaptchaView(PublicAPIView):
    @extend_schema(responses=PublicCaptchaSerializer, summary="取一个验证码（图片地址与 key）")
    def get(self, request):
        if over_limit(request, "captcha"):  # each call stores a new challenge
            return too_many_json(TOO_MANY_CAPTCHAS)
        return Response(captcha_new())


class ReportSubmitView(PublicAPIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request=PublicReportSubmitSerializer,
        # 200: the submission_key was seen before, and the answer is the report it filed then.
        responses={201: PublicSubmittedSerializer, 200: PublicSubmittedSerializer},
        summary="提交实名举报",
    )
    def post(self, request):
        if over_limit(request, "submit"):
            return too_many_json()
        # A JSON document that is not an object has no key to look up: its validation below answers 400.
        replayed = request.data.get("submission_key") if hasattr(request.data, "get") else None
        if first := public.report_for_submission(replayed):
            return Response(PublicSubmittedSerializer(public.Submitted(first, None)).data)
        data = self.valid_input(PublicReportSubmitSerializer)
        key = data.pop("submission_key", None) or uuid.uuid4()
        submitted = public.report_submit(data=data, files=data.pop("files"), submission_key=key)
        code = status.HTTP_201_CREATED if submitted.query_code else status.HTTP_200_OK
        return Response(PublicSubmittedSerializer(submitted).data, status=code)


class ReportQueryView(PublicAPIView):
    @extend_schema(request=PublicCredentialsSerializer, responses=ReporterViewSerializer, summary="查询举报办理情况")
    def post(self, request):
        if over_limit(request, "query"):
            return too_many_json()
        credentials = self.valid_input(PublicCredentialsSerializer)
        try:
            report = public.report_query(**_credentials(credentials))
        except public.QueryRefused as refusal:
            return refused(refusal)
        return Response(ReporterViewSerializer(report).data)


class ReportAnswerView(PublicAPIView):
    @extend_schema(
        request=PublicAnswerSerializer, responses={201: PublicMessageSerializer}, summary="回复工作人员的问题"
    )
    def post(self, request):
        if over_limit(request, "query"):
            return too_many_json()
        data = self.valid_input(PublicAnswerSerializer)
        try:
            report = public.report_query(**_credentials(data))
        except public.QueryRefused as refusal:
            return refused(refusal)
        message = public.report_answer(report=report, text=data["text"])
        return Response(PublicMessageSerializer(message).data, status=status.HTTP_201_CREATED)


def _credentials(data: dict) -> dict:
    return {"number": data["number"], "query_code": data["query_code"], "password": data["query_password"]}
