"""Forms for clues and transfers; the services check every rule again."""

from django import forms
from django.utils import timezone

from cases.access import HANDLING_UNIT_KINDS
from cases.models import Clue
from orgs.models import Unit
from orgs.widgets import UnitPicker


class ClueProposeForm(forms.Form):
    """What report triage asks when proposing a clue (``services.clues.clue_propose``), and the revision form."""

    disposition = forms.ChoiceField(label="拟处置方式", choices=Clue.Disposition.choices, widget=forms.RadioSelect)
    summary = forms.CharField(label="问题摘要", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class ClueApproveForm(forms.Form):
    disposition = forms.ChoiceField(
        label="批准的处置方式", choices=Clue.Disposition.choices, help_text="可按审批意见改为其他处置方式。"
    )


class ClueConcludeForm(forms.Form):
    conclusion = forms.CharField(label="办结情况", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class TransferForm(forms.Form):
    to_unit = forms.ModelChoiceField(
        label="承办单位",
        queryset=Unit.objects.filter(kind__in=HANDLING_UNIT_KINDS, is_active=True),
        widget=UnitPicker(lookup={"kind": HANDLING_UNIT_KINDS, "active": "1"}),
    )
    deadline = forms.DateField(label="办理期限", widget=forms.DateInput(attrs={"type": "date"}))
    instructions = forms.CharField(
        label="办理要求",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        initial="请认真核查，并于期限内查报结果。",
        help_text="须查报结果；转办件不含举报人信息，也不附举报原件。",
    )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError("办理期限不能早于今天。")
        return deadline


class TransferResultForm(forms.Form):
    result = forms.CharField(label="办理结果", widget=forms.Textarea(attrs={"rows": 6}), max_length=10000)


class TransferCloseForm(forms.Form):
    conclude_clue = forms.TypedChoiceField(
        label="线索处理",
        choices=[("1", "据此办结线索"), ("0", "线索收回，另行处置")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    conclusion = forms.CharField(
        label="办结情况",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
        help_text="留空则以承办单位报送的结果为办结情况。",
    )
