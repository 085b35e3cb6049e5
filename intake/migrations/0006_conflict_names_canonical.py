"""The conflict index now stores names in their canonical form (intake.normalise.conflict_name:
short forms expanded, transliterations unified, particles and the Arabic article joined).

Re-derives the stored names, blocking keys and vocabulary from each indexed name's display text,
so that names indexed before are found the same way as names indexed after.
"""

from django.db import migrations


def rederive(apps, schema_editor):
    from intake.services.clients import search_index_rederive

    search_index_rederive(
        name_model=apps.get_model("intake", "SearchName"),
        key_model=apps.get_model("intake", "SearchKey"),
        token_model=apps.get_model("intake", "SearchToken"),
    )


class Migration(migrations.Migration):
    dependencies = [("intake", "0005_outreach_events")]

    operations = [migrations.RunPython(rederive, migrations.RunPython.noop)]
