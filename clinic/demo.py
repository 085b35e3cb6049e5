"""Demo accounts for `manage.py seed_demo`. Every name here is invented."""

from django.contrib.auth.models import Group

from clinic.models import User
from clinic.roles import Role

DEMO_USERS = [
    # username, first name, last name, role, on call
    ("volunteer", "Valeria", "Ríos", Role.VOLUNTEER, False),
    ("attorney", "Andrea", "Molina", Role.ATTORNEY, False),
    ("attorney2", "Tomasz", "Nowicki", Role.ATTORNEY, False),
    ("coordinator", "Carmen", "Ibarra", Role.COORDINATOR, True),
    ("admin", "Alex", "Admin", Role.ADMINISTRATOR, False),
]


def seed(*, password: str, users: dict[str, User]) -> None:
    """Creates (or resets) the demo accounts, one per role and two attorneys."""
    for username, first, last, role, on_call in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@clinic.example"
        user.is_on_call = on_call
        user.is_staff = role == Role.ADMINISTRATOR
        user.set_password(password)
        user._history_user = None
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        users[username] = user
