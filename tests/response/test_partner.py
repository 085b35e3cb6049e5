import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from intake.models import Intake
from response import services
from response.models import PartnerOrganisation, Response
from response.views.partner import BAD_TOKENS_PER_HOUR

URL = "/response/partner/reports/"
REPORT = {
    "given_names": "Nombre",
    "family_names": "Inventado",
    "a_number": "A-900-111-222",
    "country_of_birth": "Guatemala",
    "facility": "Broadview (test)",
    "taken_at": "2026-11-24T07:30:00-06:00",
    "agency": "ice",
    "caller_name": "Vecina Inventada",
    "caller_phone": "+1 555 010 0177",
    "caller_relation": "network",
    "dependants_count": 3,
}


@pytest.fixture
def partner_token(db):
    _partner, token = services.partner_token_issue(name="Red de Alerta (test)")
    return token


def _post(client, token, body=None, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    return client.post(
        URL,
        data=json.dumps(REPORT if body is None else body),
        content_type="application/json",
        **headers,
        **extra,
    )


def test_the_endpoint_is_the_one_the_readme_documents():
    assert reverse("response:partner_report") == URL


def test_a_partner_opens_a_response_and_gets_only_its_number_back(partner_token):
    client = Client(enforce_csrf_checks=True)  # no session, no CSRF token: the bearer token is enough
    answer = _post(client, partner_token)
    assert answer.status_code == 201
    assert set(answer.json()) == {"reference"}
    response = Response.objects.get(reference=answer.json()["reference"])
    assert response.source == Response.Source.PARTNER and response.partner.name == "Red de Alerta (test)"
    assert response.caller_name == "Vecina Inventada" and response.dependants_count == 3
    assert response.intake.is_emergency and response.intake.channel == Intake.Channel.RAPID_RESPONSE
    assert response.checklist.filter(code="family-plan").exists()
    assert "Inventado" not in answer.content.decode()


@pytest.mark.parametrize("token", [None, "", "rrp_not-a-real-token", "Basic abc"])
def test_a_missing_or_wrong_token_is_refused(client, partner_token, token):
    assert _post(client, token).status_code == 401
    assert not Response.objects.exists()


def test_a_revoked_token_is_refused(client, partner_token):
    services.partner_revoke(partner=PartnerOrganisation.objects.get())
    assert _post(client, partner_token).status_code == 401


def test_there_is_no_read_access(client, partner_token):
    answer = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {partner_token}")
    assert answer.status_code == 405


def test_the_token_is_stored_only_as_a_hash(partner_token):
    partner = PartnerOrganisation.objects.get()
    stored = " ".join(str(value) for value in PartnerOrganisation.objects.values().get().values())
    assert partner_token not in stored and partner.token_hint == partner_token[-4:]


def test_a_bad_report_is_answered_field_by_field(client, partner_token):
    answer = _post(client, partner_token, {**REPORT, "a_number": "12", "family_names": ""})
    assert answer.status_code == 400
    assert {"a_number", "family_names"} <= set(answer.json()["fields"])
    assert _post(client, partner_token, ["not", "an", "object"]).status_code == 400


def test_a_partner_is_rate_limited(settings, client, partner_token):
    settings.CLINIC_PARTNER_REPORTS_PER_HOUR = 2
    assert _post(client, partner_token, {**REPORT, "a_number": ""}).status_code == 201
    assert _post(client, partner_token, {**REPORT, "given_names": "Otra", "a_number": ""}).status_code == 201
    assert (
        _post(client, partner_token, {**REPORT, "given_names": "Tercera", "a_number": ""}).status_code == 429
    )
    assert Response.objects.count() == 2


def test_an_address_that_keeps_guessing_tokens_is_shut_out(client, partner_token):
    for _ in range(BAD_TOKENS_PER_HOUR):
        assert _post(client, "rrp_guess").status_code == 401
    assert _post(client, partner_token).status_code == 429
    assert _post(client, partner_token, REMOTE_ADDR="10.0.0.9").status_code == 201


def test_the_command_issues_a_token_that_works(db, client):
    out = StringIO()
    call_command("partner_token", "Otra Red (test)", stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    assert token.startswith("rrp_")
    assert _post(client, token).status_code == 201
    call_command("partner_token", "Otra Red (test)", "--revoke", stdout=StringIO())
    assert _post(client, token, {**REPORT, "given_names": "Otra"}).status_code == 401
