"""The pro bono network: attorneys' profiles."""

from django.db import transaction

from cases.models import AttorneyProfile
from cases.services._base import _save
from clinic.models import User


@transaction.atomic
def attorney_profile_save(*, user: User, acting_user: User, **fields) -> AttorneyProfile:
    """What matching knows about an attorney; they keep it current themselves."""
    profile = AttorneyProfile.objects.filter(user=user).first() or AttorneyProfile(user=user)
    for name, value in fields.items():
        setattr(profile, name, value)
    _save(profile, acting_user)
    return profile
