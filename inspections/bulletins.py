"""Weekly bulletins (周通报, Monday to Sunday) and monthly briefs (月简报): computed from the period's findings and
stored once, so a bulletin that went out stays exactly as it was even if a finding is edited afterwards.

A bulletin names units, never persons: it is circulated to every unit, and naming a person publicly is an exposure
(通报曝光), which goes through the cases app with a leader's approval. The persons stay on the finding itself.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from inspections.models import Bulletin, Finding

Kind = Bulletin.Kind
PENDING = "pending"
PENDING_LABEL = "待处理"
CONTENT_VERSION = 1


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date  # inclusive: the Sunday of the week, the last day of the month

    @property
    def title(self) -> str:
        if self.kind == Kind.WEEKLY:
            year, week, _ = self.start.isocalendar()
            span = f"{self.start.month}月{self.start.day}日—{self.end.month}月{self.end.day}日"
            return f"{year}年第{week}周明察暗访周通报（{span}）"
        return f"{self.start.year}年{self.start.month}月明察暗访月简报"


def period_containing(kind: str, day: date) -> Period:
    if kind == Kind.WEEKLY:
        start = day - timedelta(days=day.weekday())
        return Period(kind, start, start + timedelta(days=6))
    start = day.replace(day=1)
    next_month = (start + timedelta(days=32)).replace(day=1)
    return Period(kind, start, next_month - timedelta(days=1))


def period_before(kind: str, day: date) -> Period:
    """The last period that ended before ``day``'s period began: last week, or last month."""
    return period_containing(kind, period_containing(kind, day).start - timedelta(days=1))


def period_starting(kind: str, period_start: date) -> Period:
    """The period beginning on ``period_start``; a day that begins no period is refused."""
    if kind not in Kind.values:
        raise ValidationError({"kind": "请选择周通报或月简报。"})
    period = period_containing(kind, period_start)
    if period.start != period_start:
        message = "周通报须从星期一开始。" if kind == Kind.WEEKLY else "月简报须从每月1日开始。"
        raise ValidationError({"period_start": message})
    return period


def _finding_row(finding: Finding) -> dict:
    return {
        "id": finding.pk,
        "unit": finding.unit.name,
        "category": finding.get_category_display(),
        "occurred_at": f"{timezone.localtime(finding.occurred_at):%Y-%m-%d %H:%M}",
        "place": finding.place,
        "description": finding.description,
        "disposition": finding.get_disposition_display() if finding.disposition else PENDING_LABEL,
    }


def _counted(counter: Counter, labels: dict) -> list[dict]:
    """Rows of (key, label, count), most first, ties in the order of ``labels``; zero counts left out."""
    rank = {key: index for index, key in enumerate(labels)}
    keys = sorted(counter, key=lambda key: (-counter[key], rank.get(key, len(rank))))
    return [{"key": key, "label": labels.get(key, key), "count": counter[key]} for key in keys]


def findings_snapshot(first: date, last: date) -> dict:
    """Figures and the findings from ``first`` to ``last`` (inclusive, county time), with labels as they read today
    (one query): a bulletin's content, and the post-holiday summary of a checkpoint's inspection window."""
    zone = timezone.get_default_timezone()
    since = datetime.combine(first, time.min, tzinfo=zone)
    until = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone)
    findings = list(
        Finding.objects.filter(occurred_at__gte=since, occurred_at__lt=until)
        .select_related("unit")
        .order_by("occurred_at", "id")
    )
    dispositions = {**dict(Finding.Disposition.choices), PENDING: PENDING_LABEL}
    units = {f.unit_id: f.unit.name for f in findings}
    return {
        "total": len(findings),
        "by_disposition": _counted(Counter(f.disposition or PENDING for f in findings), dispositions),
        "by_category": _counted(Counter(f.category for f in findings), dict(Finding.Category.choices)),
        "by_unit": _counted(Counter(f.unit_id for f in findings), dict(sorted(units.items(), key=lambda u: u[1]))),
        "findings": [_finding_row(f) for f in findings],
    }


def bulletin_content(kind: str, period_start: date) -> dict:
    """The snapshot stored on the bulletin."""
    period = period_starting(kind, period_start)
    return {
        "version": CONTENT_VERSION,
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        **findings_snapshot(period.start, period.end),
    }


def _refuse_open(period: Period, today: date) -> None:
    if period.end >= today:
        what = "本周或以后的周" if period.kind == Kind.WEEKLY else "本月或以后的月份"
        raise ValidationError({"period_start": f"{what}尚未结束，不能生成{period.title}；请在期满后生成。"})


def bulletin_generate(*, kind: str, period_start: date, user, today: date | None = None) -> tuple[Bulletin, bool]:
    """The period's bulletin and whether it was made now. A stored one is returned as it is, never recomputed:
    what went out stays what went out. Only periods that have ended by ``today`` may be generated."""
    period = period_starting(kind, period_start)
    stored = Bulletin.objects.filter(kind=kind, period_start=period.start).first()
    if stored is not None:
        return stored, False
    _refuse_open(period, today or timezone.localdate())
    bulletin = Bulletin(
        kind=kind,
        period_start=period.start,
        period_end=period.end,
        title=period.title,
        content=bulletin_content(kind, period.start),
        generated_by=user,
    )
    bulletin.full_clean(validate_constraints=False)  # the unique period is settled by the insert below
    try:
        with transaction.atomic():
            bulletin.save()
    except IntegrityError:  # someone (the scheduled job, another click) stored it meanwhile: theirs stands
        return Bulletin.objects.get(kind=kind, period_start=period.start), False
    return bulletin, True


def bulletin_generate_latest(kind: str, day: date) -> tuple[Bulletin, bool]:
    """For the scheduled job run as of ``day``: the bulletin of the last period ended before it (last week, last
    month)."""
    return bulletin_generate(kind=kind, period_start=period_before(kind, day).start, user=None, today=day)


def bulletin_summary(content: dict) -> str:
    """One sentence of the figures, the same on the page, in Excel and in Word."""
    if not content["total"]:
        return "本期未发现问题。"
    parts = "、".join(f"{row['label']}{row['count']}个" for row in content["by_disposition"])
    return f"本期共发现问题{content['total']}个，涉及{len(content['by_unit'])}个单位，其中{parts}。"
