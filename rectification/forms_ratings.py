"""Forms of the public satisfaction rating (群众测评) and of the talk record (约谈)."""

from datetime import date

from django import forms

from cases.public_captcha import captcha_field
from orgs.models import Unit
from orgs.widgets import UnitPicker
from rectification.services_ratings import (
    BAD_STARS,
    NOT_RATED_UNIT,
    RATED_KINDS,
    STARS,
    period_label,
    rated_units,
)


def unit_choices(units: list[Unit]) -> list:
    """The units as a select grouped by kind (乡镇, 县级部门), in the order given."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for unit in units:
        groups.setdefault(unit.get_kind_display(), []).append((unit.pk, unit.name))
    return [("", "请选择"), *groups.items()]


class RatingForm(forms.Form):
    """Field types here; the rules (stars, phone, one rating per phone) live in ``services_ratings``."""

    unit = forms.TypedChoiceField(
        label="评价哪个单位", coerce=int, error_messages={"required": NOT_RATED_UNIT, "invalid_choice": NOT_RATED_UNIT}
    )
    stars = forms.TypedChoiceField(
        label="您对该单位整改情况的满意度",
        coerce=int,
        choices=[(stars, f"{'★' * stars}{'☆' * (5 - stars)} {label}") for stars, label in STARS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": BAD_STARS, "invalid_choice": BAD_STARS},
    )
    phone = forms.CharField(
        label="手机号码",
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": "请填写您的手机号码。"},
        help_text="只用来保证同一号码每季度对同一单位只评价一次：号码经不可逆加密处理，不保存号码本身。",
    )
    comment = forms.CharField(
        label="意见建议（选填）", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    captcha = captcha_field()

    def __init__(self, *args, units: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {unit.pk: unit for unit in units}
        self.fields["unit"].choices = unit_choices(units)


class TalkForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="约谈单位",
        queryset=rated_units(),
        empty_label="请选择",
        widget=UnitPicker(lookup={"kind": RATED_KINDS, "active": "1"}),
    )
    period = forms.TypedChoiceField(label="测评期", coerce=date.fromisoformat)
    held_on = forms.DateField(label="约谈日期", widget=forms.DateInput(attrs={"type": "date"}))
    with_person = forms.CharField(label="约谈对象", max_length=100, help_text="被约谈单位主要负责人的姓名和职务。")
    held_by = forms.CharField(label="约谈人", max_length=100, help_text="主持约谈的县纪委监委领导的姓名和职务。")
    notes = forms.CharField(label="约谈情况", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, periods: list[date], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(period.isoformat(), period_label(period)) for period in periods]
