import io
import zipfile

import pytest
from django.urls import reverse

from clinic.models import AccessEvent
from documents.models import Document
from tests.documents.conftest import MARKER, download_url, make_document, pdf_bytes, upload_file


def post_to_case(client, case, content: bytes, name="notice.pdf", **extra):
    data = {
        "category": Document.Category.NOTICE_TO_APPEAR,
        "description": "NTA",
        "file": upload_file(content, name),
    }
    return client.post(reverse("documents:upload_to_case", args=[case.public_id]), {**data, **extra})


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.exe", "MZ")
    return out.getvalue()


# Uploads --------------------------------------------------------------------------------------


def test_an_attorney_uploads_to_their_case(client, attorney, case, document_storage):
    client.force_login(attorney)
    response = post_to_case(client, case, pdf_bytes())
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.case == case and document.uploaded_by == attorney
    assert MARKER.encode() not in next(document_storage.iterdir()).read_bytes()


def test_an_upload_writes_no_plaintext_temporary_file(client, attorney, case, settings, tmp_path):
    spool = tmp_path / "spool"
    spool.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(spool)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1  # Django's own handlers would spill anything to disk
    client.force_login(attorney)
    assert post_to_case(client, case, pdf_bytes(padding=300_000)).status_code == 302
    assert list(spool.iterdir()) == []


def test_other_attorney_cannot_upload_to_a_case_they_do_not_hold(
    client, other_attorney, case, document_storage
):
    client.force_login(other_attorney)
    assert post_to_case(client, case, pdf_bytes()).status_code == 404
    assert not Document.objects.exists()
    assert list(document_storage.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"\xff\xd8\xff\xe0" + b"\0" * 50, "photo.jpg", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "scan.png", "image/png"),
        (b"\0\0\0\x18ftypheic" + b"\0" * 50, "IMG_1.heic", "image/heic"),
        ("Declaración: ñandú\n".encode() * 10, "notes.txt", "text/plain"),
        (
            docx_bytes(),
            "letter.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_allowed_types_are_recognised_by_content(client, attorney, case, content, name, expected):
    client.force_login(attorney)
    assert post_to_case(client, case, content, name=name).status_code == 302
    assert Document.objects.get().versions.get().content_type == expected


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"MZ\x90\x00" + b"\0" * 100, "notice.pdf"), (zip_bytes(), "letter.docx"), (b"GIF89a\0\0\0", "a.png")],
)
def test_a_refused_type_is_named_on_the_field_and_nothing_is_kept(
    client, attorney, case, document_storage, content, name
):
    client.force_login(attorney)
    response = post_to_case(client, case, content, name=name)
    assert response.status_code == 200
    assert "This kind of file is not accepted" in response.context["form"].errors["file"][0]
    assert not Document.objects.exists()
    assert list(document_storage.iterdir()) == []


def test_a_file_over_the_size_limit_is_refused(client, attorney, case, settings, document_storage):
    settings.CLINIC_DOCUMENT_MAX_MB = 1
    client.force_login(attorney)
    response = post_to_case(client, case, pdf_bytes(padding=1024 * 1024 + 10))
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["This file is larger than the 1 MB limit."]
    assert not Document.objects.exists()
    assert list(document_storage.iterdir()) == []


def test_a_form_refused_for_another_reason_removes_the_stored_ciphertext(
    client, attorney, case, document_storage
):
    client.force_login(attorney)
    response = post_to_case(client, case, pdf_bytes(), category="not-a-category")
    assert response.status_code == 200
    assert "category" in response.context["form"].errors
    assert list(document_storage.iterdir()) == []


def test_an_upload_without_a_csrf_token_is_refused_and_removed(attorney, case, document_storage):
    from tests.conftest import VerifiedClient

    csrf_client = VerifiedClient(enforce_csrf_checks=True)
    csrf_client.force_login(attorney)  # signed in with both factors, but posting without a token
    assert post_to_case(csrf_client, case, pdf_bytes()).status_code == 403
    assert list(document_storage.iterdir()) == []


