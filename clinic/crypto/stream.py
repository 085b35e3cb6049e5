"""Envelope encryption of document bodies: a data key per body, the body in authenticated segments.

This module is the written definition of the format; another implementation should be able to read
a stored body from it and the database row that goes with it.

The envelope (kept in the database row, not in the body)
--------------------------------------------------------
Every stored body has its own random 256-bit *data key*. The data key is *wrapped* (encrypted) with
AES-256-GCM under a master key of the key ring (``clinic.crypto.key_ring()``); the row stores

- ``key_id``: the id of the master key that wrapped it (ASCII, 1-32 of ``A-Za-z0-9_-``);
- ``wrapped_key``: ``nonce (12 bytes) || ciphertext (32 bytes) || tag (16 bytes)``, 60 bytes, with
  associated data ``b"clinic-dek|1|" + key_id + b"|" + object_id`` (UTF-8).

``object_id`` is the identity the body belongs to (the document version's UUID in hex). The envelope
lives in the row rather than in the body so that key rotation re-wraps 60 bytes per body without
rewriting the body itself; a wrapped key copied to another row does not unwrap.

The body (the stored object)
----------------------------
::

    header   = magic "CLDOC" (5 bytes) || version 0x01 (1 byte)
               || segment size S (4 bytes, big-endian, 1 KiB <= S <= 64 MiB)
               || nonce prefix P (7 random bytes)                         -- 17 bytes in all
    segments = C_0 || C_1 || ... || C_n

The plaintext is cut into segments of exactly S bytes, except the last, which holds 0 to S bytes
(an empty document is one empty last segment; a document whose size is a multiple of S ends with a
full last segment, never with an extra empty one). Segment i is sealed with AES-256-GCM under the
data key::

    nonce_i = P (7 bytes) || i (4 bytes, big-endian, unsigned) || last_i (1 byte: 0x01 last, else 0x00)
    aad     = b"clinic-doc|1|" + object_id (UTF-8) + b"|" + header (17 bytes)
    C_i     = AES-256-GCM-Encrypt(data key, nonce_i, segment_i, aad)      -- ciphertext || 16-byte tag

so every C_i but the last is S + 16 bytes long and the last is 16 to S + 16 bytes. This is the STREAM
construction (Hoang, Reyhanitabar, Rogaway, Vizár, 2015): a reader recomputes the nonce from the
position it reads at and from whether the stream ends there, so a flipped byte, a segment swapped,
dropped, repeated or moved, a truncated body (even at a segment boundary: the new last segment was
sealed with last = 0) and bytes appended after the end all fail the tag check, and a body copied
under another row's ``object_id`` fails on its first segment. A reader verifies each segment's tag
before it releases that segment's plaintext.

Limits: at most 2**32 segments per body (4 PiB at 1 MiB), random 56-bit prefixes under one data key
used once (each body has its own key, so a prefix never repeats under a key).
"""

from __future__ import annotations

import secrets
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from clinic.crypto import KEY_BYTES, NONCE_BYTES, KeyRing, key_ring

MAGIC = b"CLDOC"
FORMAT_VERSION = 1
HEADER_BYTES = 17
PREFIX_BYTES = 7
TAG_BYTES = 16
SEGMENT_SIZE = 1 << 20  # 1 MiB
MIN_SEGMENT_SIZE = 1 << 10
MAX_SEGMENT_SIZE = 1 << 26
MAX_SEGMENTS = 1 << 32
WRAPPED_KEY_BYTES = NONCE_BYTES + KEY_BYTES + TAG_BYTES


class IntegrityError(Exception):
    """A body or a wrapped key that is malformed, altered, truncated, reordered or misplaced."""


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True)
class Envelope:
    """What the database row keeps about a body's data key."""

    key_id: str
    wrapped_key: bytes


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _wrap_aad(key_id: str, object_id: str) -> bytes:
    return b"clinic-dek|%d|" % FORMAT_VERSION + key_id.encode("ascii") + b"|" + object_id.encode("utf-8")


def wrap_data_key(data_key: bytes, *, object_id: str, ring: KeyRing | None = None) -> Envelope:
    """Wraps `data_key` under the active master key."""
    ring = ring or key_ring()
    key_id = ring.active_id
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(ring.keys[key_id]).encrypt(nonce, data_key, _wrap_aad(key_id, object_id))
    return Envelope(key_id=key_id, wrapped_key=nonce + sealed)


def unwrap_data_key(envelope: Envelope, *, object_id: str, ring: KeyRing | None = None) -> bytes:
    ring = ring or key_ring()
    master = ring.keys.get(envelope.key_id)
    if master is None:
        raise IntegrityError(f"The master key {envelope.key_id!r} is not in the key ring.")
    raw = bytes(envelope.wrapped_key)
    if len(raw) != WRAPPED_KEY_BYTES:
        raise IntegrityError("The wrapped data key has the wrong length.")
    try:
        return AESGCM(master).decrypt(
            raw[:NONCE_BYTES], raw[NONCE_BYTES:], _wrap_aad(envelope.key_id, object_id)
        )
    except InvalidTag as exc:
        raise IntegrityError("The wrapped data key does not authenticate (altered or misplaced).") from exc


def rewrap(envelope: Envelope, *, object_id: str, ring: KeyRing | None = None) -> Envelope:
    """The same data key under the active master key; the body is untouched."""
    ring = ring or key_ring()
    if envelope.key_id == ring.active_id:
        return envelope
    return wrap_data_key(
        unwrap_data_key(envelope, object_id=object_id, ring=ring), object_id=object_id, ring=ring
    )


def _header(segment_size: int, prefix: bytes) -> bytes:
    return MAGIC + struct.pack(">BI", FORMAT_VERSION, segment_size) + prefix


