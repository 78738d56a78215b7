"""Identifiers people type, checked where they are stored (services), not only in a form.

身份证号 (GB 11643: 18 characters, a real date of birth, a known region, the check digit) and
统一社会信用代码 (GB 32100 check digit) with python-stdnum; mainland phone numbers (mobile, or a
landline with its area code) with phonenumbers. Each check returns the normalised value or
raises a ``BusinessError`` naming the field: ``INVALID_ID_NUMBER``, ``INVALID_USCC``,
``INVALID_PHONE``. The web tier's form (``onewindow.bff.forms``) runs the same checks with the
same libraries and codes before it calls the API, so a clerk sees the error beside the field;
this module is what holds for every caller of the API.
"""

from __future__ import annotations

import datetime

import phonenumbers
from stdnum import numdb
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from onewindow.platform.core.errors import BusinessError

PERSON = "person"
ENTERPRISE = "enterprise"


def id_number(kind: str, value: str, *, field: str) -> str:
    """A person's 身份证号 or an enterprise's 统一社会信用代码, normalised (upper case, no spaces)."""
    compact = value.strip().replace(" ", "").upper()
    if kind == ENTERPRISE:
        try:
            return str(uscc.validate(compact))
        except ValidationError:
            raise BusinessError(
                "INVALID_USCC", "统一社会信用代码不正确（18位，请核对校验位）", field=field
            ) from None
    if not _valid_ric(compact):
        raise BusinessError(
            "INVALID_ID_NUMBER", "身份证号不正确（18位，请核对出生日期、地区码和校验位）", field=field
        )
    return compact


def _valid_ric(number: str) -> bool:
    """GB 11643: 17 digits and the check digit, a date of birth that happened, and an address
    code that is or was a county's. Unlike ``stdnum.cn.ric.validate`` the code need not have
    existed in the birth year: a number is given where one first registers (乌审旗 has been
    150626 since 2001, and people born before then were registered under it)."""
    if len(number) != 18 or not number[:17].isascii() or not number[:17].isdigit():
        return False
    if number[-1] != ric.calc_check_digit(number):
        return False
    try:
        born = ric.get_birth_date(number)
    except ValidationError:
        return False
    if not datetime.date(1900, 1, 1) <= born <= datetime.date.today():
        return False
    found = {k: v for _part, props in numdb.get("cn/loc").info(number[:6]) for k, v in props.items()}
    return bool(found.get("county"))


def phone(value: str, *, field: str) -> str:
    """A mainland phone number as dialled in China (13930790605, 0477-7512345 → 04777512345);
    empty stays empty."""
    value = value.strip()
    if not value:
        return ""
    try:
        parsed = phonenumbers.parse(value, "CN")
    except phonenumbers.NumberParseException:
        parsed = None
    if (
        parsed is None
        or len(value) > 20
        or parsed.country_code != 86
        or not phonenumbers.is_valid_number(parsed)
    ):
        raise BusinessError("INVALID_PHONE", "联系电话不正确（手机11位，或带区号的座机）", field=field)
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)).replace(" ", "")


def mask(value: str) -> str:
    """Personal data as staff without the right to see it read it: the first 3 and last 4
    characters of a long value (身份证号 150***********1234, phone 139****0605), only the last 2
    of a shorter one (a 7-character phone 13****05 … ****05); never the whole value."""
    if len(value) > 10:
        return value[:3] + "*" * (len(value) - 7) + value[-4:]
    if len(value) > 2:
        return "*" * (len(value) - 2) + value[-2:]
    return "*" * len(value)
