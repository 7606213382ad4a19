"""PostgreSQL triggers that refuse UPDATE and DELETE on the audit log and the identity-view record.

The application already refuses both (common/append_only.py); the trigger also stops raw SQL, ``_base_manager``
and any other path to the database. A row-level BEFORE trigger raises, so the whole statement fails and nothing
changes. TRUNCATE is left alone: the test database's flush
and ``pg_restore --clean`` (which drops and recreates the tables, triggers included) need it. SQLite, the
development database, gets no trigger.
"""

from django.db import migrations

TABLES = ["auditlog_logentry", "cases_identityview"]

FUNCTION = """
CREATE OR REPLACE FUNCTION jiancha_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '审计记录只能新增，不能修改或删除（表 %，操作 %）', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""


def create_triggers(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)  # None: the % in RAISE are not query parameters
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION jiancha_refuse_change()"
        )


def drop_triggers(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS jiancha_refuse_change()")


class Migration(migrations.Migration):
    dependencies = [
        ("jiancha", "0001_heartbeat_schedule"),
        ("auditlog", "0017_add_actor_email"),
        ("cases", "0003_report_list_indexes"),
    ]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
