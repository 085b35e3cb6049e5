import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.services import note_create
from clinic.crypto import rotation
from documents import services
from documents.models import DocumentVersion
from documents.uploads import upload_from_chunks
from intake.models import Client
from tests.documents.conftest import KEY_NEW, KEY_OLD, make_document, pdf_bytes


@pytest.fixture
def encrypted_data(case, coordinator, attorney):
    first = make_document(case=case, user=coordinator)
    services.document_version_add(
        document=first, upload=upload_from_chunks([pdf_bytes("v2")], name="v2.pdf"), acting_user=attorney
    )
    make_document(case=case, user=coordinator, content=pdf_bytes("third"))
    note_create(case=case, body="Privileged note", acting_user=attorney)
    return case


def bodies(storage_dir) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in storage_dir.iterdir()}


def everything_reads(case) -> None:
    for version in DocumentVersion.objects.all():
        services.version_verify(version)
    for historical in DocumentVersion.history.model.objects.all():
        services.version_verify(historical.instance)
    client = Client.objects.get(pk=case.client_id)
    assert client.phone == "312-555-0100"
    assert case.notes.get().body == "Privileged note"
    assert case.notes.get().history.get().body == "Privileged note"


def test_rotation_moves_everything_to_the_new_key_and_the_old_one_can_go(
    settings, encrypted_data, document_storage, capsys
):
    before = bodies(document_storage)
    settings.CLINIC_KEYS = f"new:{KEY_NEW},old:{KEY_OLD}"
    with pytest.raises(CommandError, match="still depends on a key other than new"):
        call_command("rotate_keys", "--check")
    call_command("rotate_keys")
    assert "Nothing depends on old any more" in capsys.readouterr().out
    call_command("rotate_keys", "--check")
    assert set(DocumentVersion.objects.values_list("key_id", flat=True)) == {"new"}
    assert bodies(document_storage) == before  # bodies are never rewritten
    settings.CLINIC_KEYS = f"new:{KEY_NEW}"  # the old key retired
    everything_reads(encrypted_data)


def test_an_interrupted_rotation_resumes_where_it_stopped(settings, encrypted_data):
    settings.CLINIC_KEYS = f"new:{KEY_NEW},old:{KEY_OLD}"

    def stop(done):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        services.rewrap_envelopes(batch_size=1, after_batch=stop)
    assert sorted(DocumentVersion.objects.values_list("key_id", flat=True)) == ["new", "old", "old"]
    (notes,) = [c for c in rotation.encrypted_columns() if c.label == "cases.note.body"]
    with pytest.raises(KeyboardInterrupt):
        rotation.column_reencrypt(notes, batch_size=1, after_batch=stop)
    assert services.envelopes_on_retired_keys() > 0

    call_command("rotate_keys")  # run again: it finishes the job
    call_command("rotate_keys", "--check")
    settings.CLINIC_KEYS = f"new:{KEY_NEW}"
    everything_reads(encrypted_data)


def test_the_encrypted_columns_are_found_generically_history_included():
    labels = {column.label for column in rotation.encrypted_columns()}
    assert {
        "cases.note.body",
        "cases.historicalnote.body",
        "cases.timeentry.description",
        "intake.client.a_number",
        "intake.historicalclient.a_number",
        "documents.document.description",
        "documents.documentversion.original_name",
        "documents.historicaldocumentversion.original_name",
    } <= labels


def test_verify_documents_passes_on_intact_bodies(encrypted_data, capsys):
    call_command("verify_documents")
    assert "All 3 document version(s) decrypt and verify." in capsys.readouterr().out


def test_verify_documents_fails_naming_a_damaged_body(encrypted_data, document_storage):
    victim = DocumentVersion.objects.order_by("pk").first()
    path = document_storage / victim.storage_name
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(CommandError, match="1 of 3 document version"):
        call_command("verify_documents")
