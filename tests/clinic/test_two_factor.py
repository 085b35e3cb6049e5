import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.models import AccessEvent
from tests.factories import TEST_PASSWORD, current_code, verified_device_for


def _password_only(user) -> Client:
    plain = Client()
    assert (
        plain.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD}).status_code
        == 302
    )
    return plain


def test_a_password_alone_reaches_no_case_page(attorney):
    verified_device_for(attorney)
    plain = _password_only(attorney)
    for url in (reverse("home"), reverse("cases:caseload"), "/admin/"):
        response = plain.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two_factor_verify"))


def test_a_password_alone_sends_a_new_coordinator_to_enrolment(coordinator):
    response = _password_only(coordinator).get(reverse("coordinator_home"))
    assert response["Location"].startswith(reverse("two_factor_setup"))


def test_a_volunteer_needs_no_second_step_by_default(volunteer):
    assert _password_only(volunteer).get(reverse("intake:home")).status_code == 200


def test_volunteers_need_it_too_when_the_setting_says_so(volunteer, settings):
    settings.CLINIC_2FA_VOLUNTEERS = True
    response = _password_only(volunteer).get(reverse("intake:home"))
    assert response["Location"].startswith(reverse("two_factor_setup"))


def test_sign_out_and_static_files_stay_open_before_the_second_step(attorney):
    plain = _password_only(attorney)
    assert plain.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in plain.session


def test_enrolment_draws_the_qr_code_on_the_page_and_shows_the_secret(attorney):
    response = _password_only(attorney).get(reverse("two_factor_setup"))
    content = response.content.decode()
    assert "<svg" in content
    assert "<script" not in content
    device = TOTPDevice.objects.get(user=attorney, confirmed=False)
    assert device.bin_key and response.context["secret"] in content


def test_enrolment_with_a_right_code_shows_ten_recovery_codes_once(attorney):
    plain = _password_only(attorney)
    plain.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=attorney)
    response = plain.post(reverse("two_factor_setup"), {"token": current_code(device)}, follow=True)
    assert len(response.context["codes"]) == 10
    assert "<script" not in response.content.decode()  # a page of secrets runs no script
    assert plain.get(reverse("two_factor_recovery_codes")).status_code == 302  # not shown twice
    assert plain.get(reverse("cases:caseload")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_enrolment_with_a_wrong_code_is_refused(attorney):
    plain = _password_only(attorney)
    plain.get(reverse("two_factor_setup"))
    response = plain.post(reverse("two_factor_setup"), {"token": "000000"})
    assert response.status_code == 200
    assert plain.get(reverse("cases:caseload")).status_code == 302


def test_a_code_from_the_authenticator_completes_sign_in(attorney):
    device = verified_device_for(attorney)
    plain = _password_only(attorney)
    response = plain.post(reverse("two_factor_verify"), {"token": current_code(device)})
    assert response.status_code == 302
    assert plain.get(reverse("cases:caseload")).status_code == 200


def test_a_wrong_code_completes_nothing(attorney):
    verified_device_for(attorney)
    plain = _password_only(attorney)
    assert plain.post(reverse("two_factor_verify"), {"token": "123456"}).status_code == 200
    assert plain.get(reverse("cases:caseload")).status_code == 302


def test_a_recovery_code_works_once(attorney):
    from clinic.two_factor import recovery_codes_issue

    verified_device_for(attorney)
    code = recovery_codes_issue(user=attorney)[0]
    first = _password_only(attorney)
    assert first.post(reverse("two_factor_verify"), {"token": code}).status_code == 302
    assert first.get(reverse("cases:caseload")).status_code == 200
    assert not StaticToken.objects.filter(token=code).exists()
    second = _password_only(attorney)
    assert second.post(reverse("two_factor_verify"), {"token": code}).status_code == 200
    assert second.get(reverse("cases:caseload")).status_code == 302


def test_the_next_address_must_stay_on_this_site(attorney):
    device = verified_device_for(attorney)
    plain = _password_only(attorney)
    response = plain.post(
        reverse("two_factor_verify"), {"token": current_code(device), "next": "https://attacker.example/"}
    )
    assert response["Location"] == reverse("home")


def test_a_coordinator_resets_a_lost_device_and_it_is_recorded(client, coordinator, attorney):
    device = verified_device_for(attorney)
    verified = _password_only(attorney)
    verified.post(reverse("two_factor_verify"), {"token": current_code(device)})
    client.force_login(coordinator)
    response = client.post(reverse("two_factor_reset", args=[attorney.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=attorney).exists()
    event = AccessEvent.objects.get(action=AccessEvent.Action.DEVICE_RESET)
    assert (event.actor, event.object_id) == (coordinator, str(attorney.pk))
    assert attorney.history.first().history_user == coordinator
    # the session verified with the lost device no longer counts
    assert verified.get(reverse("cases:caseload"))["Location"].startswith(reverse("two_factor_setup"))


@pytest.mark.parametrize("refused", ["attorney", "volunteer", "administrator"])
def test_only_a_coordinator_may_reset_a_device(client, request, refused, other_attorney):
    verified_device_for(other_attorney)
    client.force_login(request.getfixturevalue(refused))
    assert client.post(reverse("two_factor_reset", args=[other_attorney.pk])).status_code == 403
    assert client.get(reverse("two_factor_devices")).status_code == 403
    assert TOTPDevice.objects.filter(user=other_attorney).exists()


def test_a_coordinator_cannot_reset_their_own_device(client, coordinator):
    client.force_login(coordinator)
    assert client.post(reverse("two_factor_reset", args=[coordinator.pk])).status_code == 404
    assert TOTPDevice.objects.filter(user=coordinator).exists()


def test_the_devices_page_lists_who_has_enrolled(client, coordinator, attorney):
    verified_device_for(attorney)
    client.force_login(coordinator)
    response = client.get(reverse("two_factor_devices"))
    assert response.status_code == 200
    assert b"attorney" in response.content
