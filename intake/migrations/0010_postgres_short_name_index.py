"""PostgreSQL only: a word-array index over the names of at most two words.

The conflict check asks a name of three words or more for names of two words holding two of its
words, and for longer names holding three (intake.matching._postgres_conditions). Without this index
a pair of common words ("Construction Inc.", "Cleaning Services") matched ten thousand adverse
parties at 200,000 clients, each read from the table and scored, to keep the few of two words.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS intake_searchname_short_words ON intake_searchname "
        "USING gin (string_to_array(normalised, ' ')) WITH (fastupdate = off) "
        "WHERE cardinality(string_to_array(normalised, ' ')) <= 2"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS intake_searchname_short_words")


class Migration(migrations.Migration):
    dependencies = [("intake", "0009_intake_demographics")]

    operations = [migrations.RunPython(create, drop)]
