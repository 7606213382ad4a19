from django import forms

from orgs.models import Unit
from orgs.widgets import UnitPicker
from rectification.models import Commitment, Problem

RECTIFYING_KINDS = (Unit.Kind.TOWNSHIP, Unit.Kind.DEPARTMENT)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def rectifying_units():
    """Townships and county departments: the units that rectify problems and are rated by the public."""
    return Unit.objects.filter(kind__in=RECTIFYING_KINDS, is_active=True)


class ProblemForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="责任单位",
        queryset=rectifying_units(),
        widget=UnitPicker(lookup={"kind": RECTIFYING_KINDS, "active": "1"}),
    )
    title = forms.CharField(label="问题", max_length=200)
    description = forms.CharField(label="问题描述", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    source = forms.ChoiceField(label="来源", choices=Problem.Source.choices)
    level = forms.ChoiceField(label="问题层级", choices=Problem.Level.choices)
    is_common = forms.TypedChoiceField(
        label="共性或个性",
        choices=[("0", "个性问题"), ("1", "共性问题")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="0",
    )
    deadline = forms.DateField(label="整改时限", required=False, widget=DATE)
    internal_note = forms.CharField(
        label="内部备注",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="仅纪委监委可见，不公开。",
    )


class CommitmentForm(forms.Form):
    committer_kind = forms.ChoiceField(label="承诺人类别", choices=Commitment.Committer.choices)
    committer_name = forms.CharField(label="承诺人", max_length=50)
    committer_position = forms.CharField(label="职务", max_length=100, required=False)
    published_problem = forms.CharField(
        label="公开的问题表述",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="将在公开承诺页面显示，请勿写入当事人姓名、线索来源等不宜公开的内容。",
    )
    measures = forms.CharField(label="整改措施", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    deadline = forms.DateField(label="承诺时限", widget=DATE)
    expected_effect = forms.CharField(label="预期效果", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    signed_on = forms.DateField(label="签字日期", required=False, widget=DATE, help_text="承诺人签字后填写。")


class PublishForm(forms.Form):
    """A bare button: nothing to fill in, but ``post_action`` wants a form to carry the refusal."""
