"""The audit log in the admin: read-only for everybody, superusers included.

auditlog's own admin refuses adding and changing, and deleting only from its own pages: it lets a cascade from
another admin page through. Here no page may delete an entry; the PostgreSQL trigger refuses it below the
application in any case.
"""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin

from common.append_only import AppendOnlyAdminMixin

admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class AppendOnlyLogEntryAdmin(AppendOnlyAdminMixin, LogEntryAdmin):
    pass
