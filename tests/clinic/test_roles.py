import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from clinic.models import AccessEvent, RoleChange
from clinic.permissions import user_roles
from clinic.roles import Role
from clinic.services import RoleChangeError, role_change_confirm, user_roles_set
from tests.factories import UserFactory


def _roles(user):
    user._clinic_roles = None
    return set(user_roles(user))


def _admin_change(client, user, **data):
    form = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "phone": "",
        "is_active": "on",
        "roles": [],
        **data,
    }
    return client.post(reverse("admin:clinic_user_change", args=[user.pk]), form)


def test_an_administrator_assigns_the_attorney_role_at_once_and_it_is_recorded(administrator, volunteer):
    user_roles_set(user=volunteer, roles={Role.VOLUNTEER, Role.ATTORNEY}, acting_user=administrator)
    assert _roles(volunteer) == {Role.VOLUNTEER, Role.ATTORNEY}
    change = RoleChange.objects.get(user=volunteer)
    assert change.status == RoleChange.Status.APPLIED
    assert change.history.first().history_user == administrator
    event = AccessEvent.objects.get(action=AccessEvent.Action.ROLE_CHANGE)
    assert (event.actor, event.detail) == (administrator, "granted attorney")


def test_the_coordinator_role_waits_for_a_coordinator(administrator, attorney, coordinator):
    user_roles_set(user=attorney, roles={Role.ATTORNEY, Role.COORDINATOR}, acting_user=administrator)
    assert _roles(attorney) == {Role.ATTORNEY}
    change = RoleChange.objects.get(user=attorney, role=Role.COORDINATOR)
    assert change.status == RoleChange.Status.PENDING
    role_change_confirm(change=change, acting_user=coordinator)
    assert _roles(attorney) == {Role.ATTORNEY, Role.COORDINATOR}


def test_nobody_changes_their_own_roles(administrator):
    with pytest.raises(RoleChangeError):
        user_roles_set(
            user=administrator, roles={Role.ADMINISTRATOR, Role.COORDINATOR}, acting_user=administrator
        )
    assert not RoleChange.objects.exists()


def test_the_one_who_asked_cannot_confirm(coordinator, attorney):
    user_roles_set(user=attorney, roles={Role.ATTORNEY, Role.COORDINATOR}, acting_user=coordinator)
    change = RoleChange.objects.get(role=Role.COORDINATOR)
    with pytest.raises(RoleChangeError):
        role_change_confirm(change=change, acting_user=coordinator)


def test_an_administrator_cannot_confirm_a_request(administrator, attorney):
    other_admin = UserFactory(username="admin2", role=Role.ADMINISTRATOR, is_staff=True)
    user_roles_set(user=attorney, roles={Role.ATTORNEY, Role.ADMINISTRATOR}, acting_user=other_admin)
    with pytest.raises(RoleChangeError):
        role_change_confirm(change=RoleChange.objects.get(status="pending"), acting_user=administrator)


def test_the_admin_site_offers_no_superuser_staff_group_or_permission_fields(client, administrator, attorney):
    client.force_login(administrator)
    content = client.get(reverse("admin:clinic_user_change", args=[attorney.pk])).content.decode()
    for field in ("is_superuser", "is_staff", "user_permissions", 'name="groups"'):
        assert field not in content


def test_an_administrator_cannot_set_superuser_or_raw_permissions_through_the_admin(
    client, administrator, attorney
):
    client.force_login(administrator)
    permission = Permission.objects.get(codename="view_case")
    response = _admin_change(
        client,
        attorney,
        roles=[Role.ATTORNEY.value],
        is_superuser="on",
        is_staff="on",
        user_permissions=[permission.pk],
        groups=[1, 2, 3, 4],
    )
    assert response.status_code == 302
    attorney.refresh_from_db()
    assert not attorney.is_superuser and not attorney.is_staff
    assert not attorney.user_permissions.exists()
    assert _roles(attorney) == {Role.ATTORNEY}


def test_an_administrator_asking_for_coordinator_through_the_admin_only_makes_a_request(
    client, administrator, attorney
):
    client.force_login(administrator)
    _admin_change(client, attorney, roles=[Role.ATTORNEY.value, Role.COORDINATOR.value])
    assert _roles(attorney) == {Role.ATTORNEY}
    assert RoleChange.objects.get(role=Role.COORDINATOR).status == RoleChange.Status.PENDING


