"""Checks a form makes before it calls the API: the shape of identifiers a clerk types.

身份证号 (GB 11643 check digit, date of birth, region) and 统一社会信用代码 (GB 32100 check
digit) with python-stdnum; mainland phone numbers with phonenumbers. A typo is caught at the
window, beside the field, before anything is recorded."""

from __future__ import annotations

from typing import Any

import phonenumbers
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from onewindow.bff.pages import FieldError


def applicant_errors(applicant: dict[str, Any]) -> dict[str, list[FieldError]]:
    errors: dict[str, list[FieldError]] = {}
    if not applicant.get("name"):
        errors["name"] = [FieldError("name", "REQUIRED", "请填写申请人名称")]
    number = applicant.get("idNumber", "")
    if applicant.get("kind") == "enterprise":
        if not _valid(uscc, number):
            errors["idNumber"] = [
                FieldError("idNumber", "INVALID_USCC", "统一社会信用代码不正确（18位，请核对校验位）")
            ]
    elif not _valid(ric, number):
        errors["idNumber"] = [
            FieldError("idNumber", "INVALID_ID_NUMBER", "身份证号不正确（18位，请核对出生日期和校验位）")
        ]
    phone = applicant.get("phone", "")
    if phone and not _valid_phone(phone):
        errors["phone"] = [FieldError("phone", "INVALID_PHONE", "联系电话不正确（手机11位，或带区号的座机）")]
    return errors


def _valid(module: Any, number: str) -> bool:
    try:
        module.validate(number)
    except ValidationError:
        return False
    return True


def _valid_phone(phone: str) -> bool:
    try:
        parsed = phonenumbers.parse(phone, "CN")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed)
