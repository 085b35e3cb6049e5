from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import TEST_PASSWORD


def _sign_in(client, username, password, address):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_volunteer_signs_in_with_the_right_password(client, volunteer):
    response = _sign_in(client, "volunteer", TEST_PASSWORD, "198.51.100.7")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_wrong_password_shows_an_error_and_signs_nobody_in(client, volunteer):
    response = _sign_in(client, "volunteer", "wrong", "198.51.100.7")
    assert response.status_code == 200
    assert b"correct username and password" in response.content
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_out_that_username_from_that_address(client, volunteer):
    for _ in range(5):
        _sign_in(client, "volunteer", "wrong", "198.51.100.7")
    response = _sign_in(client, "volunteer", TEST_PASSWORD, "198.51.100.7")
    assert response.status_code == 429
    assert b"Too many failed sign-ins" in response.content
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock_out(client, volunteer):
    for _ in range(4):
        _sign_in(client, "volunteer", "wrong", "198.51.100.7")
    assert _sign_in(client, "volunteer", TEST_PASSWORD, "198.51.100.7").status_code == 302


def test_a_lock_out_does_not_reach_other_volunteers_on_the_same_wifi(client, volunteer, other_volunteer):
    for _ in range(5):
        _sign_in(client, "volunteer", "wrong", "198.51.100.7")
    assert _sign_in(client, "other_volunteer", TEST_PASSWORD, "198.51.100.7").status_code == 302


def test_sessions_end_after_thirty_idle_minutes(client, volunteer, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client.force_login(volunteer)
    assert client.get(reverse("intake:home")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get(reverse("intake:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_session_in_use_is_kept_alive_past_its_first_thirty_minutes(client, volunteer, settings):
    settings.SESSION_REFRESH_SECONDS = 0
    client.force_login(volunteer)
    Session.objects.update(expire_date=timezone.now() + timezone.timedelta(seconds=30))
    assert client.get(reverse("intake:home")).status_code == 200
    expires = Session.objects.get().expire_date
    assert expires > timezone.now() + timezone.timedelta(minutes=29)


def test_pages_read_within_a_minute_do_not_write_the_session_again(client, volunteer):
    client.force_login(volunteer)
    client.get(reverse("intake:home"))  # the first page stamps the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("intake:home")).status_code == 200
    assert not [q for q in queries.captured_queries if "UPDATE" in q["sql"] and "django_session" in q["sql"]]


def test_signing_out_ends_the_session(client, volunteer):
    client.force_login(volunteer)
    client.post(reverse("logout"))
    assert client.get(reverse("intake:home")).status_code == 302


def test_one_address_trying_many_usernames_is_locked_out(client, volunteer, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 12
    for n in range(12):
        _sign_in(client, f"someone{n}", "guess", "203.0.113.9")
    response = _sign_in(client, "volunteer", TEST_PASSWORD, "203.0.113.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_other_addresses_are_not_locked_out_by_one_address(client, volunteer, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 12
    for n in range(12):
        _sign_in(client, f"someone{n}", "guess", "203.0.113.9")
    assert _sign_in(client, "volunteer", TEST_PASSWORD, "198.51.100.7").status_code == 302


def test_a_password_reset_answers_the_same_whether_or_not_the_account_exists(client, volunteer, mailoutbox):
    known = client.post(reverse("password_reset"), {"email": volunteer.email})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@clinic.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert "/sign-in/reset/" in body
    for personal in (volunteer.username, volunteer.first_name, volunteer.last_name):
        assert personal not in body


def test_a_reset_link_sets_a_new_password_once(client, volunteer, mailoutbox):
    import re

    client.post(reverse("password_reset"), {"email": volunteer.email})
    link = re.search(r"https?://[^/]+(/sign-in/reset/\S+)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    new = "a-new-long-passphrase-42"
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.check_password(new)
    assert not client.get(link, follow=True).context["validlink"]
