"""The default schedules of DOMAIN.md §5, stored for beat (django-celery-beat) and editable by commission admins.

Written out here rather than read from the registry: a migration must create the same rows whenever it runs.
Jobs whose day a crontab cannot name run daily and decide for themselves (see ``jobs.registry``)."""

from django.db import migrations

ZONE = "Asia/Shanghai"
# (task, name, (minute, hour, day_of_month, month_of_year, day_of_week), kwargs, description)
DEFAULTS = [
    ("monthly_progress_reminder", "月度进度报送提醒", ("0", "9", "25", "*", "*"), "{}",
     "每月25日提醒本月尚未报送进度的任务的单位联络员。"),
    ("monthly_ranking", "月度评比", ("0", "8", "1", "*", "*"), "{}", "每月1日计算上月单位排名并生成文档。"),
    ("monthly_statistics", "月度统计报表", ("30", "8", "1", "*", "*"), "{}",
     "每月1日（须于5日前报上级纪委）生成上月违反中央八项规定精神和“四风”问题统计表。"),
    ("quarterly_bulletin", "季度通报", ("0", "8", "*", "*", "*"), "{}", "每天检查：每季度第一个工作日发布上季度通报。"),
    ("holiday_notice", "节前廉洁提醒", ("0", "8", "*", "*", "*"), '{"working_days_before": 3}',
     "每天检查：节日前第3个工作日向全体单位发出廉洁过节提醒，提示督查组长制定检查方案。"),
    ("post_holiday_summary", "节后检查情况汇总", ("0", "8", "*", "*", "*"), '{"working_days_after": 2}',
     "每天检查：假期结束后第2个工作日向领导报送节日期间发现问题汇总。"),
    ("daily_deadlines", "到期提醒", ("30", "7", "*", "*", "*"), '{"within_working_days": 3}',
     "每天提醒3个工作日内到期或已逾期的事项，逾期整改按分级预警升级。"),
    ("weekly_inspection_bulletin", "明察暗访周通报", ("0", "8", "*", "*", "1"), "{}",
     "每周一生成上周明察暗访发现问题通报。"),
    ("exports.purge", "清理过期导出文件", ("0", "3", "*", "*", "*"), "{}", "删除7天前生成的导出文件。"),
    ("jiancha.captcha_clean", "清理过期验证码", ("30", "3", "*", "*", "*"), "{}", "删除已过期的验证码记录。"),
]  # fmt: skip


def create_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for task, name, (minute, hour, day_of_month, month_of_year, day_of_week), kwargs, description in DEFAULTS:
        if PeriodicTask.objects.filter(task=task).exists():
            continue
        schedule, _ = CrontabSchedule.objects.get_or_create(
            minute=minute, hour=hour, day_of_month=day_of_month, month_of_year=month_of_year,
            day_of_week=day_of_week, timezone=ZONE,
        )  # fmt: skip
        PeriodicTask.objects.create(name=name, task=task, crontab=schedule, kwargs=kwargs, description=description)


def remove_schedules(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task__in=[task for task, *_ in DEFAULTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial"), ("django_celery_beat", "0019_alter_periodictasks_options")]
    operations = [migrations.RunPython(create_schedules, remove_schedules)]
