"""Two-factor sign-in (TOTP through django-otp, with one-time recovery codes).

A session counts as verified when it carries the user's current ``two_factor_epoch``. Resetting a
user's device bumps the epoch, so every session verified with the old device stops counting at
once, without a query per request beyond loading the user (which every page does anyway).
"""

import base64
from dataclasses import dataclass

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.models import AccessEvent, User
from clinic.roles import Role

SESSION_KEY = "clinic_2fa_epoch"
RECOVERY_CODE_COUNT = 10
AUTHENTICATOR = "authenticator"
RECOVERY = "recovery"


class TwoFactorError(Exception):
    pass


def needs_two_factor(user: User) -> bool:
    """Everyone but a volunteer (unless CLINIC_2FA_VOLUNTEERS); users with no role too, to be safe."""
    from clinic.permissions import user_roles

    if settings.CLINIC_2FA_VOLUNTEERS:
        return True
    return user.is_staff or user.is_superuser or user_roles(user) != {Role.VOLUNTEER.value}


def verified_marker(user: User) -> str:
    """What a verified session holds under SESSION_KEY: stale once the user's epoch moves on."""
    return f"{user.pk}:{user.two_factor_epoch}"


def is_verified(request: HttpRequest) -> bool:
    return request.session.get(SESSION_KEY) == verified_marker(request.user)


def mark_verified(request: HttpRequest) -> None:
    request.session.cycle_key()  # a session that gains the second factor gets a fresh key
    request.session[SESSION_KEY] = verified_marker(request.user)


def confirmed_authenticator(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_authenticator(user: User) -> TOTPDevice:
    """The unconfirmed device shown during enrolment; the same secret until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)
    return device


def authenticator_secret(device: TOTPDevice) -> str:
    """The secret in base32, as authenticator apps take it when typed by hand."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def authenticator_qr_svg(device: TOTPDevice) -> str:
    """An inline SVG of the otpauth:// URL, drawn here: the secret never leaves the server."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff")


@dataclass(frozen=True)
class Enrolment:
    device: TOTPDevice
    recovery_codes: list[str]


@transaction.atomic
def two_factor_enrol(*, user: User, token: str) -> Enrolment:
    """Confirms the pending authenticator with a code from it and issues fresh recovery codes."""
    device = pending_authenticator(user)
    if not device.verify_token(token.strip()):
        raise TwoFactorError(_("That code is not right. Check the time on your phone and try again."))
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return Enrolment(device=device, recovery_codes=recovery_codes_issue(user=user))


@transaction.atomic
def recovery_codes_issue(*, user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def two_factor_verify(*, user: User, token: str) -> bool:
    """A code from the authenticator, or a recovery code (each works once)."""
    token = token.strip().replace(" ", "")
    if not token:
        return False
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            return True
    return any(
        device.verify_token(token) for device in StaticDevice.objects.filter(user=user, confirmed=True)
    )


@transaction.atomic
def two_factor_reset(*, user: User, acting_user: User, ip_address: str | None = None) -> None:
    """A coordinator clears a user's lost device; the user enrols again at their next sign-in."""
    from clinic.access_log import access_event_record
    from clinic.permissions import is_coordinator

    if not is_coordinator(acting_user):
        raise TwoFactorError(_("Only a coordinator can reset a two-factor device."))
    if acting_user.pk == user.pk:
        raise TwoFactorError(_("Nobody resets their own two-factor device: ask another coordinator."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user.two_factor_epoch += 1
    user._history_user = acting_user
    user.save(update_fields=["two_factor_epoch"])
    access_event_record(
        actor=acting_user,
        obj=user,
        action=AccessEvent.Action.DEVICE_RESET,
        ip_address=ip_address,
        detail="two-factor device reset",
    )
