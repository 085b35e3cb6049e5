"""PostgreSQL only: pg_trgm on the vocabulary of known name words, and a word-array index on names.

The conflict check finds the words one typo away from each searched word through the trigram
index on the small SearchToken vocabulary, then the names holding two of them through the array
index. (A trigram index over whole names was measured and dropped: common surnames share most
trigrams, and scanning it cost more than the rest of the check together.) fastupdate is off so
that reads never scan a pending list of recent inserts: checks are far more frequent than new names.

SQLite has no trigram index: there the check fetches candidates through SearchKey instead.
Creating the extension needs a role allowed to run CREATE EXTENSION (README, Production).
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS intake_searchtoken_trgm ON intake_searchtoken "
        "USING gin (token gin_trgm_ops) WITH (fastupdate = off)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS intake_searchname_words ON intake_searchname "
        "USING gin (string_to_array(normalised, ' ')) WITH (fastupdate = off)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS intake_searchtoken_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS intake_searchname_words")


class Migration(migrations.Migration):
    dependencies = [("intake", "0002_poverty_guidelines_2024_2025")]

    operations = [migrations.RunPython(create, drop)]
