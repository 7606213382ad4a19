"""The error answers of every API operation, written into the OpenAPI schema (a drf-spectacular postprocessing hook).

drf-spectacular documents each operation's success only. Clients meet the errors too, all as JSON (field errors or
``detail``), and schemathesis checks every status it receives against the schema (tests/security), so each
operation lists those it can give, read from its shape: a body can be refused (400), too large (413) or of a type
not read (415); query parameters can be refused (400) and a page number be past the end (404); an id can name
nothing the user may see (404); a signed-in operation wants a token or session (401) and a permission (403); an
action on an object can be refused by its service (400, or 409 for a state move not allowed); the public endpoints
and the token endpoint count attempts (429)."""

import re

ACTION_ON_AN_OBJECT = re.compile(r"\{id\}/[\w-]+/$")
PUBLIC_REFUSALS = {"/api/v1/public/reports/query/", "/api/v1/public/reports/answer/"}  # wrong credentials, locked
COUNTED = "/api/v1/auth/token/"  # the sign-in lock-out answers 429, like the public limits
DESCRIPTIONS = {
    "400": "输入有误：各字段的错误信息（字段名 → 错误列表），或 non_field_errors、detail",
    "401": "未登录，或令牌无效",
    "403": "无权进行此操作",
    "404": "对象不存在或不在当前用户的范围内（二者答复相同）；或页码超出范围",
    "409": "对象当前的状态不允许此操作",
    "413": "请求体过大",
    "415": "不支持的请求体类型",
    "429": "尝试过于频繁，请按 Retry-After 等待后再试",
}
ERROR_SCHEMA = {
    "type": "object",
    "description": "detail（一句说明）或各字段的错误列表",
    "additionalProperties": {},
}


def error_responses(result: dict, generator, request, public: bool) -> dict:
    for path, operations in result["paths"].items():
        for method, operation in operations.items():
            for code in sorted(_codes(path, method, operation)):
                content = {"application/json": {"schema": ERROR_SCHEMA}}
                operation["responses"].setdefault(code, {"description": DESCRIPTIONS[code], "content": content})
    return result


def _codes(path: str, method: str, operation: dict) -> set[str]:
    codes = set()
    if "requestBody" in operation:
        codes |= {"400", "413", "415"}
    if any(parameter["in"] == "query" for parameter in operation.get("parameters", [])):
        codes |= {"400", "404"} if _paginated(operation) else {"400"}
    if "{id}" in path:
        codes.add("404")
    if {} in operation.get("security", [{}]):  # the public endpoints: no sign-in asked
        codes.add("429")
        if path in PUBLIC_REFUSALS:
            codes.add("403")
    else:
        codes |= {"401", "403"}
    if method == "post" and ACTION_ON_AN_OBJECT.search(path):
        codes |= {"400", "409"}  # a service's refusal, with or without a body to blame
    if path == COUNTED:
        codes.add("429")
    return codes


def _paginated(operation: dict) -> bool:
    return any(parameter["name"] == "page" for parameter in operation.get("parameters", []))
