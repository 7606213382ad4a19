"""Forms for plans, findings and dispositions. They parse; the services check every rule, in the same words."""

from django import forms
from django.utils import timezone

from files.forms import MultipleFileField, MultipleFileInput
from files.validators import MEDIA_LIMIT_TEXT
from inspections.checkpoints import checkpoints_for
from inspections.models import Finding, Team
from orgs.models import Unit
from orgs.widgets import UnitPicker

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
# The phone opens its rear camera for photos or video; a desktop shows the usual file chooser.
CAMERA = MultipleFileInput(attrs={"accept": "image/*,video/*", "capture": "environment"})


def _units():
    return Unit.objects.filter(is_active=True)


class PlanForm(forms.Form):
    title = forms.CharField(label="主题", max_length=200)
    themes = forms.CharField(
        label="检查内容", widget=forms.Textarea(attrs={"rows": 3}), help_text="如公车私用、违规吃喝、上班纪律等"
    )
    team = forms.ModelChoiceField(label="督查小组", queryset=Team.objects.filter(is_active=True))
    starts_on = forms.DateField(label="开始日期", widget=DATE)
    ends_on = forms.DateField(label="结束日期", widget=DATE)
    target_units = forms.ModelMultipleChoiceField(label="检查单位", queryset=_units(), required=False)
    target_places = forms.CharField(
        label="检查场所", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="如酒店、农家乐、停车场"
    )
    checkpoint = forms.ChoiceField(label="节点", required=False, help_text="节点检查时选择，可不选。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = {timezone.localdate().year + step for step in (-1, 0, 1)}
        if key := self.initial.get("checkpoint"):
            years.add(int(key.partition("-")[0]))
        self.fields["checkpoint"].choices = checkpoint_choices(sorted(years))


def checkpoint_choices(years) -> list[tuple[str, str]]:
    rows = [(c.key, f"{c.day.year}年{c.name}（{c.day:%Y-%m-%d}）") for year in years for c in checkpoints_for(year)]
    return [("", "不属于节点检查"), *rows]


class FindingForm(forms.Form):
    # Not required here: the service names what is missing, for the page and the API alike.
    unit = forms.ModelChoiceField(
        label="被查单位", queryset=_units(), required=False, widget=UnitPicker(lookup={"active": "1"})
    )
    persons = forms.CharField(label="涉及人员", max_length=200, required=False, help_text="可不填。")
    category = forms.ChoiceField(label="问题类别", choices=Finding.Category.choices)
    occurred_at = forms.DateTimeField(label="发现时间", widget=DATETIME, required=False)
    place = forms.CharField(label="地点", max_length=200)
    description = forms.CharField(label="问题描述", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    files = MultipleFileField(
        label="取证照片或视频", required=False, widget=CAMERA, help_text=f"可直接用手机拍摄。{MEDIA_LIMIT_TEXT}。"
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"occurred_at": timezone.localtime().replace(second=0, microsecond=0)})
        super().__init__(*args, **kwargs)


class DisposeForm(forms.Form):
    disposition = forms.ChoiceField(label="处理方式", choices=Finding.Disposition.choices, widget=forms.RadioSelect)
    note = forms.CharField(label="处理说明", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    deadline = forms.DateField(label="整改时限", required=False, widget=DATE, help_text="下发整改通知时填写，可不填。")
