"""The public's forms: the real-name report, the follow-up query, the answer to the staff's questions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.models import Category
from cases.public_captcha import captcha_field
from cases.services import public
from files.forms import MultipleFileField
from files.validators import ALLOWED_TYPES_TEXT, LIMIT_TEXT


def _text(label: str, max_length: int, required: bool = True, **attrs) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, required=required, widget=forms.TextInput(attrs=attrs or None)
    )


def _password(label: str, help_text: str = "") -> forms.CharField:
    widget = forms.PasswordInput(attrs={"autocomplete": "new-password"})
    return forms.CharField(
        label=label, strip=False, max_length=public.PASSWORD_MAX_LENGTH, widget=widget, help_text=help_text
    )


class ReportForm(forms.Form):
    """Field types here; every rule lives in ``public.report_check``, which the API's submissions pass too."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    reporter_name = _text("真实姓名", 50, autocomplete="name")
    reporter_id_number = _text("身份证号码", 30, autocomplete="off", spellcheck="false")
    reporter_phone = _text("联系电话", 20, type="tel", inputmode="tel", autocomplete="tel")
    accused_name = _text("被举报人姓名", 50)
    accused_unit_name = _text("被举报人单位", 100)
    accused_position = _text("被举报人职务（选填）", 100, required=False)
    category = forms.ChoiceField(label="问题类别", choices=[("", "请选择"), *Category.choices])
    content = forms.CharField(
        label="主要问题",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="请写明谁、在什么时间、什么地点、做了什么事，有哪些证据或知情人。",
    )
    happened_on = forms.DateField(
        label="发生时间（选填）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="大致日期即可。",
    )
    place = _text("发生地点（选填）", 200, required=False)
    files = MultipleFileField(
        label="证据材料（选填）", required=False, help_text=f"接受 {ALLOWED_TYPES_TEXT}；{LIMIT_TEXT}。"
    )
    query_password = _password(
        "设置查询密码",
        f"至少 {public.PASSWORD_MIN_LENGTH} 位，不能与身份证号码或电话相同。查询办理情况时需要它和查询码，请牢记。",
    )
    query_password_confirm = _password("再次输入查询密码")
    captcha = captcha_field()

    SECTIONS = (
        ("一、举报人信息（严格保密）", ("reporter_name", "reporter_id_number", "reporter_phone")),
        ("二、被举报人", ("accused_name", "accused_unit_name", "accused_position")),
        ("三、反映的问题", ("category", "content", "happened_on", "place", "files")),
        ("四、查询密码", ("query_password", "query_password_confirm")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in public.MISSING.items():
            self.fields[name].error_messages["required"] = message

    def clean(self):
        data = super().clean()
        try:
            public.report_check(data=data, files=data.get("files") or [], now=timezone.now())
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field not in self.errors:  # a field the form already refused keeps its one message
                    self.add_error(field if field in self.fields else None, messages)
        return data

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields in the groups the page shows them in; a subclass that drops fields (the page kept while the
        database is down, cases/public_unavailable.py) loses them here, and any group left empty."""
        grouped = [(legend, [self[name] for name in names if name in self.fields]) for legend, names in self.SECTIONS]
        return [(legend, fields) for legend, fields in grouped if fields]


class QueryForm(forms.Form):
    number = _text("举报编号", 30, autocomplete="off", placeholder="如 XF2026-00001")
    query_code = _text("查询码", 40, autocomplete="off", spellcheck="false", placeholder="20 位，如 7K3M-…")
    password = forms.CharField(
        label="查询密码",
        strip=False,
        max_length=public.PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class AnswerForm(forms.Form):
    text = forms.CharField(label="回复工作人员", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
