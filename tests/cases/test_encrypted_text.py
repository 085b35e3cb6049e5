"""Case notes and time-entry descriptions are privileged: encrypted at rest, history included."""

import importlib
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast

from cases import services
from cases.models import Note, TimeEntry
from clinic import crypto

MARKER = "OKAPI-MARKER-5521"
migration = importlib.import_module("cases.migrations.0003_encrypt_notes_and_time")


def raw_values(model, field: str) -> list[str]:
    return list(model.objects.annotate(_raw=Cast(field, models.TextField())).values_list("_raw", flat=True))


def test_a_note_is_stored_encrypted_in_its_table_and_its_history(case, attorney):
    note = services.note_create(case=case, body=f"Client said {MARKER}", acting_user=attorney)
    for model in (Note, Note.history.model):
        (stored,) = raw_values(model, "body")
        assert MARKER not in stored
        assert crypto.is_token(stored)
    assert Note.objects.get(pk=note.pk).body == f"Client said {MARKER}"
    assert note.history.get().body == f"Client said {MARKER}"


def test_a_time_entry_description_is_stored_encrypted(case, attorney):
    entry = services.time_entry_create(
        case=case,
        worked_by=attorney,
        worked_on=date(2026, 1, 5),
        hours=Decimal("1.5"),
        description=f"Prepared {MARKER}",
        grant=None,
        acting_user=attorney,
    )
    for model in (TimeEntry, TimeEntry.history.model):
        assert all(MARKER not in value for value in raw_values(model, "description"))
    assert TimeEntry.objects.get(pk=entry.pk).description == f"Prepared {MARKER}"


def test_the_migration_encrypts_rows_written_in_plain_text_before_it(case, attorney):
    note = services.note_create(case=case, body="placeholder", acting_user=attorney)
    # As the table looked before this change: plain text in the table and in its history.
    for model in (Note, Note.history.model):
        model.objects.update(body=Value(f"old {MARKER}", output_field=models.TextField()))
    migration.encrypt_existing(apps, None)
    for model in (Note, Note.history.model):
        (stored,) = raw_values(model, "body")
        assert MARKER not in stored
    assert Note.objects.get(pk=note.pk).body == f"old {MARKER}"
    assert note.history.get().body == f"old {MARKER}"
    migration.encrypt_existing(apps, None)  # a second run changes nothing
    assert Note.objects.get(pk=note.pk).body == f"old {MARKER}"
