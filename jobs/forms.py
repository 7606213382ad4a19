from datetime import date

from celery.schedules import ParseException, crontab_parser
from django import forms
from django.utils import timezone

from jobs.registry import Job

OPTION_LABELS = {
    "working_days_before": ("节前提前工作日数", "节日放假前第几个工作日发出提醒"),
    "working_days_after": ("节后第几个工作日", "假期结束后第几个工作日报送汇总"),
    "within_working_days": ("提前提醒工作日数", "到期前几个工作日起开始提醒"),
}


def _cron_field(value: str, maximum: int, minimum: int, what: str) -> str:
    value = value.strip().replace("，", ",") or "*"
    try:
        crontab_parser(maximum, minimum).parse(value)
    except (ParseException, ValueError) as exc:
        message = f"{what}格式不正确：可填 *（不限）、单个数字、逗号分隔的数字或区间如 1-5。"
        raise forms.ValidationError(message) from exc
    return value


class ScheduleForm(forms.Form):
    enabled = forms.BooleanField(label="启用", required=False)
    hour = forms.IntegerField(label="时", min_value=0, max_value=23)
    minute = forms.IntegerField(label="分", min_value=0, max_value=59)
    day_of_month = forms.CharField(label="每月几日", max_length=64, help_text="* 表示每天；如 25 或 1-5")
    day_of_week = forms.CharField(label="星期", max_length=64, help_text="* 表示不限；0 为星期日，1 为星期一")

    def __init__(self, *args, job: Job, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key in job.defaults:
            label, help_text = OPTION_LABELS.get(key, (key, ""))
            self.fields[key] = forms.IntegerField(label=label, help_text=help_text, min_value=0, max_value=30)

    def clean_day_of_month(self) -> str:
        return _cron_field(self.cleaned_data["day_of_month"], 31, 1, "每月几日")

    def clean_day_of_week(self) -> str:
        return _cron_field(self.cleaned_data["day_of_week"], 7, 0, "星期")


class RunForm(forms.Form):
    day = forms.DateField(
        label="业务日期",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="任务按这一天运行：补发过去的提醒时填过去的日期；已送达的不会重复送达。",
        error_messages={"invalid": "请输入有效日期，如 2026-03-25。", "required": "请选择业务日期。"},
    )

    def clean_day(self) -> date:
        day = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise forms.ValidationError("不能按将来的日期运行任务。")
        return day
