"""Forms for cases, their persons and documents, and exposure drafts; the services check every rule again."""

from django import forms

from cases.models import Case, CaseDocument, CasePerson
from cases.services.investigations import STAGE_ACTIONS
from files.validators import ALLOWED_TYPES_TEXT, MAX_UPLOAD_BYTES


class DualCaseField(forms.ModelChoiceField):
    def label_from_instance(self, case: Case) -> str:
        return f"{case.number} {case.title}"


class CaseOpenForm(forms.Form):
    title = forms.CharField(label="案由", max_length=200)
    is_eight_point = forms.BooleanField(label="违反中央八项规定精神", required=False)
    is_four_winds = forms.BooleanField(label="“四风”问题", required=False)


class CaseMoveForm(forms.Form):
    to = forms.ChoiceField(label="下一步", choices=[(stage.value, action) for stage, action in STAGE_ACTIONS.items()])
    on = forms.DateField(
        label="日期", required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="立案、结案时填写。"
    )


class CaseFactsForm(forms.ModelForm):
    dual_accountability_of = DualCaseField(
        label="一案双查原案", queryset=Case.objects.order_by("-opened_at"), required=False
    )

    class Meta:
        model = Case
        fields = ["is_eight_point", "is_four_winds", "funds_recovered", "dual_accountability_of", "recommendation"]
        widgets = {"recommendation": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funds_recovered"].min_value = 0
        self.fields["funds_recovered"].widget.attrs["min"] = 0
        self.fields["funds_recovered"].validators.append(_not_negative)
        self.fields["dual_accountability_of"].queryset = Case.objects.exclude(pk=self.instance.pk)


def _not_negative(value) -> None:
    if value is not None and value < 0:
        raise forms.ValidationError("挽回经济损失不能为负数。")


class CasePersonForm(forms.ModelForm):
    class Meta:
        model = CasePerson
        fields = ["name", "unit", "position", "form", "party_sanction", "administrative_sanction",
                  "transferred_to_judiciary"]  # fmt: skip


class CaseDocumentForm(forms.Form):
    kind = forms.ChoiceField(label="材料类别", choices=CaseDocument.Kind.choices)
    file = forms.FileField(
        label="文件",
        help_text=f"接受 {ALLOWED_TYPES_TEXT}；不超过 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB。",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx"}),
    )


class ExposureForm(forms.Form):
    title = forms.CharField(label="通报标题", max_length=200)
    body = forms.CharField(
        label="通报内容",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        help_text="公开页面只显示经批准的标题和内容，请勿写入身份证号码、电话等个人信息。",
    )
