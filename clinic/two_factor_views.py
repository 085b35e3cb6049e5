"""Pages a password alone reaches (enrolment, verification, recovery codes); the coordinator's reset."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from clinic import two_factor
from clinic.models import User
from clinic.permissions import Role, role_required

_RECOVERY_SESSION_KEY = "clinic_2fa_new_recovery_codes"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """First sign-in: scan the QR code (or type the secret), then confirm with a code."""
    user = request.user
    if two_factor.confirmed_authenticator(user) is not None:
        return redirect("two_factor_verify")
    device = two_factor.pending_authenticator(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = two_factor.two_factor_enrol(user=user, token=form.cleaned_data["token"])
        except two_factor.TwoFactorError as exc:
            form.add_error("token", str(exc))
        else:
            two_factor.mark_verified(request)
            request.session[_RECOVERY_SESSION_KEY] = enrolment.recovery_codes
            return redirect("two_factor_recovery_codes")
    return render(
        request,
        "clinic/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": two_factor.authenticator_qr_svg(device),
            "secret": two_factor.authenticator_secret(device),
            "next": _next_url(request),
        },
    )


def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if two_factor.confirmed_authenticator(user) is None and not two_factor.is_verified(request):
        return redirect("two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.two_factor_verify(user=user, token=form.cleaned_data["token"]):
            two_factor.mark_verified(request)
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not right, or was already used."))
    return render(request, "clinic/two_factor_verify.html", {"form": form, "next": _next_url(request)})


def two_factor_recovery_codes(request: HttpRequest) -> HttpResponse:
    """Shown once, right after they are made: the session forgets them on this page."""
    codes = request.session.pop(_RECOVERY_SESSION_KEY, None)
    if not codes:
        return redirect("home")
    return render(request, "clinic/two_factor_recovery_codes.html", {"codes": codes})


@role_required(Role.COORDINATOR)
def two_factor_devices(request: HttpRequest) -> HttpResponse:
    """Coordinators: who has enrolled, with a reset for a lost phone."""
    users = (
        User.objects.filter(is_active=True)
        .order_by("username")
        .only("pk", "username", "first_name", "last_name")
        .prefetch_related("totpdevice_set")
    )
    rows = [(user, any(d.confirmed for d in user.totpdevice_set.all())) for user in users]
    return render(request, "clinic/two_factor_devices.html", {"rows": rows})


@require_POST
@role_required(Role.COORDINATOR)
def two_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk, is_active=True)
    if user.pk == request.user.pk:
        raise Http404
    two_factor.two_factor_reset(
        user=user, acting_user=request.user, ip_address=request.META.get("REMOTE_ADDR")
    )
    messages.success(request, _("The two-factor device of %(name)s was reset.") % {"name": user.username})
    return redirect("two_factor_devices")
