import pytest
from django.db import connection

from clinic.crypto.stream import IntegrityError
from documents import services
from documents.models import Document, DocumentVersion
from documents.uploads import upload_from_chunks
from tests.documents.conftest import MARKER, make_document, pdf_bytes


def body(version) -> bytes:
    return b"".join(services.version_plaintext(version))


def test_a_document_round_trips_through_storage(document):
    version = document.versions.get()
    assert body(version) == pdf_bytes()
    assert version.size == len(pdf_bytes())
    assert version.content_type == "application/pdf"
    assert version.original_name == "notice.pdf"
    assert document.client == document.case.client


def test_the_stored_object_holds_no_plaintext_and_has_a_random_name(document, document_storage):
    version = document.versions.get()
    stored = list(document_storage.iterdir())
    assert [path.name for path in stored] == [version.storage_name]
    raw = stored[0].read_bytes()
    assert MARKER.encode() not in raw
    assert raw.startswith(b"CLDOC")
    assert "notice" not in version.storage_name


def test_the_database_columns_hold_no_plaintext(document):
    with connection.cursor() as cursor:
        for table in (
            "documents_document",
            "documents_historicaldocument",
            "documents_documentversion",
            "documents_historicaldocumentversion",
        ):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (fixed table names)
            for row in cursor.fetchall():
                for value in row:
                    text = (
                        bytes(value).decode("latin-1")
                        if isinstance(value, bytes | memoryview)
                        else str(value)
                    )
                    assert MARKER not in text, table
                    assert "notice.pdf" not in text, table


def test_a_new_upload_keeps_the_old_version(document, attorney):
    services.document_version_add(
        document=document,
        upload=upload_from_chunks([pdf_bytes("second")], name="v2.pdf"),
        acting_user=attorney,
    )
    versions = list(document.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert body(versions[0]) == pdf_bytes()
    assert body(versions[1]) == pdf_bytes("second")
    assert versions[1].key_id == "old"
    assert versions[0].wrapped_key != versions[1].wrapped_key


def test_every_write_leaves_history_with_the_acting_user(document, coordinator):
    assert document.history.get().history_user == coordinator
    assert document.versions.get().history.get().history_user == coordinator


def test_a_document_must_be_attached_somewhere(coordinator):
    with pytest.raises(Exception):  # noqa: B017 (ValidationError from full_clean)
        make_document(user=coordinator)
    assert not Document.objects.exists()


def test_a_body_moved_under_another_row_does_not_decrypt(case, coordinator, document_storage):
    first = make_document(case=case, user=coordinator).versions.get()
    second = make_document(case=case, user=coordinator, content=pdf_bytes("other")).versions.get()
    (document_storage / second.storage_name).write_bytes((document_storage / first.storage_name).read_bytes())
    with pytest.raises(IntegrityError):
        body(second)


def test_a_wrapped_key_copied_to_another_row_does_not_unwrap(case, coordinator):
    first = make_document(case=case, user=coordinator).versions.get()
    second = make_document(case=case, user=coordinator).versions.get()
    DocumentVersion.objects.filter(pk=second.pk).update(wrapped_key=first.wrapped_key)
    second.refresh_from_db()
    with pytest.raises(IntegrityError, match="wrapped data key"):
        body(second)


def test_verify_reports_the_damaged_version_and_alerts(document, case, coordinator, document_storage):
    good = make_document(case=case, user=coordinator).versions.get()
    damaged = document.versions.get()
    path = document_storage / damaged.storage_name
    raw = bytearray(path.read_bytes())
    raw[-3] ^= 0xFF
    path.write_bytes(bytes(raw))
    failures = services.documents_verify(alert=True)
    assert [f.version.pk for f in failures] == [damaged.pk]
    assert good.pk not in [f.version.pk for f in failures]
    from clinic.models import AccessEvent

    alert = AccessEvent.objects.get(detail__startswith="integrity alert")
    assert alert.object_id == str(damaged.pk)
