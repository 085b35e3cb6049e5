"""All cryptography in the project: the key ring, field encryption and blind indexes.

Keys come only from configuration:

- ``CLINIC_KEYS``: comma-separated ``id:base64key`` master keys (32 bytes each). The first one
  encrypts; every one decrypts, so an old key stays listed until nothing depends on it.
- ``CLINIC_INDEX_KEY``: a base64 secret (32 bytes) for blind indexes. It is kept apart from the
  master keys on purpose: rotating a master key must not change any index value.
- ``CLINIC_KEY_FILE``: a JSON file holding both, used when ``CLINIC_KEYS`` is unset. In the
  embedded default it is generated on first run with mode 0600 and a warning.
- ``CLINIC_AUDIT_KEY``: a base64 secret (32 bytes) that MACs the access log's chain and its head.
  It is apart from the other keys so that whoever may read client data (or rotate its keys) is not
  thereby able to rewrite the audit trail; in the embedded default it is generated into
  ``audit_key`` in the data folder (mode 0600).

Field tokens look like ``v1:<key id>:<base64(nonce + ciphertext)>``: AES-256-GCM with a random
96-bit nonce, and associated data naming the model and field, so that a token copied into another
column does not decrypt.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver

logger = logging.getLogger(__name__)

TOKEN_VERSION = "v1"  # noqa: S105 (a format tag, not a secret)
KEY_BYTES = 32
NONCE_BYTES = 12
_KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class DecryptionError(Exception):
    """A token that is malformed, names an unknown key, or fails authentication."""


@dataclass(frozen=True)
class KeyRing:
    keys: dict[str, bytes]  # insertion order: the first one encrypts
    index_secret: bytes

    @property
    def active_id(self) -> str:
        return next(iter(self.keys))

    def index_key(self, purpose: str) -> bytes:
        """A key per purpose, derived from the index secret (never from a rotating master key)."""
        return HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=f"clinic-blind-index:{purpose}".encode()
        ).derive(self.index_secret)


def _decode_key(text: str, *, source: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ImproperlyConfigured(f"{source}: a key is not valid base64.") from exc
    if len(raw) != KEY_BYTES:
        raise ImproperlyConfigured(f"{source}: each key must be {KEY_BYTES} bytes, not {len(raw)}.")
    return raw


def _check_id(key_id: str, *, source: str) -> str:
    if not _KEY_ID.match(key_id):
        raise ImproperlyConfigured(f"{source}: key id {key_id!r} must be 1-32 letters, digits, - or _.")
    return key_id


def parse_keys(value: str, *, source: str = "CLINIC_KEYS") -> dict[str, bytes]:
    keys: dict[str, bytes] = {}
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        key_id, sep, encoded = item.partition(":")
        if not sep:
            raise ImproperlyConfigured(f"{source}: write each key as id:base64key.")
        key_id = _check_id(key_id.strip(), source=source)
        if key_id in keys:
            raise ImproperlyConfigured(f"{source}: key id {key_id!r} appears twice.")
        keys[key_id] = _decode_key(encoded, source=source)
    if not keys:
        raise ImproperlyConfigured(f"{source} holds no keys.")
    return keys


def generate_key_file(path: Path) -> None:
    """Writes a fresh key file readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    content = {
        "keys": [{"id": "k1", "key": base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()}],
        "index_key": base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode(),
    }
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(content, handle, indent=2)
    logger.warning(
        "Generated a new encryption key file at %s. Back it up: without it the encrypted data cannot "
        "be read. In production set CLINIC_KEYS and CLINIC_INDEX_KEY instead.",
        path,
    )


def _read_key_file(path: Path) -> KeyRing:
    source = f"CLINIC_KEY_FILE ({path})"
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        entries = content["keys"]
        keys = {_check_id(e["id"], source=source): _decode_key(e["key"], source=source) for e in entries}
        index_secret = _decode_key(content["index_key"], source=source)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ImproperlyConfigured(f"{source} is not a readable key file ({exc}).") from exc
    if not keys:
        raise ImproperlyConfigured(f"{source} holds no keys.")
    return KeyRing(keys=keys, index_secret=index_secret)


