"""The navigation bar: each entry names the roles that may use it, so nobody is shown a dead end."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from orgs.access import COMMISSION_ROLES, Actor, actor_of
from orgs.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str] | None = None  # None: everybody signed in

    def allowed(self, actor: Actor) -> bool:
        return self.roles is None or actor.holds(*self.roles)


NAV_ITEMS = (
    NavItem("工作台", "workbench"),
    NavItem("驾驶舱", "dashboard:index", COMMISSION_ROLES | {Role.COUNTY_LEADER}),
    NavItem("组织机构", "orgs:unit-list", COMMISSION_ROLES | {Role.COUNTY_LEADER}),
    NavItem("本单位", "orgs:my-unit", frozenset({Role.UNIT_OFFICER})),
    NavItem("责任清单台账", "responsibility:ledger", COMMISSION_ROLES | {Role.COUNTY_LEADER}),
    NavItem("我的责任任务", "responsibility:leader-tasks", frozenset({Role.COUNTY_LEADER})),
    NavItem("我的任务", "responsibility:my-tasks", frozenset({Role.UNIT_OFFICER})),
    NavItem("督办单", "responsibility:notice-list", COMMISSION_ROLES | {Role.UNIT_OFFICER}),
    # Leaders sign letters and officers' units sign them, so both see who has signed.
    NavItem("目标责任书", "responsibility:letter-list", COMMISSION_ROLES | {Role.COUNTY_LEADER, Role.UNIT_OFFICER}),
    NavItem("责任追究", "responsibility:accountability-list", COMMISSION_ROLES | {Role.COUNTY_LEADER}),
    NavItem("排名考核", "responsibility:rankings", COMMISSION_ROLES | {Role.COUNTY_LEADER}),
    NavItem("信访举报", "cases:report-list", COMMISSION_ROLES),
    NavItem("到期提醒", "cases:due-list", COMMISSION_ROLES),
    NavItem("问题线索", "cases:clue-list", COMMISSION_ROLES),
    # Only officers of township commissions and discipline groups receive transfers; the page tells the others so.
    NavItem("转办件", "cases:transfer-list", COMMISSION_ROLES | {Role.UNIT_OFFICER}),
    NavItem("审查调查", "cases:case-list", COMMISSION_ROLES),
    NavItem("统计分析", "cases:statistics", COMMISSION_ROLES),
    NavItem("明察暗访", "inspections:plan-list", COMMISSION_ROLES | {Role.INSPECTOR}),
    NavItem("发现问题", "inspections:finding-list", COMMISSION_ROLES | {Role.INSPECTOR}),
    NavItem("节点检查", "inspections:checkpoints", COMMISSION_ROLES | {Role.INSPECTOR}),
    NavItem("明察暗访统计", "inspections:statistics", COMMISSION_ROLES),
    # Units see what they must fix (rectification notices among them), never the plan that found it.
    NavItem("整改问题", "rectification:problem-list", COMMISSION_ROLES | {Role.UNIT_OFFICER}),
    # Invited supervisors hold REVIEWER too (seed_demo); the page also admits an invited INSPECTOR without it.
    NavItem("整改评议", "rectification:evaluation-list", frozenset({Role.REVIEWER})),
    NavItem("分级预警", "rectification:warning-list", COMMISSION_ROLES | {Role.UNIT_OFFICER}),
    NavItem("对账销账", "rectification:reconciliation", COMMISSION_ROLES),
    NavItem("群众测评", "rectification:rating-ranking", COMMISSION_ROLES),
    NavItem("通报简报", "inspections:bulletin-list", COMMISSION_ROLES),
    NavItem("文档", "documents:list"),  # the list shows each reader only the documents meant for them
    NavItem("身份查看审批", "cases:identity-request-list", frozenset({Role.COMMISSION_LEADER})),
    NavItem("身份查看记录", "cases:identity-view-list", frozenset({Role.COMMISSION_ADMIN})),
    NavItem("审计日志", "audit-log", frozenset({Role.COMMISSION_ADMIN})),
    NavItem("定时任务", "jobs:list", frozenset({Role.COMMISSION_ADMIN})),
    NavItem("接口文档", "api-docs", COMMISSION_ROLES),
    NavItem("系统管理", "admin:index", frozenset({Role.COMMISSION_ADMIN})),
)


def nav_items_for(user) -> list[dict]:
    actor = actor_of(user)
    return [{"label": i.label, "url": reverse(i.url_name)} for i in NAV_ITEMS if i.allowed(actor)]


def navigation(request: HttpRequest) -> dict:
    if not request.user.is_authenticated:
        return {}
    return {"nav_items": nav_items_for(request.user), "actor": actor_of(request.user)}
