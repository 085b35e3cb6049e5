"""Uploads encrypted as they stream in: no plaintext temporary file, no whole file in memory.

`EncryptingUploadHandler` replaces Django's upload handlers for the document views. For the one file
field it accepts, it draws a data key, seals each chunk into segments (clinic.crypto.stream) and
writes the ciphertext straight to the documents storage. The type is decided from the content
(magic bytes), never from the name or the browser's claim; a refused type or size stops the upload,
removes what was written, and leaves a sentence for the form to show.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _

from clinic.crypto import stream
from documents.storage import delete_quietly, new_storage_name, open_for_write

FILE_FIELD = "file"
SNIFF_BYTES = 4096
# The last entry of a DOCX's zip (central directory) always names its main part.
DOCX_MARKER = b"word/document.xml"
HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/heic": "HEIC",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "text/plain": "text",
}
ZIP = "application/zip"


def max_upload_bytes() -> int:
    return settings.CLINIC_DOCUMENT_MAX_MB * 1024 * 1024


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the end of the sniffing window is still text.
        if exc.start < len(head) - 3:
            return False
        text = head[: exc.start].decode("utf-8")
    return all(ch.isprintable() or ch in "\t\n\r\f" for ch in text)


def sniff(head: bytes) -> str | None:
    """The content type the first bytes prove, or None. A zip becomes DOCX only once its end is seen."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return "image/heic"
    if head.startswith(b"PK\x03\x04"):
        return ZIP
    if head and _looks_like_text(head):
        return "text/plain"
    return None


def refused_type_message() -> str:
    return _(
        "This kind of file is not accepted. Upload a PDF, JPEG, PNG, HEIC, Word (DOCX) or plain text file."
    )


def too_large_message() -> str:
    return _("This file is larger than the %(mb)s MB limit.") % {"mb": settings.CLINIC_DOCUMENT_MAX_MB}


class EncryptedUpload(UploadedFile):
    """What the handler hands the form: the stored ciphertext's name and envelope, not the content."""

    def __init__(
        self,
        *,
        name: str,
        size: int,
        content_type: str,
        version_id: uuid.UUID,
        storage_name: str,
        envelope: stream.Envelope,
    ) -> None:
        super().__init__(file=None, name=name, content_type=content_type, size=size)
        self.version_id = version_id
        self.storage_name = storage_name
        self.envelope = envelope

    def discard(self) -> None:
        """Removes the stored ciphertext when the form around it is refused."""
        delete_quietly(self.storage_name)

    def open(self, mode=None):
        raise NotImplementedError("An encrypted upload is read through documents.services.")


class EncryptingUploadHandler(FileUploadHandler):
    chunk_size = 256 * 1024

    def __init__(self, request=None) -> None:
        super().__init__(request)
        self.error: str | None = None
        self.upload: EncryptedUpload | None = None
        self._out = None

    def new_file(
        self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None
    ):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        if field_name != FILE_FIELD or self.upload is not None or self._out is not None:
            raise SkipFile
        self.version_id = uuid.uuid4()
        data_key = stream.new_data_key()
        self.envelope = stream.wrap_data_key(data_key, object_id=self.version_id.hex)
        self.encryptor = stream.SegmentEncryptor(data_key, object_id=self.version_id.hex)
        self.storage_name = new_storage_name()
        self._out = open_for_write(self.storage_name)
        self._head = b""
        self._detected: str | None = None
        self._tail = b""
        self._docx_seen = False
        self._limit = max_upload_bytes()

    def _refuse(self, message: str):
        """While chunks arrive: SkipFile makes the parser discard the rest of this file."""
        self.error = message
        self._abandon()
        raise SkipFile

    def _abandon(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
            delete_quietly(self.storage_name)

    def receive_data_chunk(self, raw_data, start):
        if self._out is None:
            return None
        if start + len(raw_data) > self._limit:
            self._refuse(too_large_message())
        if self._detected is None:
            self._head += raw_data[: SNIFF_BYTES - len(self._head)]
            if len(self._head) >= SNIFF_BYTES:
                self._decide()
        if self._detected == ZIP and not self._docx_seen:
            window = self._tail + raw_data
            self._docx_seen = DOCX_MARKER in window
            self._tail = window[-len(DOCX_MARKER) :]
        for part in self.encryptor.update(raw_data):
            self._out.write(part)
        return None

    def _decide(self) -> None:
        self._detected = sniff(self._head)
        if self._detected is None:
            self._refuse(refused_type_message())
        if self._detected == ZIP:
            self._docx_seen = DOCX_MARKER in self._head

    def file_complete(self, file_size):
        if self._out is None:
            return None
        if self._detected is None:  # a file shorter than the sniffing window: all of it is in _head
            self._detected = sniff(self._head)
            self._docx_seen = DOCX_MARKER in self._head
        content_type = self._detected
        if content_type is None or (content_type == ZIP and not self._docx_seen):
            # The parser does not catch SkipFile here: refuse without raising.
            self.error = refused_type_message()
            self._abandon()
            return None
        if content_type == ZIP:
            content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        self._out.write(self.encryptor.finalize())
        self._out.close()
        self._out = None
        self.upload = EncryptedUpload(
            name=self.file_name or "",
            size=file_size,
            content_type=content_type,
            version_id=self.version_id,
            storage_name=self.storage_name,
            envelope=self.envelope,
        )
        return self.upload

    def upload_interrupted(self):
        self._abandon()


def upload_from_chunks(chunks, *, name: str) -> EncryptedUpload:
    """The same checks and encryption as a web upload, for files that do not come over HTTP
    (demo data, imports, benchmarks). Raises ValueError with the refusal's sentence."""
    handler = EncryptingUploadHandler()
    handler.new_file(FILE_FIELD, name, "application/octet-stream", None)
    received = 0
    try:
        for chunk in chunks:
            handler.receive_data_chunk(chunk, received)
            received += len(chunk)
    except SkipFile:
        raise ValueError(handler.error) from None
    except BaseException:
        handler.upload_interrupted()
        raise
    upload = handler.file_complete(received)
    if upload is None:
        raise ValueError(handler.error)
    return upload
