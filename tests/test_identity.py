"""Resident ID numbers and phone numbers. Every number here is invented: region 999999 exists nowhere."""

import random
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from common.identity import fake_resident_id, normalize_resident_id, validate_phone, validate_resident_id


def with_check_char(first17: str) -> str:
    """The check character computed here again from ISO 7064 MOD 11-2, independently of the module."""
    weights = [2 ** (17 - i) % 11 for i in range(17)]  # 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
    remainder = sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11
    return first17 + "10X98765432"[remainder]


def message_of(value: str) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_resident_id(value)
    return caught.value.messages[0]


def test_hand_checked_number_is_valid():
    # 9*7 + 9*9 + 9*10 + 9*5 + 9*8 + 9*4 + 1*2 + 9*1 + 8*6 + 0*3 + 0*7 + 1*9 + 0*10 + 1*5 + 0*8 + 0*4 + 2*2
    # = 464 = 42*11 + 2, and remainder 2 is the character X.
    assert with_check_char("99999919800101002") == "99999919800101002X"
    validate_resident_id("99999919800101002X")


def test_generated_numbers_pass_and_agree_with_the_algorithm():
    rng = random.Random(6)
    for _ in range(200):
        number = fake_resident_id(rng, region="999999")
        assert number == with_check_char(number[:17])
        validate_resident_id(number)


def test_generator_keeps_region_and_birth():
    number = fake_resident_id(random.Random(1), birth=date(1985, 7, 9))
    assert number.startswith("51082319850709")
    validate_resident_id(number)


def test_lowercase_x_is_accepted_and_normalised():
    validate_resident_id("99999919800101002x")
    assert normalize_resident_id(" 99999919800101002x ") == "99999919800101002X"


def test_wrong_check_character():
    assert message_of("999999198001010021") == "身份证号码校验位不正确，请核对。"


@pytest.mark.parametrize("value", ["9999991980010100", "99999919800101002", "9999991980010100AX", "99999919800101002Y"])
def test_wrong_length_or_letters(value):
    assert message_of(value).startswith("身份证号码应为18位")


@pytest.mark.parametrize("birth", ["19990230", "19991301", "18991231"])
def test_impossible_birth_date(birth):
    assert message_of(with_check_char(f"999999{birth}001")) == "身份证号码中的出生日期无效。"


def test_birth_date_in_the_future():
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert message_of(with_check_char(f"999999{tomorrow:%Y%m%d}001")) == "身份证号码中的出生日期无效。"


@pytest.mark.parametrize("phone", ["13812345678", "19912345678", "0839-1234567", "08391234567", "010-12345678"])
def test_good_phones(phone):
    validate_phone(phone)


@pytest.mark.parametrize("phone", ["12812345678", "1381234567", "138123456789", "839-1234567", "0839-12345", "abc"])
def test_bad_phones(phone):
    with pytest.raises(ValidationError) as caught:
        validate_phone(phone)
    assert "手机号码" in caught.value.messages[0]
