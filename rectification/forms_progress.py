"""Forms for progress, acceptance, 立行立改 and evaluation; the services check every rule again."""

from django import forms

from files.forms import MultipleFileField
from files.validators import ALLOWED_TYPES_TEXT, LIMIT_TEXT


def _text(label: str, *, rows: int = 3, required: bool = True, max_length: int = 2000) -> forms.CharField:
    return forms.CharField(
        label=label, widget=forms.Textarea(attrs={"rows": rows}), required=required, max_length=max_length,
        error_messages={"required": f"请填写{label}。"},
    )  # fmt: skip


class ProgressForm(forms.Form):
    text = _text("整改进展", rows=5, max_length=5000)
    files = MultipleFileField(
        label="附件（照片、材料）", required=False, help_text=f"可选。接受 {ALLOWED_TYPES_TEXT}；{LIMIT_TEXT}。"
    )  # the service checks each file and puts its refusal beside this field


class RequestForm(forms.Form):
    note = _text("申请说明", required=False)


class DecisionForm(forms.Form):
    passed = forms.TypedChoiceField(
        label="验收结果",
        choices=[("1", "验收通过，予以销号"), ("0", "退回整改")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    comments = _text("验收意见", required=False)


class FixAtOnceForm(forms.Form):
    note = _text("立行立改情况说明")


class EvaluationForm(forms.Form):
    score = forms.IntegerField(
        label="评分（0–100）",
        min_value=0,
        max_value=100,
        error_messages={"min_value": "评分须在 0 到 100 之间。", "max_value": "评分须在 0 到 100 之间。"},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    comment = _text("评议意见", required=False)
