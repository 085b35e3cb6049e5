"""Upload, list and download pages. Thin: fetch through the permission helpers, call services, render.

Uploads: the view checks who may attach where *before* it reads a byte of the body, then installs the
encrypting upload handler (documents.uploads) and only then lets CSRF protection parse the form, so
that no plaintext temporary file is ever written. A stored upload that ends up unused (refused form,
failed CSRF check, error) is deleted on the way out.

Downloads: the body is verified in full before the response starts (memory stays flat: segments
are decrypted and dropped), so a damaged body answers with an error page and is never served; then
it streams, each segment sent only after its tag verified again.
"""

from collections.abc import Callable, Iterator
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET

from cases.permissions import get_case_for_user
from clinic.access_log import record_access
from clinic.crypto.stream import IntegrityError
from clinic.models import AccessEvent
from clinic.permissions import role_required
from clinic.roles import Role
from documents import services
from documents.forms import DocumentUploadForm, DocumentVersionForm
from documents.models import DocumentVersion
from documents.permissions import get_document_for_user, get_version_for_user
from documents.uploads import EncryptingUploadHandler
from intake.permissions import get_intake_for_user

READER_ROLES = (Role.ATTORNEY, Role.COORDINATOR)
# Shown in the browser rather than saved; served in a sandbox (see _stream_response).
PREVIEWABLE = {"application/pdf", "image/jpeg", "image/png", "text/plain"}


def _receive_upload(
    request: HttpRequest, process: Callable[[HttpRequest, EncryptingUploadHandler], HttpResponse]
):
    """Runs `process` with the body parsed by the encrypting handler, under CSRF protection."""
    handler = EncryptingUploadHandler(request)
    if request.method == "POST":
        request.upload_handlers = [handler]
    try:
        return csrf_protect(lambda req: process(req, handler))(request)
    finally:
        upload = handler.upload
        if upload is not None and not getattr(upload, "kept", False):
            upload.discard()


def _form_page(request, form, *, title: str, back: str, status: int = 200, extra: dict | None = None):
    context = {"form": form, "title": title, "back": back, **(extra or {})}
    return render(request, "documents/document_upload.html", context, status=status)


@csrf_exempt  # protected in _receive_upload, once the encrypting handler is in place
@role_required(Role.ATTORNEY, Role.COORDINATOR)
def upload_to_case(request, public_id: UUID):
    case = get_case_for_user(request.user, public_id)
    back = reverse("cases:case_detail", args=[case.public_id])

    def process(request, handler):
        if request.method != "POST":
            return _form_page(request, DocumentUploadForm(), title=_("Add a document"), back=back)
        form = DocumentUploadForm(request.POST, request.FILES, upload_error=handler.error)
        if not form.is_valid():
            return _form_page(request, form, title=_("Add a document"), back=back)
        upload = form.cleaned_data["file"]
        services.document_create(
            upload=upload,
            case=case,
            category=form.cleaned_data["category"],
            description=form.cleaned_data["description"],
            document_date=form.cleaned_data["document_date"],
            acting_user=request.user,
        )
        upload.kept = True
        messages.success(request, _("Document added and encrypted."))
        return redirect(back)

    return _receive_upload(request, process)


@csrf_exempt  # protected in _receive_upload, once the encrypting handler is in place
@role_required(Role.VOLUNTEER, Role.COORDINATOR)
def upload_to_intake(request, public_id: UUID):
    intake = get_intake_for_user(request.user, public_id)
    back = reverse("intake:detail", args=[intake.public_id])

    def process(request, handler):
        if request.method != "POST":
            return _form_page(request, DocumentUploadForm(), title=_("Attach a document"), back=back)
        form = DocumentUploadForm(request.POST, request.FILES, upload_error=handler.error)
        if not form.is_valid():
            return _form_page(request, form, title=_("Attach a document"), back=back)
        upload = form.cleaned_data["file"]
        services.document_create(
            upload=upload,
            intake=intake,
            category=form.cleaned_data["category"],
            description=form.cleaned_data["description"],
            document_date=form.cleaned_data["document_date"],
            acting_user=request.user,
        )
        upload.kept = True
        # A volunteer cannot open it again: say so, and say it is safe.
        messages.success(request, _("Document attached and encrypted. Only the clinic's staff can open it."))
        return redirect(back)

    return _receive_upload(request, process)


@csrf_exempt  # protected in _receive_upload, once the encrypting handler is in place
@role_required(*READER_ROLES)
def version_add(request, public_id: UUID):
    document = get_document_for_user(request.user, public_id)
    back = reverse("documents:detail", args=[document.public_id])

    def process(request, handler):
        if request.method != "POST":
            return _form_page(request, DocumentVersionForm(), title=_("Upload a new version"), back=back)
        form = DocumentVersionForm(request.POST, request.FILES, upload_error=handler.error)
        if not form.is_valid():
            return _form_page(request, form, title=_("Upload a new version"), back=back)
        upload = form.cleaned_data["file"]
        services.document_version_add(document=document, upload=upload, acting_user=request.user)
        upload.kept = True
        messages.success(request, _("New version added; the earlier ones are kept."))
        return redirect(back)

    return _receive_upload(request, process)


@require_GET
@role_required(*READER_ROLES)
def document_detail(request, public_id: UUID):
    document = get_document_for_user(request.user, public_id)
    versions = list(document.versions.select_related("uploaded_by").order_by("-number"))
    back = (
        reverse("cases:case_detail", args=[document.case.public_id])
        if document.case_id
        else (reverse("intake:detail", args=[document.intake.public_id]) if document.intake_id else None)
    )
    return render(
        request,
        "documents/document_detail.html",
        {"document": document, "versions": versions, "back": back, "form": DocumentVersionForm()},
    )


def _alert(request: HttpRequest, version: DocumentVersion, exc: Exception) -> None:
    # The reason names a segment or a key id, never content; coordinators read it in the access log.
    services.integrity_alert_record(
        version=version,
        reason=str(exc) or exc.__class__.__name__,
        actor=request.user,
        ip_address=request.META.get("REMOTE_ADDR"),
    )


def _verified_segments(request: HttpRequest, version: DocumentVersion) -> Iterator[bytes]:
    try:
        yield from services.version_plaintext(version)
    except (IntegrityError, OSError) as exc:
        # The body changed between the check and the stream: the client sees a cut download.
        _alert(request, version, exc)
        raise


@require_GET
@role_required(*READER_ROLES)
def version_download(request, public_id: UUID, version_id: UUID):
    version = get_version_for_user(request.user, public_id, version_id)
    preview = request.GET.get("preview") == "1" and version.content_type in PREVIEWABLE
    try:
        services.version_verify(version)
    except (IntegrityError, OSError) as exc:
        _alert(request, version, exc)
        return render(
            request, "documents/document_integrity_error.html", {"document": version.document}, status=500
        )
    record_access(
        request,
        version,
        action=AccessEvent.Action.VIEW if preview else AccessEvent.Action.DOWNLOAD,
        detail="preview" if preview else "",
    )
    response = StreamingHttpResponse(_verified_segments(request, version), content_type=version.content_type)
    response["Content-Length"] = str(version.size)
    response["Content-Disposition"] = content_disposition_header(
        not preview, version.original_name or f"document-{version.number}"
    )
    # A stored file is never trusted to run script in the clinic's origin.
    response["Content-Security-Policy"] = (
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    )
    return response
