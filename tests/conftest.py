import base64

import pytest
from django.utils import translation

from clinic.roles import Role
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Fixed, test-only keys: no test reads or writes a key file in the working tree's data folder.
TEST_KEYS = "test1:" + base64.b64encode(bytes(range(32))).decode()
TEST_INDEX_KEY = base64.b64encode(bytes(range(32, 64))).decode()


@pytest.fixture(autouse=True)
def _test_keys(settings):
    settings.CLINIC_KEYS = TEST_KEYS
    settings.CLINIC_INDEX_KEY = TEST_INDEX_KEY


@pytest.fixture(autouse=True)
def _english_unless_a_test_asks(settings):
    """A request in Spanish leaves Spanish active in its thread; each test starts in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def volunteer(db):
    return UserFactory(username="volunteer", role=Role.VOLUNTEER)


@pytest.fixture
def other_volunteer(db):
    return UserFactory(username="other_volunteer", role=Role.VOLUNTEER)


@pytest.fixture
def attorney(db):
    return UserFactory(username="attorney", role=Role.ATTORNEY)


@pytest.fixture
def other_attorney(db):
    return UserFactory(username="other_attorney", role=Role.ATTORNEY)


@pytest.fixture
def coordinator(db):
    return UserFactory(username="coordinator", role=Role.COORDINATOR)


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", role=Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def no_role_user(db):
    return UserFactory(username="norole")
