import io
from io import StringIO

from django.core.management import call_command
from PIL import Image

from documents import services
from documents.models import Document, DocumentVersion


def test_seed_demo_adds_generated_documents_that_decrypt(db):
    call_command("seed_demo", password="demo-password-1", stdout=StringIO())
    versions = list(DocumentVersion.objects.select_related("document"))
    assert len(versions) == 3
    kinds = {v.content_type for v in versions}
    assert kinds == {"application/pdf", "image/png"}
    for version in versions:
        body = b"".join(services.version_plaintext(version))
        if version.content_type == "image/png":
            assert Image.open(io.BytesIO(body)).size == (480, 300)
        else:
            assert body.startswith(b"%PDF-1.4") and b"SAMPLE" in body


def test_seed_demo_twice_adds_no_more_documents(db):
    call_command("seed_demo", password="demo-password-1", stdout=StringIO())
    call_command("seed_demo", password="demo-password-1", stdout=StringIO())
    assert Document.objects.count() == 3
