"""Sign-in lock-out per address, across usernames, on top of axes's per-username-and-address count."""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


def address_failures(request: HttpRequest) -> int:
    """Failed sign-ins from the request's address within the cool-off, whatever the username."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(
        ip_address=get_client_ip_address(request), attempt_time__gte=since
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


class AddressAwareAxesBackend(AxesStandaloneBackend):
    def authenticate(self, request: HttpRequest, username=None, password=None, **kwargs):
        if request is not None and address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("Too many failed sign-ins from this address.")
        return super().authenticate(request, username, password, **kwargs)
