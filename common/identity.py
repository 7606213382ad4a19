"""Mainland resident ID numbers (GB 11643-1999) and phone numbers, as the public report form takes them."""

import random
import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone

# ISO 7064 MOD 11-2: the weights of the first 17 digits, and the check character for each remainder.
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
EARLIEST_BIRTH = date(1900, 1, 1)
RESIDENT_ID_SHAPE = re.compile(r"\d{17}[\dX]")


def normalize_resident_id(value: str) -> str:
    """Strip surrounding spaces and upper-case a final x, so one person's number is stored one way."""
    return value.strip().upper()


def resident_id_check_char(first17: str) -> str:
    """The 18th character for the first 17 digits."""
    return CHECK_CHARS[sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True)) % 11]


def resident_id_birth_date(number: str) -> date | None:
    """The birth date written in positions 7–14, or None when those digits are no calendar date."""
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def validate_resident_id(value: str) -> None:
    """Django validator: shape, check character, then a birth date between 1900 and today."""
    number = normalize_resident_id(value)
    if not RESIDENT_ID_SHAPE.fullmatch(number):
        raise ValidationError("身份证号码应为18位：前17位为数字，最后一位为数字或X。", code="resident_id_shape")
    if resident_id_check_char(number[:17]) != number[17]:
        raise ValidationError("身份证号码校验位不正确，请核对。", code="resident_id_checksum")
    birth = resident_id_birth_date(number)
    if birth is None or not EARLIEST_BIRTH <= birth <= timezone.localdate():
        raise ValidationError("身份证号码中的出生日期无效。", code="resident_id_birth_date")


# A mobile number, or a landline with its area code (0839-1234567, 08391234567).
validate_phone = RegexValidator(
    r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$",
    "请填写正确的手机号码（11位）或带区号的固定电话（如 0839-1234567）。",
    code="phone",
)


def fake_resident_id(rng: random.Random, *, birth: date | None = None, region: str = "510823") -> str:
    """An invented number that passes the checksum, for demo data and tests only.

    ``region`` defaults to 剑阁县; the birth date, when not given, is drawn between 1960 and 1999, and the
    sequence digits are random. Any such number could in principle belong to someone, so it must never
    leave demo data.
    """
    if birth is None:
        birth = date(1960, 1, 1) + timedelta(days=rng.randrange(40 * 365))
    first17 = f"{region}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + resident_id_check_char(first17)
