import base64
import io

import pytest
from django.urls import reverse

from documents import services
from documents.models import Document
from documents.uploads import upload_from_chunks
from tests.cases.factories import CaseFactory
from tests.intake.factories import ClientFactory, IntakeFactory

KEY_OLD = base64.b64encode(b"o" * 32).decode()
KEY_NEW = base64.b64encode(b"n" * 32).decode()
INDEX = base64.b64encode(b"x" * 32).decode()
MARKER = "ZEBRA-MARKER-7731"


def pdf_bytes(text: str = MARKER, padding: int = 0) -> bytes:
    return b"%PDF-1.4\n% " + text.encode() + b"\n" + b"0" * padding + b"\n%%EOF\n"


@pytest.fixture(autouse=True)
def test_keys(settings):
    """Fixed test keys: tests never read or write the developer's key file."""
    settings.CLINIC_KEYS = f"old:{KEY_OLD}"
    settings.CLINIC_INDEX_KEY = INDEX


@pytest.fixture
def case(attorney):
    return CaseFactory(
        attorney=attorney,
        client=ClientFactory(given_names="Ana", family_names="Quispe", phone="312-555-0100"),
    )


@pytest.fixture
def open_intake(volunteer):
    return IntakeFactory(
        volunteer=volunteer, client=ClientFactory(given_names="Lucía", family_names="Paredes")
    )


def make_document(*, case=None, intake=None, user, content: bytes | None = None, name="notice.pdf", **kwargs):
    return services.document_create(
        upload=upload_from_chunks([content if content is not None else pdf_bytes()], name=name),
        case=case,
        intake=intake,
        category=kwargs.pop("category", Document.Category.NOTICE_TO_APPEAR),
        description=kwargs.pop("description", f"Notice {MARKER}"),
        acting_user=user,
        **kwargs,
    )


@pytest.fixture
def document(case, coordinator):
    return make_document(case=case, user=coordinator)


def upload_file(content: bytes, name: str = "file.pdf") -> io.BytesIO:
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def download_url(document, version=None) -> str:
    version = version or document.versions.get(number=1)
    return reverse("documents:download", args=[document.public_id, version.public_id])
