from clinic.models import AccessEvent
from documents.tasks import documents_verify_task


def test_the_audit_task_counts_damaged_bodies_and_alerts(document, document_storage):
    assert documents_verify_task() == 0
    version = document.versions.get()
    (document_storage / version.storage_name).write_bytes(b"CLDOC\x01garbage")
    assert documents_verify_task() == 1
    assert AccessEvent.objects.get().detail.startswith("integrity alert")
