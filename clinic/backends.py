"""The sign-in backend: Django's ModelBackend, with the user's roles read in the same query.

Every page asks which roles the signed-in user holds (navigation, the role guards); reading the
user and then their groups cost two queries on every request. Here the user row is joined to its
groups' names, one row per group, and the roles are kept on the user for the request
(clinic/permissions.py reads them there).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import F

from clinic.roles import Role


class ClinicModelBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.filter(pk=user_id)
        rows = list(users.annotate(group_name=F("groups__name")))
        if not rows:
            return None
        user = rows[0]
        user._clinic_roles = frozenset(row.group_name for row in rows) & frozenset(Role.values)
        return user if self.user_can_authenticate(user) else None
