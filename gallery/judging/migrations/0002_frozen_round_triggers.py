"""The database itself refuses to change scores, notes or declarations of a round whose results are frozen."""

from django.db import migrations

GUARDED_TABLES = ["judging_score", "judging_judgenote", "judging_declaration"]
MESSAGE = "judging: the results of this round are frozen"

POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION judging_refuse_frozen_round() RETURNS trigger AS $$
DECLARE
    target_round bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN target_round := OLD.round_id; ELSE target_round := NEW.round_id; END IF;
    IF EXISTS (SELECT 1 FROM judging_round WHERE id = target_round AND locked_at IS NOT NULL) THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_FUNCTION)
            for table in GUARDED_TABLES:
                cursor.execute(
                    f"CREATE TRIGGER {table}_frozen BEFORE INSERT OR UPDATE OR DELETE ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION judging_refuse_frozen_round()"
                )
        elif connection.vendor == "sqlite":
            # No DELETE guard on SQLite: its test flush empties tables with DELETE, which must keep working.
            for table in GUARDED_TABLES:
                for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW")):
                    cursor.execute(
                        f"CREATE TRIGGER {table}_frozen_{event.lower()} BEFORE {event} ON {table} "
                        f"WHEN EXISTS (SELECT 1 FROM judging_round WHERE id = {row}.round_id AND locked_at IS NOT NULL) "
                        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
                    )


def drop_triggers(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for table in GUARDED_TABLES:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_frozen ON {table}")
            elif connection.vendor == "sqlite":
                for event in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_frozen_{event}")
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS judging_refuse_frozen_round()")


class Migration(migrations.Migration):
    dependencies = [("judging", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
