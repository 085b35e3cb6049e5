"""The sign-in backend reads the user and their roles in one query (clinic/backends.py)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from clinic.backends import ClinicModelBackend
from clinic.permissions import user_roles
from clinic.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_loads_a_user_with_every_role_they_hold_in_one_query(django_assert_num_queries):
    user = UserFactory(role=Role.COORDINATOR)
    user.groups.add(Group.objects.get(name=Role.ATTORNEY))
    with django_assert_num_queries(1):
        loaded = ClinicModelBackend().get_user(user.pk)
        roles = user_roles(loaded)
    assert loaded == user
    assert roles == {Role.COORDINATOR, Role.ATTORNEY}


def test_a_user_without_a_role_has_none():
    user = UserFactory()
    assert user_roles(ClinicModelBackend().get_user(user.pk)) == frozenset()


def test_a_group_that_is_not_a_role_is_not_taken_for_one():
    user = UserFactory(role=Role.VOLUNTEER)
    user.groups.add(Group.objects.create(name="book club"))
    assert user_roles(ClinicModelBackend().get_user(user.pk)) == {Role.VOLUNTEER}


def test_a_deactivated_or_missing_user_is_not_signed_in():
    user = UserFactory(role=Role.COORDINATOR, is_active=False)
    assert ClinicModelBackend().get_user(user.pk) is None
    assert ClinicModelBackend().get_user(user.pk + 1000) is None


def test_a_role_taken_away_is_gone_on_the_next_page(client):
    coordinator = UserFactory(role=Role.COORDINATOR)
    client.force_login(coordinator)
    assert client.get(reverse("cases:case_list")).status_code == 200
    coordinator.groups.clear()
    assert client.get(reverse("cases:case_list")).status_code == 403