def _segment_aad(object_id: str, header: bytes) -> bytes:
    return b"clinic-doc|%d|" % FORMAT_VERSION + object_id.encode("utf-8") + b"|" + header


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    if index >= MAX_SEGMENTS:
        raise IntegrityError("The body has more segments than the format allows.")
    return prefix + struct.pack(">IB", index, 1 if last else 0)


def ciphertext_size(plaintext_size: int, *, segment_size: int = SEGMENT_SIZE) -> int:
    segments = max(1, -(-plaintext_size // segment_size))
    return HEADER_BYTES + plaintext_size + segments * TAG_BYTES


class SegmentEncryptor:
    """Push-style encryption: feed plaintext chunks of any size, get ciphertext back as it is ready.

    Holds at most one segment of plaintext. `update()` returns a list of ciphertext pieces (the
    header first, then whole sealed segments); `finalize()` seals the last segment (possibly empty).
    """

    def __init__(self, data_key: bytes, *, object_id: str, segment_size: int = SEGMENT_SIZE) -> None:
        if not MIN_SEGMENT_SIZE <= segment_size <= MAX_SEGMENT_SIZE:
            raise ValueError(f"segment_size must be between {MIN_SEGMENT_SIZE} and {MAX_SEGMENT_SIZE}.")
        self._aead = AESGCM(data_key)
        self._segment_size = segment_size
        self._prefix = secrets.token_bytes(PREFIX_BYTES)
        self.header = _header(segment_size, self._prefix)
        self._aad = _segment_aad(object_id, self.header)
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._index = 0
        self._header_sent = False
        self._finished = False
        self.plaintext_size = 0

    def _seal(self, segment: bytes, *, last: bool) -> bytes:
        sealed = self._aead.encrypt(_nonce(self._prefix, self._index, last), segment, self._aad)
        self._index += 1
        return sealed

    def _take_header(self) -> list[bytes]:
        if self._header_sent:
            return []
        self._header_sent = True
        return [self.header]

    def update(self, chunk: bytes) -> list[bytes]:
        if self._finished:
            raise ValueError("The encryptor is finalised.")
        out = self._take_header()
        size = self._segment_size
        self.plaintext_size += len(chunk)
        self._pending.append(chunk)
        self._pending_size += len(chunk)
        # Keep back at least one byte: a segment is only known to be the last one at finalize().
        if self._pending_size > size:
            data = b"".join(self._pending)
            view = memoryview(data)
            offset = 0
            while len(data) - offset > size:
                out.append(self._seal(view[offset : offset + size], last=False))
                offset += size
            rest = data[offset:]
            self._pending = [rest]
            self._pending_size = len(rest)
        return out

    def finalize(self) -> bytes:
        if self._finished:
            raise ValueError("The encryptor is finalised.")
        self._finished = True
        out = self._take_header()
        out.append(self._seal(b"".join(self._pending), last=True))
        self._pending = []
        return b"".join(out)


def encrypt_stream(
    chunks: Iterable[bytes], data_key: bytes, *, object_id: str, segment_size: int = SEGMENT_SIZE
) -> Iterator[bytes]:
    """Pull-style encryption: yields the header and each sealed segment in order."""
    encryptor = SegmentEncryptor(data_key, object_id=object_id, segment_size=segment_size)
    for chunk in chunks:
        yield from encryptor.update(chunk)
    yield encryptor.finalize()


def _read_exactly(source: Readable, size: int) -> bytes:
    data = source.read(size)
    if len(data) == size or not data:
        return data
    parts = [data]
    got = len(data)
    while got < size:
        more = source.read(size - got)
        if not more:
            break
        parts.append(more)
        got += len(more)
    return b"".join(parts)


def read_header(source: Readable) -> tuple[bytes, int, bytes]:
    header = _read_exactly(source, HEADER_BYTES)
    if len(header) != HEADER_BYTES or header[:5] != MAGIC:
        raise IntegrityError("This is not a document body of a known format.")
    version, segment_size = struct.unpack(">BI", header[5:10])
    if version != FORMAT_VERSION:
        raise IntegrityError(f"Unknown document format version {version}.")
    if not MIN_SEGMENT_SIZE <= segment_size <= MAX_SEGMENT_SIZE:
        raise IntegrityError("The document header names an impossible segment size.")
    return header, segment_size, header[10:]


def decrypt_stream(source: Readable, data_key: bytes, *, object_id: str) -> Iterator[bytes]:
    """Yields each segment's plaintext only after its tag verified; raises IntegrityError otherwise.

    Reads one sealed segment ahead, to know whether the current one is the last.
    """
    header, segment_size, prefix = read_header(source)
    aead = AESGCM(data_key)
    aad = _segment_aad(object_id, header)
    sealed_size = segment_size + TAG_BYTES
    current = _read_exactly(source, sealed_size)
    if len(current) < TAG_BYTES:
        raise IntegrityError("The document body is truncated.")
    index = 0
    while True:
        following = _read_exactly(source, sealed_size) if len(current) == sealed_size else b""
        last = not following
        try:
            plain = aead.decrypt(_nonce(prefix, index, last), current, aad)
        except InvalidTag as exc:
            raise IntegrityError(
                f"Segment {index} of the document body does not authenticate "
                "(altered, reordered, truncated or belonging to another document)."
            ) from exc
        if plain:
            yield plain
        if last:
            return
        if len(following) < TAG_BYTES:
            raise IntegrityError("The document body is truncated.")
        current = following
        index += 1


def verify_stream(source: Readable, data_key: bytes, *, object_id: str) -> int:
    """Decrypts without keeping anything; returns the plaintext size or raises IntegrityError."""
    return sum(len(part) for part in decrypt_stream(source, data_key, object_id=object_id))