@cache
def key_ring() -> KeyRing:
    configured = getattr(settings, "CLINIC_KEYS", None)
    if configured:
        index = getattr(settings, "CLINIC_INDEX_KEY", None)
        if not index:
            raise ImproperlyConfigured("CLINIC_INDEX_KEY must be set together with CLINIC_KEYS.")
        index_secret = _decode_key(index, source="CLINIC_INDEX_KEY")
        return KeyRing(keys=parse_keys(configured), index_secret=index_secret)
    path = Path(settings.CLINIC_KEY_FILE)
    if not path.exists():
        if not (settings.DEBUG or getattr(settings, "CLINIC_KEY_FILE_GENERATE", False)):
            raise ImproperlyConfigured(
                "No encryption keys: set CLINIC_KEYS (and CLINIC_INDEX_KEY) or CLINIC_KEY_FILE "
                "when DEBUG is off."
            )
        generate_key_file(path)
    return _read_key_file(path)


# The access log's MAC key -------------------------------------------------------------------


def generate_secret_file(path: Path) -> None:
    """A fresh base64 32-byte secret in a file readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole under a temporary name, then linked into place: a second process starting at
    # the same moment either wins the link or reads the winner's complete file, never half of one.
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode() + "\n")
    try:
        os.link(temporary, path)
    except FileExistsError:
        return
    finally:
        temporary.unlink()
    logger.warning(
        "Generated a new access-log MAC key at %s. Keep it apart from the database and back it up: "
        "without it the access log cannot be verified. In production set CLINIC_AUDIT_KEY instead.",
        path,
    )


@cache
def audit_key() -> bytes:
    configured = getattr(settings, "CLINIC_AUDIT_KEY", None)
    if configured:
        return _decode_key(configured, source="CLINIC_AUDIT_KEY")
    path = Path(settings.CLINIC_AUDIT_KEY_PATH)
    if not path.exists():
        if not (settings.DEBUG or getattr(settings, "CLINIC_KEY_FILE_GENERATE", False)):
            raise ImproperlyConfigured("No access-log key: set CLINIC_AUDIT_KEY (or CLINIC_AUDIT_KEY_FILE).")
        generate_secret_file(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ImproperlyConfigured(f"The access-log key file {path} is not readable ({exc}).") from exc
    return _decode_key(text, source=f"the access-log key file ({path})")


def audit_mac(payload: bytes) -> str:
    """HMAC-SHA256 under the access-log key, hex."""
    return hmac.new(audit_key(), payload, hashlib.sha256).hexdigest()


def audit_mac_matches(payload: bytes, mac: str) -> bool:
    return hmac.compare_digest(audit_mac(payload), mac)


@register(Tags.security)
def check_key_ring(app_configs=None, **kwargs) -> list[CheckMessage]:
    """Stops `runserver`, `migrate` and deploy checks early when no keys are configured."""
    errors: list[CheckMessage] = []
    try:
        key_ring()
    except ImproperlyConfigured as exc:
        errors.append(Error(str(exc), hint="See CLINIC_KEYS in the configuration notes.", id="clinic.E101"))
    try:
        audit_key()
    except ImproperlyConfigured as exc:
        errors.append(
            Error(str(exc), hint="See CLINIC_AUDIT_KEY in the configuration notes.", id="clinic.E102")
        )
    return errors


@receiver(setting_changed)
def _forget_keys(*, setting: str, **kwargs) -> None:
    if setting in {"CLINIC_KEYS", "CLINIC_INDEX_KEY", "CLINIC_KEY_FILE", "CLINIC_KEY_FILE_GENERATE", "DEBUG"}:
        key_ring.cache_clear()
    if setting in {"CLINIC_AUDIT_KEY", "CLINIC_AUDIT_KEY_PATH", "CLINIC_KEY_FILE_GENERATE", "DEBUG"}:
        audit_key.cache_clear()


# Field encryption ---------------------------------------------------------------------------


def encrypt(plaintext: str, *, context: str) -> str:
    ring = key_ring()
    key_id = ring.active_id
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(ring.keys[key_id]).encrypt(nonce, plaintext.encode("utf-8"), _aad(context, key_id))
    return f"{TOKEN_VERSION}:{key_id}:{base64.b64encode(nonce + sealed).decode('ascii')}"


def decrypt(token: str, *, context: str) -> str:
    version, key_id, payload = _split(token)
    key = key_ring().keys.get(key_id)
    if key is None:
        raise DecryptionError(f"The key {key_id!r} is not in the key ring.")
    try:
        raw = base64.b64decode(payload, validate=True)
        plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(context, key_id))
    except (binascii.Error, ValueError, InvalidTag) as exc:
        raise DecryptionError("The value does not authenticate (wrong column or key, or altered).") from exc
    return plain.decode("utf-8")


def token_key_id(token: str) -> str:
    """Which master key a stored token depends on (rotation reports use it)."""
    return _split(token)[1]


def is_token(value: str) -> bool:
    try:
        _split(value)
    except DecryptionError:
        return False
    return True


def _split(token: str) -> tuple[str, str, str]:
    parts = token.split(":", 2)
    if len(parts) != 3 or parts[0] != TOKEN_VERSION or not _KEY_ID.match(parts[1]):
        raise DecryptionError("Not an encrypted value of a known version.")
    return parts[0], parts[1], parts[2]


def _aad(context: str, key_id: str) -> bytes:
    return f"{TOKEN_VERSION}|{key_id}|{context}".encode()


# Blind indexes --------------------------------------------------------------------------------


def blind_index(value: str, *, purpose: str) -> str:
    """A keyed HMAC-SHA256 of an already normalised value: equal inputs give equal digests."""
    return hmac.new(key_ring().index_key(purpose), value.encode("utf-8"), hashlib.sha256).hexdigest()


# Model fields ---------------------------------------------------------------------------------


class EncryptedTextField(models.TextField):
    """Text stored as an AES-GCM token bound to its model and field; Python sees plaintext.

    Empty strings are stored empty (not encrypted) so that "not given" stays queryable; NULL stays NULL.
    Encrypted columns cannot be filtered or ordered on: use a blind index for lookups.
    """

    def _context(self) -> str:
        # Historical copies (simple-history) share the context of the model they mirror.
        model = self.model
        label = getattr(model, "instance_type", model)._meta.label_lower
        return f"{label}.{self.attname}"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return self.from_plaintext(value)
        return self.from_plaintext(decrypt(value, context=self._context()))

    def get_prep_value(self, value):
        value = self.to_plaintext(models.Field.get_prep_value(self, value))
        if value is None or value == "":
            return value
        return encrypt(value, context=self._context())

    def from_plaintext(self, value):
        return value

    def to_plaintext(self, value):
        return value if value is None else str(value)

    def value_to_string(self, obj):
        return self.to_plaintext(self.value_from_object(obj)) or ""


class EncryptedDateField(EncryptedTextField):
    """A date stored encrypted (ISO format inside the token)."""

    def from_plaintext(self, value):
        if not value:
            return None
        return date.fromisoformat(value)

    def to_plaintext(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, date):
            return value.isoformat()
        return date.fromisoformat(str(value)).isoformat()

    def to_python(self, value):
        if value is None or value == "" or isinstance(value, date):
            return value or None
        return date.fromisoformat(str(value))

    def formfield(self, **kwargs):
        return models.DateField(null=self.null, blank=self.blank, verbose_name=self.verbose_name).formfield(
            **{"help_text": self.help_text, "required": not self.blank, **kwargs}
        )
