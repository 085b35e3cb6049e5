import base64
import time

import pytest
from django.test import Client
from django.utils import translation

from clinic.middleware import IdleSessionMiddleware
from clinic.roles import Role
from tests.factories import UserFactory, verified_device_for


class VerifiedClient(Client):
    """`force_login` as a user who has also passed two-factor sign-in with a real device.

    Tests of the second step itself use `Client()` directly.
    """

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        from clinic import two_factor

        verified_device_for(user)
        session = self.session
        epoch = type(user).objects.values_list("two_factor_epoch", flat=True).get(pk=user.pk)
        session[two_factor.SESSION_KEY] = f"{user.pk}:{epoch}"
        # As a real sign-in leaves it: saved just now, so the next pages need not write it again.
        session[IdleSessionMiddleware.TOUCHED_KEY] = int(time.time())
        session.save()


@pytest.fixture
def client():
    return VerifiedClient()


@pytest.fixture(autouse=True)
def document_storage(settings, tmp_path):
    """Document ciphertext goes to a folder of the test's own, never to the data folder."""
    location = tmp_path / "documents"
    location.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location},
        },
    }
    return location


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


@pytest.fixture
def migration_data(db):
    """The rows data migrations write (roles, courts and deadline rules, poverty guidelines, the
    first-hours checklist), written again: a transactional test before this one emptied every
    table. Each seed is idempotent, so this is harmless when nothing was emptied."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group

    from clinic.roles import Role

    for role in Role:
        Group.objects.get_or_create(name=role)
    for module in (
        "cases.migrations.0004_hearings_and_deadlines",
        "intake.migrations.0002_poverty_guidelines_2024_2025",
        "response.migrations.0002_first_hours_data",
    ):
        import_module(module).seed(apps, None)
