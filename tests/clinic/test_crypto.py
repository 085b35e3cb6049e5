import base64
import json
import stat
from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from clinic import crypto

KEY_A = base64.b64encode(b"a" * 32).decode()
KEY_B = base64.b64encode(b"b" * 32).decode()
INDEX = base64.b64encode(b"i" * 32).decode()


@pytest.fixture
def ring_a(settings):
    settings.CLINIC_KEYS = f"a1:{KEY_A}"
    settings.CLINIC_INDEX_KEY = INDEX


def test_it_round_trips_text(ring_a):
    token = crypto.encrypt("Müller ñandú مرحبا", context="intake.client.phone")
    assert crypto.decrypt(token, context="intake.client.phone") == "Müller ñandú مرحبا"


def test_the_token_carries_version_and_key_id_and_no_plaintext(ring_a):
    token = crypto.encrypt("A012345678", context="intake.client.a_number")
    assert token.startswith("v1:a1:")
    assert "012345678" not in token
    assert crypto.token_key_id(token) == "a1"


def test_the_same_value_encrypts_differently_each_time(ring_a):
    assert crypto.encrypt("x", context="c") != crypto.encrypt("x", context="c")


def test_a_token_moved_to_another_column_does_not_decrypt(ring_a):
    token = crypto.encrypt("secret", context="intake.client.phone")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token, context="intake.client.address")


def test_a_flipped_byte_is_detected(ring_a):
    token = crypto.encrypt("secret", context="c")
    prefix, payload = token.rsplit(":", 1)
    raw = bytearray(base64.b64decode(payload))
    raw[-1] ^= 1
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(f"{prefix}:{base64.b64encode(bytes(raw)).decode()}", context="c")


def test_the_first_key_encrypts_and_older_keys_still_decrypt(settings, ring_a):
    old = crypto.encrypt("before rotation", context="c")
    settings.CLINIC_KEYS = f"b2:{KEY_B},a1:{KEY_A}"
    new = crypto.encrypt("after rotation", context="c")
    assert crypto.token_key_id(new) == "b2"
    assert crypto.decrypt(old, context="c") == "before rotation"


def test_an_unknown_key_id_is_refused(settings, ring_a):
    token = crypto.encrypt("x", context="c")
    settings.CLINIC_KEYS = f"b2:{KEY_B}"
    with pytest.raises(crypto.DecryptionError, match="not in the key ring"):
        crypto.decrypt(token, context="c")


def test_blind_indexes_do_not_change_when_the_master_key_rotates(settings, ring_a):
    before = crypto.blind_index("012345678", purpose="a_number")
    settings.CLINIC_KEYS = f"b2:{KEY_B},a1:{KEY_A}"
    assert crypto.blind_index("012345678", purpose="a_number") == before
    assert crypto.blind_index("012345678", purpose="name_dob") != before


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("nokey", "id:base64key"),
        ("k:notbase64!", "base64"),
        ("k:" + base64.b64encode(b"s").decode(), "32 bytes"),
    ],
)
def test_bad_key_configuration_is_refused_with_a_message(settings, value, message):
    settings.CLINIC_KEYS = value
    settings.CLINIC_INDEX_KEY = INDEX
    with pytest.raises(ImproperlyConfigured, match=message):
        crypto.key_ring()


def test_without_keys_and_without_debug_it_names_clinic_keys(settings, tmp_path):
    settings.CLINIC_KEYS = None
    settings.CLINIC_KEY_FILE = tmp_path / "missing.json"
    settings.CLINIC_KEY_FILE_GENERATE = False
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured, match="CLINIC_KEYS"):
        crypto.key_ring()


def test_the_embedded_default_generates_a_private_key_file_and_warns(settings, tmp_path, caplog):
    path = tmp_path / "keys.json"
    settings.CLINIC_KEYS = None
    settings.CLINIC_KEY_FILE = path
    settings.DEBUG = True
    ring = crypto.key_ring()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Generated a new encryption key file" in caplog.text
    assert json.loads(path.read_text())["keys"][0]["id"] == ring.active_id
    crypto.key_ring.cache_clear()
    assert crypto.key_ring() == ring


def test_the_system_check_reports_missing_keys(settings, tmp_path):
    settings.CLINIC_KEYS = None
    settings.CLINIC_KEY_FILE = tmp_path / "missing.json"
    settings.CLINIC_KEY_FILE_GENERATE = False
    settings.DEBUG = False
    [error] = crypto.check_key_ring()
    assert error.id == "clinic.E101"
    assert "CLINIC_KEYS" in error.msg


def test_encrypted_dates_round_trip_through_the_field():
    field = crypto.EncryptedDateField()
    field.set_attributes_from_name("date_of_birth")
    field.model = type("M", (), {"_meta": type("Meta", (), {"label_lower": "tests.m"})})
    assert field.to_plaintext(date(2001, 2, 3)) == "2001-02-03"
    assert field.from_plaintext("2001-02-03") == date(2001, 2, 3)
    assert field.to_python("2001-02-03") == date(2001, 2, 3)