def test_an_administrator_cannot_change_their_own_roles_or_flags_in_the_admin(client, administrator):
    client.force_login(administrator)
    content = client.get(reverse("admin:clinic_user_change", args=[administrator.pk])).content.decode()
    assert 'name="roles"' not in content and 'name="is_active"' not in content
    _admin_change(client, administrator, roles=[Role.COORDINATOR.value, Role.ADMINISTRATOR.value])
    assert _roles(administrator) == {Role.ADMINISTRATOR}
    assert not RoleChange.objects.exists()


def test_a_coordinator_confirms_on_the_page(client, administrator, attorney, coordinator):
    user_roles_set(user=attorney, roles={Role.ATTORNEY, Role.COORDINATOR}, acting_user=administrator)
    change = RoleChange.objects.get(status="pending")
    client.force_login(coordinator)
    assert attorney.username.encode() in client.get(reverse("role_changes_pending")).content
    client.post(reverse("role_change_decide", args=[change.pk]), {"decision": "confirm"})
    assert _roles(attorney) == {Role.ATTORNEY, Role.COORDINATOR}


def test_a_coordinator_refuses_on_the_page(client, administrator, attorney, coordinator):
    user_roles_set(user=attorney, roles={Role.ATTORNEY, Role.ADMINISTRATOR}, acting_user=administrator)
    change = RoleChange.objects.get(status="pending")
    client.force_login(coordinator)
    client.post(reverse("role_change_decide", args=[change.pk]), {"decision": "refuse"})
    change.refresh_from_db()
    assert change.status == RoleChange.Status.REFUSED
    assert _roles(attorney) == {Role.ATTORNEY}


@pytest.mark.parametrize("refused", ["administrator", "attorney", "volunteer"])
def test_only_a_coordinator_reaches_the_confirmation_page(
    client, request, refused, coordinator, other_attorney
):
    user_roles_set(user=other_attorney, roles={Role.ATTORNEY, Role.COORDINATOR}, acting_user=coordinator)
    change = RoleChange.objects.get(status="pending")
    client.force_login(request.getfixturevalue(refused))
    assert client.get(reverse("role_changes_pending")).status_code == 403
    assert (
        client.post(reverse("role_change_decide", args=[change.pk]), {"decision": "confirm"}).status_code
        == 403
    )
    assert _roles(other_attorney) == {Role.ATTORNEY}


def test_the_admin_site_shows_client_models_read_only_and_logs_the_read(client, db):
    from django.contrib.auth import get_user_model

    from tests.intake.factories import ClientFactory

    superuser = get_user_model().objects.create_superuser("root", "root@clinic.example", "x" * 16)
    person = ClientFactory()
    client.force_login(superuser)
    response = client.get(reverse("admin:intake_client_change", args=[person.pk]))
    assert response.status_code == 200
    assert b'name="preferred_language"' not in response.content
    assert AccessEvent.objects.filter(object_type="intake.client", object_id=str(person.pk)).exists()
    assert client.post(reverse("admin:intake_client_delete", args=[person.pk])).status_code == 403


def test_an_administrator_cannot_change_a_coordinators_account_or_password(
    client, administrator, coordinator
):
    client.force_login(administrator)
    response = _admin_change(client, coordinator, email="attacker@example.org")
    assert response.status_code == 403
    coordinator.refresh_from_db()
    assert coordinator.email != "attacker@example.org"
    # Django's UserAdmin names its password page after auth.User whatever the user model
    password_url = reverse("admin:auth_user_password_change", args=[coordinator.pk])
    assert client.get(password_url).status_code == 403


def test_an_administrator_creates_an_attorney_account(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:clinic_user_add"),
        {
            "username": "newattorney",
            "first_name": "Nadia",
            "last_name": "Ortiz",
            "email": "nadia@clinic.example",
            "password1": "a-long-enough-passphrase-7",
            "password2": "a-long-enough-passphrase-7",
            "roles": [Role.ATTORNEY.value, Role.COORDINATOR.value],
        },
    )
    assert response.status_code == 302
    from clinic.models import User

    created = User.objects.get(username="newattorney")
    assert _roles(created) == {Role.ATTORNEY}
    assert not created.is_superuser and not created.is_staff
    assert RoleChange.objects.get(user=created, role=Role.COORDINATOR).status == RoleChange.Status.PENDING