def test_a_volunteer_attaches_to_their_open_intake_and_sees_only_a_count(client, volunteer, open_intake):
    client.force_login(volunteer)
    response = client.post(
        reverse("documents:upload_to_intake", args=[open_intake.public_id]),
        {"category": Document.Category.IDENTITY, "file": upload_file(pdf_bytes(), "passport.pdf")},
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.intake == open_intake and document.client == open_intake.client
    page = client.get(reverse("intake:detail", args=[open_intake.public_id])).content.decode()
    assert "You attached 1 document to this intake." in page
    assert "passport.pdf" not in page
    assert reverse("documents:detail", args=[document.public_id]) not in page


def test_a_volunteer_cannot_attach_to_another_volunteers_intake(client, other_volunteer, open_intake):
    client.force_login(other_volunteer)
    response = client.post(
        reverse("documents:upload_to_intake", args=[open_intake.public_id]),
        {"category": Document.Category.IDENTITY, "file": upload_file(pdf_bytes())},
    )
    assert response.status_code == 404
    assert not Document.objects.exists()


# Reading back ---------------------------------------------------------------------------------


def test_an_attorney_downloads_from_their_case_and_it_is_logged(client, attorney, document):
    client.force_login(attorney)
    response = client.get(download_url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Length"] == str(len(pdf_bytes()))
    assert response["Content-Disposition"].startswith("attachment")
    event = AccessEvent.objects.get()
    assert (event.actor, event.action) == (attorney, AccessEvent.Action.DOWNLOAD)
    assert event.object_type == "documents.documentversion"


def test_the_access_log_links_a_download_to_the_documents_page(client, coordinator, document):
    client.force_login(coordinator)
    b"".join(client.get(download_url(document)).streaming_content)
    html = client.get(reverse("access_log")).content.decode()
    assert (
        f'<a href="{reverse("documents:detail", args=[document.public_id])}">documents.documentversion'
        in html
    )


def test_a_preview_is_sandboxed_and_logged(client, coordinator, document):
    client.force_login(coordinator)
    response = client.get(download_url(document) + "?preview=1")
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert AccessEvent.objects.get().detail == "preview"


def test_other_attorney_gets_404_on_the_document_and_its_download(client, other_attorney, document):
    client.force_login(other_attorney)
    assert client.get(download_url(document)).status_code == 404
    assert client.get(reverse("documents:detail", args=[document.public_id])).status_code == 404
    assert not AccessEvent.objects.exists()


def test_a_volunteer_cannot_read_back_what_they_attached(client, volunteer, open_intake):
    document = make_document(intake=open_intake, user=volunteer)
    client.force_login(volunteer)
    assert client.get(download_url(document)).status_code == 403
    assert client.get(reverse("documents:detail", args=[document.public_id])).status_code == 403


def test_a_coordinator_reads_an_intake_document(client, coordinator, volunteer, open_intake):
    document = make_document(intake=open_intake, user=volunteer)
    client.force_login(coordinator)
    assert b"".join(client.get(download_url(document)).streaming_content) == pdf_bytes()


def test_the_attorney_of_the_case_reads_the_documents_of_its_intake(client, attorney, coordinator, volunteer):
    from tests.cases.factories import CaseFactory
    from tests.intake.factories import IntakeFactory

    intake = IntakeFactory(volunteer=volunteer)
    document = make_document(intake=intake, user=volunteer)
    CaseFactory(attorney=attorney, client=intake.client, intake=intake)
    client.force_login(attorney)
    assert client.get(download_url(document)).status_code == 200


def test_a_damaged_body_is_not_served_and_alerts(client, attorney, document, document_storage):
    version = document.versions.get()
    path = document_storage / version.storage_name
    raw = bytearray(path.read_bytes())
    raw[30] ^= 0x01
    path.write_bytes(bytes(raw))
    client.force_login(attorney)
    response = client.get(download_url(document))
    assert response.status_code == 500
    assert not response.streaming
    assert b"failed its integrity check" in response.content
    assert MARKER.encode() not in response.content
    alert = AccessEvent.objects.get()
    assert alert.detail.startswith("integrity alert")
    assert alert.actor == attorney


def test_the_case_page_lists_its_documents_for_its_attorney(client, attorney, document):
    client.force_login(attorney)
    page = client.get(reverse("cases:case_detail", args=[document.case.public_id])).content.decode()
    assert reverse("documents:detail", args=[document.public_id]) in page
    assert f"Notice {MARKER}" in page


def test_a_new_version_keeps_the_old_one_downloadable(client, attorney, document):
    client.force_login(attorney)
    response = client.post(
        reverse("documents:version_add", args=[document.public_id]), {"file": upload_file(pdf_bytes("v2"))}
    )
    assert response.status_code == 302
    first, second = document.versions.order_by("number")
    assert b"".join(client.get(download_url(document, first)).streaming_content) == pdf_bytes()
    assert b"".join(client.get(download_url(document, second)).streaming_content) == pdf_bytes("v2")


def test_the_case_page_query_count_does_not_grow_with_documents(
    client, attorney, case, coordinator, django_assert_max_num_queries
):
    for _ in range(2):
        make_document(case=case, user=coordinator)
    client.force_login(attorney)
    url = reverse("cases:case_detail", args=[case.public_id])
    with django_assert_max_num_queries(200) as few:
        client.get(url)
    for _ in range(8):
        make_document(case=case, user=coordinator)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_an_attorney_does_not_read_another_case_of_the_same_client(
    client, attorney, other_attorney, case, coordinator
):
    from tests.cases.factories import CaseFactory

    other_case = CaseFactory(attorney=other_attorney, client=case.client)
    theirs = make_document(case=other_case, user=coordinator)
    client.force_login(attorney)
    assert client.get(download_url(theirs)).status_code == 404
    page = client.get(reverse("cases:case_detail", args=[case.public_id])).content.decode()
    assert str(theirs.public_id) not in page
