from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from files.forms import MultipleFileField
from files.validators import ALLOWED_TYPES_TEXT, LIMIT_TEXT, validate_attachments
from orgs.models import Person, Unit
from responsibility.models import AccountabilityRecord, Task


class MonthField(forms.CharField):
    """A month as typed by <input type="month"> ("2026-11"), cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-")[:2])
            return date(year, month, 1)
        except (ValueError, OverflowError) as error:  # OverflowError: a year past what a C long holds
            raise ValidationError("请按“年-月”填写报送月份，如 2026-11。") from error


class ProgressReportForm(forms.Form):
    period = MonthField(label="报送月份")
    percent = forms.IntegerField(
        label="累计完成进度（%）",
        min_value=0,
        max_value=100,
        error_messages={"min_value": "进度须在 0 到 100 之间。", "max_value": "进度须在 0 到 100 之间。"},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    files = MultipleFileField(
        label="附件", required=False, help_text=f"可选。接受 {ALLOWED_TYPES_TEXT}；{LIMIT_TEXT}。"
    )

    def clean_files(self):
        # The service checks again; checking here puts the message beside the field.
        files = self.cleaned_data["files"]
        validate_attachments(files)
        return files


class NoticeForm(forms.Form):
    unit = forms.ModelChoiceField(label="督办单位", queryset=Unit.objects.none())
    content = forms.CharField(label="督办事项", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    reply_deadline = forms.DateField(label="回复期限", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, task: Task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(
            pk__in=[task.lead_unit_id, *task.co_units.values_list("pk", flat=True)]
        )


class NoticeReplyForm(forms.Form):
    reply = forms.CharField(label="回复内容", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class AcceptanceRequestForm(forms.Form):
    note = forms.CharField(label="申请说明", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000)


class AcceptanceDecisionForm(forms.Form):
    passed = forms.TypedChoiceField(
        label="验收结果",
        choices=[("1", "验收通过，予以销号"), ("0", "退回整改")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label="验收意见", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class AccountabilityForm(forms.ModelForm):
    class Meta:
        model = AccountabilityRecord
        fields = ["unit", "person", "measure", "reason", "dual_accountability", "decided_on"]
        widgets = {"decided_on": forms.DateInput(attrs={"type": "date"}), "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, task: Task, **kwargs):
        super().__init__(*args, **kwargs)
        unit_ids = [task.lead_unit_id, *task.co_units.values_list("pk", flat=True)]
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=unit_ids)
        self.fields["person"].queryset = Person.objects.filter(unit_id__in=unit_ids)


class LetterSignForm(forms.Form):
    signed_on = forms.DateField(label="签订日期", widget=forms.DateInput(attrs={"type": "date"}))
