"""On PostgreSQL, a trigram (pg_trgm) GIN index on normalised names for the conflict check.

SQLite has no trigram index: there the check fetches candidates through SearchKey instead.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS intake_searchname_trgm ON intake_searchname "
        "USING gin (normalised gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS intake_searchname_trgm")


class Migration(migrations.Migration):
    dependencies = [("intake", "0003_poverty_guidelines_2024_2025")]

    operations = [migrations.RunPython(create, drop)]
