"""Rebuilds the conflict check's name index of every client from their names, aliases and parties."""

from django.core.management.base import BaseCommand

from intake.models import Client
from intake.services import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuilds the conflict-check name index of every client. Run it after changing how names are "
        "compared (intake/normalise.py, intake/name_variants.py) or after loading clients by other means."
    )

    def handle(self, *args, **options) -> None:
        count = 0
        for client in Client.objects.order_by("pk").iterator(chunk_size=500):
            search_index_rebuild(client=client)
            count += 1
        self.stdout.write(f"Indexed the names of {count} clients.")
