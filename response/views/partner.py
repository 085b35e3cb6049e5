"""The partner intake endpoint: a community alert network opens a response, and reads nothing.

POST JSON with `Authorization: Bearer <token>` (README: "Partner intake endpoint"). Answers 201 with
the response number only; 401 for a missing or unknown token; 429 past the hourly limit (per
partner, and per address for failed tokens); 400 with field errors for a bad report.
"""

import json
import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from response import services
from response.forms import PartnerReportForm
from response.services import Caller, PartnerReport

# Failed tokens allowed per address and hour before the address is refused outright.
BAD_TOKENS_PER_HOUR = 20
_HOUR = 3600


def _count(key: str) -> int:
    """Adds one to this hour's counter for `key` in the shared cache and returns it."""
    bucket = f"response:rate:{key}:{int(time.time() // _HOUR)}"
    cache.add(bucket, 0, timeout=_HOUR + 60)
    try:
        return cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, timeout=_HOUR + 60)
        return 1


def _peek(key: str) -> int:
    return cache.get(f"response:rate:{key}:{int(time.time() // _HOUR)}", 0)


def _error(status: int, message: str, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _bearer(request) -> str:
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


@csrf_exempt  # not a browser form: a token in the header authenticates each request
@login_not_required
@require_POST
def partner_report(request):
    address = request.META.get("REMOTE_ADDR", "")
    if _peek(f"bad:{address}") >= BAD_TOKENS_PER_HOUR:
        return _error(429, "Too many failed attempts from this address; try again later.")
    partner = services.partner_for_token(_bearer(request))
    if partner is None:
        _count(f"bad:{address}")
        return _error(401, "A valid partner token is required (Authorization: Bearer <token>).")
    if _count(f"partner:{partner.pk}") > settings.CLINIC_PARTNER_REPORTS_PER_HOUR:
        return _error(429, "This partner has sent too many reports this hour; call the hotline instead.")
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return _error(400, "The body must be JSON.")
    if not isinstance(body, dict):
        return _error(400, "The body must be a JSON object.")
    form = PartnerReportForm({key: value for key, value in body.items() if isinstance(value, str | int)})
    if not form.is_valid():
        return _error(400, "The report is not valid.", fields=form.errors.get_json_data())
    data = form.cleaned_data
    report = PartnerReport(
        given_names=data["given_names"],
        family_names=data["family_names"],
        a_number=data["a_number"],
        country_of_birth=data["country_of_birth"],
        date_of_birth=data["date_of_birth"],
        facility=data["facility"],
        taken_at=data["taken_at"],
        agency=data["agency"] or "unknown",
        caller=Caller(name=data["caller_name"], phone=data["caller_phone"], relation=data["caller_relation"]),
        dependants_count=data["dependants_count"] or 0,
        dependants_note=data["dependants_note"],
        medical_needs=data["medical_needs"],
        notes=data["notes"],
    )
    response = services.partner_report_open(partner=partner, report=report)
    return JsonResponse({"reference": response.reference}, status=201)
