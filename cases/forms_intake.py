"""Forms for staff intake, triage, rewards and identity custody. They parse; the services check every rule."""

import uuid

from django import forms
from django.utils import timezone

from cases.models import Category
from cases.services.intake import STAFF_CHANNELS
from files.forms import MultipleFileField
from files.validators import ALLOWED_TYPES_TEXT, LIMIT_TEXT

DATE = forms.DateInput(attrs={"type": "date"})


def _text(label: str, rows: int = 3, max_length: int = 5000, **kwargs) -> forms.CharField:
    # required=False: the service says what is missing, in the same words for the page and the API.
    return forms.CharField(
        label=label, widget=forms.Textarea(attrs={"rows": rows}), max_length=max_length, required=False, **kwargs
    )


class ReportRegisterForm(forms.Form):
    """One form for letters, visits, calls, WeChat messages and reports transferred from above."""

    channel = forms.ChoiceField(label="来源渠道", choices=STAFF_CHANNELS)
    received_at = forms.DateTimeField(
        label="收到时间",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    is_real_name = forms.TypedChoiceField(
        label="举报方式",
        choices=[("1", "实名举报"), ("0", "匿名举报")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    reporter_name = forms.CharField(label="举报人姓名", max_length=50, required=False)
    reporter_id_number = forms.CharField(
        label="举报人身份证号码", max_length=18, required=False, help_text="可不填；填写时须为18位有效号码。"
    )
    reporter_phone = forms.CharField(
        label="举报人联系电话", max_length=20, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    accused_name = forms.CharField(label="被举报人", max_length=50, required=False)
    accused_unit_name = forms.CharField(label="被举报人单位", max_length=100, required=False)
    accused_position = forms.CharField(label="被举报人职务", max_length=100, required=False)
    category = forms.ChoiceField(label="问题类别", choices=Category.choices)
    content = _text("主要问题", rows=6, max_length=20000)
    happened_on = forms.DateField(label="发生时间", required=False, widget=DATE)
    place = forms.CharField(label="发生地点", max_length=200, required=False)
    files = MultipleFileField(
        label="附件", required=False, help_text=f"可选。接受 {ALLOWED_TYPES_TEXT}；{LIMIT_TEXT}。"
    )
    # Rendered once with the blank form: a double click posts it twice, and the second post finds the first report.
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"received_at": timezone.localtime().replace(second=0, microsecond=0)})
        kwargs["initial"].setdefault("submission_key", uuid.uuid4())
        super().__init__(*args, **kwargs)


class RejectForm(forms.Form):
    reason = _text("不予受理理由")


class ReferForm(forms.Form):
    referred_to = forms.CharField(label="有权处理机关", max_length=100, required=False)
    reason = _text("转交理由")


class ConcludeForm(forms.Form):
    result = _text("办理结果（告知举报人）", rows=4, help_text="举报人凭查询码可在查询页面看到此内容。")


class MessageForm(forms.Form):
    text = _text("向举报人提问或说明", help_text="举报人凭查询码在查询页面查看并回复。")


class RewardForm(forms.Form):
    amount = forms.DecimalField(
        label="奖励金额（元）", max_digits=10, decimal_places=2, widget=forms.NumberInput(attrs={"step": "0.01"})
    )
    decided_on = forms.DateField(label="决定日期", widget=DATE)
    note = _text("说明", rows=2)


class ConfirmForm(forms.Form):
    """A button with nothing to fill in (受理, 告知举报人, 结果已反馈)."""


class IdentityRequestForm(forms.Form):
    reason = _text(
        "申请理由", rows=4, help_text="写明为何办理本件需要知道举报人身份；审批人据此决定，查看记录中也会载明。"
    )


class IdentityDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label="审批结果",
        choices=[("1", "批准"), ("0", "不予批准")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = _text("审批意见", rows=2, help_text="不予批准时必填。")
