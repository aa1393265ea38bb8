"""The database refuses to change a frozen round's entries too (shortlist, officers' tie-break order, codes).

Same rule as 0002, on judging_roundentry: PostgreSQL reuses 0002's trigger function; SQLite gets INSERT and
UPDATE triggers (no DELETE guard, so its test flush keeps working).
"""

from django.db import migrations

TABLE = "judging_roundentry"
MESSAGE = "judging: the results of this round are frozen"


def create_triggers(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TRIGGER {TABLE}_frozen BEFORE INSERT OR UPDATE OR DELETE ON {TABLE} "
                "FOR EACH ROW EXECUTE FUNCTION judging_refuse_frozen_round()"
            )
        elif connection.vendor == "sqlite":
            for event in ("INSERT", "UPDATE"):
                cursor.execute(
                    f"CREATE TRIGGER {TABLE}_frozen_{event.lower()} BEFORE {event} ON {TABLE} "
                    "WHEN EXISTS (SELECT 1 FROM judging_round WHERE id = NEW.round_id AND locked_at IS NOT NULL) "
                    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
                )


def drop_triggers(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_frozen ON {TABLE}")
        elif connection.vendor == "sqlite":
            for event in ("insert", "update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_frozen_{event}")


class Migration(migrations.Migration):
    dependencies = [("judging", "0003_alter_round_options")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
