from django.core.management.base import BaseCommand, CommandError

from documents.services import documents_verify


class Command(BaseCommand):
    help = (
        "Decrypts every version of every document and checks each segment's tag; names the versions "
        "that fail, writes an alert for each to the access log, and exits non-zero if any does."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-alert", action="store_true", help="Do not write alerts to the access log.")

    def handle(self, *args, no_alert: bool, **options):
        checked = 0

        def progress(version):
            nonlocal checked
            checked += 1

        failures = documents_verify(alert=not no_alert, progress=progress)
        for failure in failures:
            version = failure.version
            self.stderr.write(f"document {version.document.public_id} v{version.number}: {failure.reason}")
        if failures:
            raise CommandError(f"{len(failures)} of {checked} document version(s) failed verification.")
        self.stdout.write(f"All {checked} document version(s) decrypt and verify.")
