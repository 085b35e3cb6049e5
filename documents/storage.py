"""Where ciphertext goes: the `documents` entry of STORAGES (filesystem by default, S3 in production)."""

import logging
import secrets
from contextlib import closing
from pathlib import Path

from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages

logger = logging.getLogger(__name__)


def document_storage() -> Storage:
    return storages["documents"]


def new_storage_name() -> str:
    """Random, so that the stored object's name reveals nothing about its content or its row."""
    return secrets.token_hex(20)


def open_for_write(name: str) -> File:
    """A writable handle on a new stored object; written to as segments are sealed."""
    storage = document_storage()
    if isinstance(storage, FileSystemStorage):
        path = Path(storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path.exists():
            raise FileExistsError(name)
    return storage.open(name, "wb")


def open_for_read(name: str):
    """A readable handle for `with`. On S3 the object is streamed as it is read: django-storages'
    own read handle would first copy the whole object into memory."""
    storage = document_storage()
    if not hasattr(storage, "bucket"):
        return storage.open(name, "rb")
    from botocore.exceptions import ClientError
    from storages.utils import clean_name

    try:
        response = storage.bucket.Object(storage._normalize_name(clean_name(name))).get()
    except ClientError as exc:
        raise FileNotFoundError(f"The stored object {name} cannot be read ({exc}).") from exc
    return closing(response["Body"])


def delete_quietly(name: str) -> None:
    """Removes an abandoned upload's ciphertext; a failure is logged, not raised (it holds no plaintext)."""
    try:
        document_storage().delete(name)
    except Exception:  # noqa: BLE001 (filesystem and S3 backends raise different errors)
        logger.warning("Could not delete the abandoned document object %s.", name, exc_info=True)
