"""Numbers of cases by status, kept current by triggers on the cases table (see CaseStatusCount)."""

from django.db import migrations, models

# An insert adds to its status (creating the row for a status first seen); a delete takes away; a
# change of status moves one from the old to the new. Decrements never create a row, so a table
# emptied in any order (tests flush tables one by one) stays consistent with the cases left.
SQLITE = [
    """CREATE TRIGGER cases_case_status_count_insert AFTER INSERT ON cases_case BEGIN
        INSERT INTO cases_casestatuscount (status, total) VALUES (NEW.status, 1)
            ON CONFLICT (status) DO UPDATE SET total = total + 1;
    END""",
    """CREATE TRIGGER cases_case_status_count_delete AFTER DELETE ON cases_case BEGIN
        UPDATE cases_casestatuscount SET total = total - 1 WHERE status = OLD.status;
    END""",
    """CREATE TRIGGER cases_case_status_count_update AFTER UPDATE OF status ON cases_case
        WHEN OLD.status IS NOT NEW.status BEGIN
        UPDATE cases_casestatuscount SET total = total - 1 WHERE status = OLD.status;
        INSERT INTO cases_casestatuscount (status, total) VALUES (NEW.status, 1)
            ON CONFLICT (status) DO UPDATE SET total = total + 1;
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS cases_case_status_count_insert",
    "DROP TRIGGER IF EXISTS cases_case_status_count_delete",
    "DROP TRIGGER IF EXISTS cases_case_status_count_update",
]
POSTGRESQL = [
    """CREATE FUNCTION cases_case_status_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            UPDATE cases_casestatuscount SET total = total - 1 WHERE status = OLD.status;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            INSERT INTO cases_casestatuscount (status, total) VALUES (NEW.status, 1)
                ON CONFLICT (status) DO UPDATE SET total = cases_casestatuscount.total + 1;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER cases_case_status_count_insert_delete AFTER INSERT OR DELETE ON cases_case
        FOR EACH ROW EXECUTE FUNCTION cases_case_status_count()""",
    """CREATE TRIGGER cases_case_status_count_update AFTER UPDATE OF status ON cases_case
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
        EXECUTE FUNCTION cases_case_status_count()""",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS cases_case_status_count_update ON cases_case",
    "DROP TRIGGER IF EXISTS cases_case_status_count_insert_delete ON cases_case",
    "DROP FUNCTION IF EXISTS cases_case_status_count()",
]
COUNT_EXISTING = """INSERT INTO cases_casestatuscount (status, total)
    SELECT status, COUNT(*) FROM cases_case GROUP BY status"""


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(f"No case-count triggers for {schema_editor.connection.vendor}.")
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_grant_amount_coverage_and_metrics"),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseStatusCount",
            fields=[
                ("status", models.CharField(max_length=20, primary_key=True, serialize=False)),
                ("total", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "number of cases by status",
                "verbose_name_plural": "numbers of cases by status",
            },
        ),
        migrations.RunPython(
            _run({"sqlite": [*SQLITE, COUNT_EXISTING], "postgresql": [*POSTGRESQL, COUNT_EXISTING]}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        ),
    ]
