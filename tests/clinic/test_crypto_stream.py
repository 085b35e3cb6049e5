import base64
import io
import os

import pytest

from clinic.crypto import stream

SEG = 1024
SEALED = SEG + stream.TAG_BYTES
KEY_A = base64.b64encode(b"a" * 32).decode()
KEY_B = base64.b64encode(b"b" * 32).decode()
INDEX = base64.b64encode(b"i" * 32).decode()


@pytest.fixture
def ring_a(settings):
    settings.CLINIC_KEYS = f"a1:{KEY_A}"
    settings.CLINIC_INDEX_KEY = INDEX


@pytest.fixture
def data_key():
    return stream.new_data_key()


def seal(data: bytes, key: bytes, object_id: str = "doc-1", chunk: int = 300) -> bytes:
    chunks = [data[i : i + chunk] for i in range(0, len(data), chunk)]
    return b"".join(stream.encrypt_stream(chunks, key, object_id=object_id, segment_size=SEG))


def open_(body: bytes, key: bytes, object_id: str = "doc-1") -> bytes:
    return b"".join(stream.decrypt_stream(io.BytesIO(body), key, object_id=object_id))


def segments(body: bytes) -> tuple[bytes, list[bytes]]:
    header, rest = body[: stream.HEADER_BYTES], body[stream.HEADER_BYTES :]
    return header, [rest[i : i + SEALED] for i in range(0, len(rest), SEALED)]


@pytest.mark.parametrize("size", [0, 1, SEG - 1, SEG, SEG + 1, 3 * SEG, 3 * SEG + 17])
def test_it_round_trips_every_size_around_segment_boundaries(data_key, size):
    data = os.urandom(size)
    body = seal(data, data_key)
    assert len(body) == stream.ciphertext_size(size, segment_size=SEG)
    assert open_(body, data_key) == data


def test_the_body_holds_no_plaintext_and_starts_with_the_header(data_key):
    marker = b"MARKER-PLAINTEXT-4711 " * 200
    body = seal(marker, data_key)
    assert body.startswith(b"CLDOC\x01")
    assert b"MARKER-PLAINTEXT" not in body


def test_a_flipped_byte_is_detected(data_key):
    body = bytearray(seal(os.urandom(3 * SEG), data_key))
    body[stream.HEADER_BYTES + SEALED + 5] ^= 0x01
    with pytest.raises(stream.IntegrityError):
        open_(bytes(body), data_key)


def test_a_flipped_header_byte_is_detected(data_key):
    body = bytearray(seal(os.urandom(2 * SEG), data_key))
    body[12] ^= 0x01  # inside the nonce prefix
    with pytest.raises(stream.IntegrityError):
        open_(bytes(body), data_key)


def test_swapped_segments_are_detected(data_key):
    header, parts = segments(seal(os.urandom(3 * SEG + 10), data_key))
    parts[0], parts[1] = parts[1], parts[0]
    with pytest.raises(stream.IntegrityError, match="Segment 0"):
        open_(header + b"".join(parts), data_key)


def test_a_dropped_middle_segment_is_detected(data_key):
    header, parts = segments(seal(os.urandom(3 * SEG + 10), data_key))
    del parts[1]
    with pytest.raises(stream.IntegrityError, match="Segment 1"):
        open_(header + b"".join(parts), data_key)


def test_reordered_segments_are_detected(data_key):
    header, parts = segments(seal(os.urandom(4 * SEG + 10), data_key))
    with pytest.raises(stream.IntegrityError):
        open_(header + b"".join([parts[0], parts[2], parts[1], parts[3], parts[4]]), data_key)


def test_a_body_truncated_at_a_segment_boundary_is_detected(data_key):
    header, parts = segments(seal(os.urandom(3 * SEG + 10), data_key))
    with pytest.raises(stream.IntegrityError):
        open_(header + b"".join(parts[:2]), data_key)


def test_a_body_truncated_inside_a_segment_is_detected(data_key):
    body = seal(os.urandom(3 * SEG + 10), data_key)
    with pytest.raises(stream.IntegrityError):
        open_(body[:-5], data_key)


def test_a_body_cut_to_its_header_is_detected(data_key):
    body = seal(os.urandom(10), data_key)
    with pytest.raises(stream.IntegrityError, match="truncated"):
        open_(body[: stream.HEADER_BYTES], data_key)


def test_bytes_appended_after_the_last_segment_are_detected(data_key):
    body = seal(os.urandom(2 * SEG), data_key)
    header, parts = segments(body)
    with pytest.raises(stream.IntegrityError):
        open_(body + parts[0], data_key)


def test_a_body_moved_to_another_document_is_detected(data_key):
    body = seal(b"declaration text", data_key, object_id="doc-1")
    with pytest.raises(stream.IntegrityError):
        open_(body, data_key, object_id="doc-2")


def test_a_segment_from_another_body_under_the_same_key_is_detected(data_key):
    header_1, parts_1 = segments(seal(os.urandom(2 * SEG + 1), data_key))
    _header_2, parts_2 = segments(seal(os.urandom(2 * SEG + 1), data_key))
    with pytest.raises(stream.IntegrityError):
        open_(header_1 + parts_2[0] + b"".join(parts_1[1:]), data_key)


def test_no_plaintext_is_released_before_its_segment_verifies(data_key):
    data = b"A" * SEG + b"B" * SEG + b"C" * 10
    body = bytearray(seal(data, data_key))
    body[stream.HEADER_BYTES + SEALED + 3] ^= 0x01  # the second segment
    released = []
    with pytest.raises(stream.IntegrityError):
        for part in stream.decrypt_stream(io.BytesIO(bytes(body)), data_key, object_id="doc-1"):
            released.append(part)
    assert b"".join(released) == b"A" * SEG


def test_an_unknown_format_is_refused(data_key):
    with pytest.raises(stream.IntegrityError, match="known format"):
        open_(b"%PDF-1.7 plaintext" + b"\0" * 40, data_key)


def test_a_wrapped_key_unwraps_only_for_its_own_object(ring_a, data_key):
    envelope = stream.wrap_data_key(data_key, object_id="doc-1")
    assert envelope.key_id == "a1"
    assert len(envelope.wrapped_key) == stream.WRAPPED_KEY_BYTES
    assert stream.unwrap_data_key(envelope, object_id="doc-1") == data_key
    with pytest.raises(stream.IntegrityError):
        stream.unwrap_data_key(envelope, object_id="doc-2")


def test_rewrap_moves_the_data_key_to_the_new_master_key(settings, ring_a, data_key):
    old = stream.wrap_data_key(data_key, object_id="doc-1")
    settings.CLINIC_KEYS = f"b2:{KEY_B},a1:{KEY_A}"
    new = stream.rewrap(old, object_id="doc-1")
    assert new.key_id == "b2"
    settings.CLINIC_KEYS = f"b2:{KEY_B}"
    assert stream.unwrap_data_key(new, object_id="doc-1") == data_key
    with pytest.raises(stream.IntegrityError, match="not in the key ring"):
        stream.unwrap_data_key(old, object_id="doc-1")
