"""Reports, identity custody, clues and transfers, cases: one module each, gathered here for Django."""

from auditlog.registry import auditlog

from cases.models.clues import Clue, Transfer
from cases.models.identity import IdentityRequest, IdentityView
from cases.models.investigations import (
    AdministrativeSanction,
    Case,
    CaseDocument,
    CasePerson,
    Exposure,
    FourForms,
    PartySanction,
)  # fmt: skip
from cases.models.numbering import Counter
from cases.models.reports import Category, Channel, Report, ReportAttachment, ReportMessage, Reward

# The reporter's identity and the query secrets never go into the audit log, encrypted or not.
REPORT_SECRET_FIELDS = [
    "reporter_name", "reporter_id_number", "reporter_phone", "reporter_key",
    "query_code_hash", "query_password_hash", "submission_key",
]  # fmt: skip
auditlog.register(Report, exclude_fields=REPORT_SECRET_FIELDS)
for _model in (
    ReportAttachment, ReportMessage, Reward, IdentityRequest, IdentityView, Clue, Transfer,
    Case, CasePerson, CaseDocument, Exposure,
):  # fmt: skip
    auditlog.register(_model)

__all__ = [
    "AdministrativeSanction", "Case", "CaseDocument", "CasePerson", "Category", "Channel", "Clue", "Counter",
    "Exposure", "FourForms", "IdentityRequest", "IdentityView", "PartySanction", "Report", "ReportAttachment",
    "ReportMessage", "Reward", "Transfer",
]  # fmt: skip
