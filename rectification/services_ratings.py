"""The public satisfaction rating (群众测评) and the talks (约谈) with heads of low-ranked units.

A rating period is a calendar quarter, stored as its first day. The public gives one to five stars; a star is
worth 20 points, so the scores 20–100 sit on the same 0–100 scale as the reviewers' evaluations. One rating per
phone number, unit and period: the database's unique constraint decides, so two submissions racing each other
still leave one row, and the loser gets the same message as a later second try. The phone number itself is
never stored: only its keyed hash (``common.crypto.keyed_hash``), which the audit log leaves out too.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from common.crypto import keyed_hash, normalise_identifier
from common.identity import validate_phone
from orgs.models import Unit
from rectification.models import Rating, Talk

RATED_KINDS = (Unit.Kind.TOWNSHIP, Unit.Kind.DEPARTMENT)
POINTS_PER_STAR = 20
STARS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
ALREADY_RATED = "您已对该单位本季度的整改情况作过评价，每个手机号每季度对同一单位只能评价一次。"
NOT_RATED_UNIT = "请选择要评价的乡镇或县级部门。"
BAD_STARS = "请选择 1 至 5 星的满意度。"
UNIQUE_CONSTRAINT = "rating_one_per_phone"


def period_of(day: date) -> date:
    """The rating period (calendar quarter) ``day`` falls in, as its first day."""
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def period_end(period: date) -> date:
    next_start = date(period.year + 1, 1, 1) if period.month == 10 else date(period.year, period.month + 3, 1)
    return date.fromordinal(next_start.toordinal() - 1)


def period_label(period: date) -> str:
    return f"{period.year}年第{(period.month - 1) // 3 + 1}季度"


def recent_periods(today: date, count: int = 8) -> list[date]:
    """The current period and the ``count - 1`` before it, newest first."""
    periods = [period_of(today)]
    while len(periods) < count:
        periods.append(period_of(date.fromordinal(periods[-1].toordinal() - 1)))
    return periods


def rated_units() -> QuerySet[Unit]:
    """The units the public rates: the active townships and county departments."""
    return Unit.objects.filter(kind__in=RATED_KINDS, is_active=True).order_by("kind", "sort_order", "id")


def _check_unit(unit: Unit) -> None:
    if unit.kind not in RATED_KINDS or not unit.is_active:
        raise ValidationError({"unit": NOT_RATED_UNIT})


def rating_submit(*, unit: Unit, stars: int, phone: str, comment: str = "", today: date | None = None) -> Rating:
    """Record one member of the public's rating of ``unit`` for the current period.

    ValidationError (by field) for a unit that is not rated, stars outside 1–5, a malformed phone number, or a
    second rating from the same phone for the same unit and period — also when the two arrive at once.
    """
    _check_unit(unit)
    if not isinstance(stars, int) or stars not in STARS:
        raise ValidationError({"stars": BAD_STARS})
    phone = normalise_identifier(phone)
    try:
        validate_phone(phone)
    except ValidationError as error:
        raise ValidationError({"phone": error.messages}) from None
    period = period_of(today or timezone.localdate())
    rating = Rating(
        unit=unit, period=period, phone_key=keyed_hash(phone), score=stars * POINTS_PER_STAR, comment=comment.strip()
    )
    rating.full_clean(validate_constraints=False)  # the constraint is checked by the insert itself, race-free
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError as error:
        if UNIQUE_CONSTRAINT not in str(error):
            raise
        raise ValidationError({"phone": ALREADY_RATED}) from None
    return rating


@transaction.atomic
def talk_create(
    *, unit: Unit, period: date, held_on: date, with_person: str, held_by: str, notes: str, user
) -> Talk:  # fmt: skip
    """Record a talk (约谈) held with the head of ``unit`` about its rating in ``period``."""
    errors: dict[str, str] = {}
    if unit.kind not in RATED_KINDS:
        errors["unit"] = NOT_RATED_UNIT
    if period != period_of(period):
        errors["period"] = "测评期应为某季度的第一天。"
    if held_on > timezone.localdate():
        errors["held_on"] = "约谈日期不能晚于今天。"
    if errors:
        raise ValidationError(errors)
    talk = Talk(
        unit=unit, period=period, held_on=held_on, with_person=with_person.strip(), held_by=held_by.strip(),
        notes=notes.strip(), recorded_by=user,
    )  # fmt: skip
    talk.full_clean()
    talk.save()
    return talk
