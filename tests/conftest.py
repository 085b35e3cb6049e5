import pytest

from clinic.roles import Role
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _access_log_head_per_test(settings, tmp_path):
    """Each test's database starts empty, so its access log's head must start absent too."""
    settings.CLINIC_AUDIT_HEAD_FILE = tmp_path / "access_log_head.json"


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
