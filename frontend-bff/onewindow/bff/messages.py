"""Chinese messages for what a page can show: API error codes and GraphQL validation errors.

The API's own messages are already Chinese for business errors; these cover the codes that
arrive without one a person can act on (top-level errors, validation, transport)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "UNAUTHENTICATED": "请先登录",
    "NOT_A_MEMBER": "您不是本县的工作人员，无权访问",
    "PERMISSION_DENIED": "您的角色没有执行此操作的权限",
    "COUNTY_NOT_FOUND": "没有这个县",
    "COUNTY_SUSPENDED": "本县已暂停服务",
    "COUNTY_PROVISIONING": "本县正在开通，请稍后再试",
    "CONCURRENT_EDIT": "此记录已被他人修改，请刷新后重试",
    "NOT_FOUND": "要找的记录不存在",
    "GRAPHQL_VALIDATION_FAILED": "页面请求与接口不一致，请联系管理员（接口校验失败）",
    "QUERY_TOO_DEEP": "请求过于复杂（嵌套过深）",
    "QUERY_TOO_COSTLY": "请求的数据量过大，请缩小范围",
    "BAD_REQUEST": "请求格式不正确",
    "BAD_USER_INPUT": "输入的内容格式不正确",
    "INTERNAL_ERROR": "服务器出错了，请稍后再试；问题已记录",
    "UNAVAILABLE": "服务暂时不可用，请稍后再试",
    "RATE_LIMITED": "尝试次数过多，请稍后再试",
}

# graphql-core's English validation messages, for values a form sent in the wrong shape.
_VALIDATION_HINTS = (
    ("got invalid value", "输入的值格式不正确"),
    ("of required type", "缺少必填项"),
    ("was not provided", "缺少必填项"),
    ("Expected value of type", "输入的值格式不正确"),
)


def message_for(code: str | None, fallback: str = "") -> str:
    """A person-readable Chinese message for ``code`` (the API's own message when it has one)."""
    if fallback and _is_chinese(fallback):
        return fallback
    if code == "GRAPHQL_VALIDATION_FAILED" or code is None:
        for hint, text in _VALIDATION_HINTS:
            if hint in fallback:
                return text
    return MESSAGES.get(code or "", fallback or "操作失败")


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
