from datetime import date

from django import forms
from django.utils import timezone

from inspections.bulletins import period_before, period_containing
from inspections.models import Bulletin


class BulletinGenerateForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=Bulletin.Kind.choices, initial=Bulletin.Kind.WEEKLY)
    day = forms.DateField(
        label="所在期间的任一日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="留空：周通报为上一周（周一至周日），月简报为上一月。",
    )

    def period_start(self) -> date:
        """The first day of the period chosen: the one containing ``day``, or the last one that ended."""
        kind, day = self.cleaned_data["kind"], self.cleaned_data["day"]
        if day is None:
            return period_before(kind, timezone.localdate()).start
        return period_containing(kind, day).start
