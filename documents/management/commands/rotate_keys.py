"""Moves everything encrypted onto the newest master key (the first of CLINIC_KEYS).

It lives in documents, the rightmost app that holds encrypted data, because it re-wraps document
keys as well as the fields of every app (found generically by clinic.crypto.rotation).
"""

from django.core.management.base import BaseCommand, CommandError

from clinic.crypto import key_ring
from clinic.crypto.rotation import fields_on_retired_keys, fields_reencrypt
from documents.services import envelopes_on_retired_keys, rewrap_envelopes


def retired_dependencies() -> list[str]:
    """Sentences naming what still needs a key other than the active one."""
    lines = []
    envelopes = envelopes_on_retired_keys()
    if envelopes:
        lines.append(f"{envelopes} document data key(s), history included, are wrapped under an older key.")
    for column, per_key in sorted(fields_on_retired_keys().items()):
        for key_id, count in sorted(per_key.items()):
            lines.append(f"{count} value(s) of {column} are encrypted under {key_id}.")
    return lines


class Command(BaseCommand):
    help = (
        "Re-wraps every document data key and re-encrypts every encrypted field under the newest "
        "master key, in batches that each commit (run it again to finish an interrupted rotation); "
        "document bodies are not rewritten. With --check, changes nothing and fails if anything "
        "still depends on an older key."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Report only; exit non-zero if a retired key is still needed.",
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, check: bool, batch_size: int, **options):
        ring = key_ring()
        active = ring.active_id
        if not check:
            wrapped = rewrap_envelopes(batch_size=batch_size)
            fields = fields_reencrypt(batch_size=batch_size)
            self.stdout.write(
                f"Under key {active} now: {wrapped} document key(s) re-wrapped, "
                f"{fields} field value(s) re-encrypted."
            )
        remaining = retired_dependencies()
        if remaining:
            message = " ".join(remaining)
            if check:
                raise CommandError(f"Something still depends on a key other than {active}: {message}")
            self.stdout.write(f"Still depending on an older key: {message}")
            return
        others = [key_id for key_id in ring.keys if key_id != active]
        if others:
            self.stdout.write(
                f"Nothing depends on {', '.join(others)} any more: "
                "remove it from CLINIC_KEYS once no backup needs it."
            )
        else:
            self.stdout.write(f"Everything is encrypted under {active}, the only key.")
