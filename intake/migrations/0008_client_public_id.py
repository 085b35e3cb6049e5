import uuid

from django.db import migrations, models


def give_each_client_an_opaque_id(apps, schema_editor):
    Client = apps.get_model("intake", "Client")
    for client in Client.objects.filter(public_id__isnull=True).only("pk"):
        client.public_id = uuid.uuid4()
        client.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0007_returning_clients_and_plausible_dates"),
    ]

    operations = [
        migrations.AddField(
            model_name="client",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="historicalclient",
            name="public_id",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
        migrations.RunPython(give_each_client_an_opaque_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="client",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
