"""The access log's chain becomes an HMAC under CLINIC_AUDIT_KEY instead of a plain SHA-256.

Rows written before this (demo data only: nothing has been released) are re-chained under the key
in their original order, and the signed head is written.
"""

from django.db import migrations, models


def rechain(apps, schema_editor):
    from clinic import crypto
    from clinic.access_log import GENESIS, Head, head_write
    from clinic.models import AccessEvent as CurrentAccessEvent

    AccessEvent = apps.get_model("clinic", "AccessEvent")
    prev = GENESIS
    last = None
    for row in AccessEvent.objects.order_by("seq"):
        event = CurrentAccessEvent(
            seq=row.seq, at=row.at, actor_id=row.actor_id, action=row.action, object_type=row.object_type,
            object_id=row.object_id, ip_address=row.ip_address, detail=row.detail, prev_mac=prev,
        )
        mac = crypto.audit_mac(b"access-event:" + event.payload())
        AccessEvent.objects.filter(pk=row.pk).update(prev_mac=prev, mac=mac)
        prev, last = mac, row.seq
    if last is not None:
        head_write(Head(seq=last, mac=prev))


class Migration(migrations.Migration):
    dependencies = [("clinic", "0004_calendar_and_notifications")]

    operations = [
        migrations.RenameField("accessevent", "prev_hash", "prev_mac"),
        migrations.RenameField("accessevent", "hash", "mac"),
        migrations.AlterField(
            model_name="accessevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("view", "viewed"),
                    ("export", "exported"),
                    ("download", "downloaded"),
                    ("search", "searched"),
                    ("role", "changed roles"),
                    ("2fa-reset", "reset two-factor device"),
                ],
                editable=False,
                max_length=16,
            ),
        ),
        migrations.RunPython(rechain, migrations.RunPython.noop),
    ]
