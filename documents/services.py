"""Writes and the body pipeline of documents: create, add a version, read back, verify, rotate keys."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max

from cases.models import Case
from clinic.access_log import access_event_record
from clinic.crypto import key_ring, stream
from clinic.models import AccessEvent, User
from documents.models import Document, DocumentVersion
from documents.storage import open_for_read
from documents.uploads import EncryptedUpload
from intake.models import Intake

logger = logging.getLogger(__name__)


def _version_from_upload(
    *, document: Document, upload: EncryptedUpload, number: int, acting_user: User
) -> DocumentVersion:
    version = DocumentVersion(
        public_id=upload.version_id,
        document=document,
        number=number,
        size=upload.size,
        content_type=upload.content_type,
        key_id=upload.envelope.key_id,
        wrapped_key=upload.envelope.wrapped_key,
        storage_name=upload.storage_name,
        original_name=(upload.name or "")[:255],
        uploaded_by=acting_user,
    )
    version._history_user = acting_user
    version.full_clean(exclude=["wrapped_key"])
    version.save()
    return version


@transaction.atomic
def document_create(
    *,
    upload: EncryptedUpload,
    category: str,
    description: str = "",
    document_date: date | None = None,
    case: Case | None = None,
    intake: Intake | None = None,
    acting_user: User,
) -> Document:
    """A new document whose first version is the already encrypted and stored `upload`."""
    client = case.client if case is not None else (intake.client if intake is not None else None)
    document = Document(
        case=case,
        intake=intake,
        client=client,
        category=category,
        description=description,
        document_date=document_date,
        uploaded_by=acting_user,
    )
    document._history_user = acting_user
    document.full_clean()
    document.save()
    _version_from_upload(document=document, upload=upload, number=1, acting_user=acting_user)
    return document


@transaction.atomic
def document_version_add(
    *, document: Document, upload: EncryptedUpload, acting_user: User
) -> DocumentVersion:
    """A new upload of the same document: the earlier versions stay."""
    Document.objects.select_for_update().filter(pk=document.pk).first()
    latest = document.versions.aggregate(latest=Max("number"))["latest"] or 0
    return _version_from_upload(document=document, upload=upload, number=latest + 1, acting_user=acting_user)


# Reading bodies back --------------------------------------------------------------------------


def version_envelope(version: DocumentVersion) -> stream.Envelope:
    return stream.Envelope(key_id=version.key_id, wrapped_key=bytes(version.wrapped_key))


def version_plaintext(version: DocumentVersion) -> Iterator[bytes]:
    """The body's plaintext, one verified segment at a time; IntegrityError stops the stream."""
    data_key = stream.unwrap_data_key(version_envelope(version), object_id=version.object_id)
    with open_for_read(version.storage_name) as handle:
        yield from stream.decrypt_stream(handle, data_key, object_id=version.object_id)


def version_verify(version: DocumentVersion) -> None:
    """Decrypts the whole body without keeping it; raises IntegrityError (or OSError if missing)."""
    size = 0
    for part in version_plaintext(version):
        size += len(part)
    if size != version.size:
        raise stream.IntegrityError("The body's length differs from the recorded size.")


@dataclass(frozen=True)
class VerifyFailure:
    version: DocumentVersion
    reason: str


INTEGRITY_ALERT = "integrity alert"


def integrity_alert_record(
    *, version: DocumentVersion, reason: str, actor: User | None = None, ip_address=None
):
    """An alert row in the access log, which coordinators read; the reason never quotes content."""
    return access_event_record(
        actor=actor,
        obj=version,
        action=AccessEvent.Action.DOWNLOAD if actor else AccessEvent.Action.VIEW,
        ip_address=ip_address,
        detail=f"{INTEGRITY_ALERT}: {reason}",
    )


def documents_verify(
    *, alert: bool = False, progress: Callable[[DocumentVersion], None] | None = None
) -> list[VerifyFailure]:
    """Decrypts every version's body; returns those that fail (and alerts on each when asked)."""
    failures = []
    for version in DocumentVersion.objects.select_related("document").order_by("pk").iterator(chunk_size=200):
        try:
            version_verify(version)
        except (stream.IntegrityError, OSError) as exc:
            reason = str(exc) or exc.__class__.__name__
            failures.append(VerifyFailure(version, reason))
            if alert:
                integrity_alert_record(version=version, reason=reason)
        if progress:
            progress(version)
    return failures


# Key rotation ---------------------------------------------------------------------------------


def rewrap_envelopes(*, batch_size: int = 500, after_batch: Callable[[int], None] | None = None) -> int:
    """Re-wraps every version's data key (and the copies in its history rows) under the active key.

    Bodies are not touched. Each batch commits on its own and a row already under the active key
    is skipped, so a run cut short is finished by running it again.
    """
    ring_active = key_ring().active_id
    done = 0
    for model in (DocumentVersion, DocumentVersion.history.model):
        pk_name = model._meta.pk.attname
        while True:
            with transaction.atomic():
                rows = list(
                    model.objects.exclude(key_id=ring_active)
                    .order_by(pk_name)
                    .values_list(pk_name, "public_id", "key_id", "wrapped_key")[:batch_size]
                )
                if not rows:
                    break
                for pk, public_id, key_id, wrapped in rows:
                    envelope = stream.rewrap(
                        stream.Envelope(key_id=key_id, wrapped_key=bytes(wrapped)), object_id=public_id.hex
                    )
                    # A key change is not a content change: no history row for it.
                    model.objects.filter(**{pk_name: pk}).update(
                        key_id=envelope.key_id, wrapped_key=envelope.wrapped_key
                    )
                done += len(rows)
            if after_batch:
                after_batch(done)
    return done


def envelopes_on_retired_keys() -> int:
    active = key_ring().active_id
    return sum(
        m.objects.exclude(key_id=active).count() for m in (DocumentVersion, DocumentVersion.history.model)
    )
