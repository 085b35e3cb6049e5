import re

from django.urls import reverse


def test_pages_are_never_cached(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("coordinator_home"))
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client.get(reverse("login"))["Cache-Control"]


def test_the_content_security_policy_allows_no_inline_script(client, db):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'self'" in script_src
    assert "unsafe-inline" not in script_src
    assert "frame-ancestors 'none'" in policy


def test_pages_load_nothing_from_other_hosts(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("coordinator_home")).content.decode()
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_the_stylesheet_is_served_by_the_project(client, db):
    response = client.get("/static/clinic/css/clinic.css")
    assert response.status_code == 200
    assert b"--brand" in b"".join(response.streaming_content)


def test_error_reports_hide_every_submitted_value(rf):
    from clinic.logging import RedactingExceptionReporterFilter

    request = rf.post("/intake/", {"a_number": "A012345678", "given_names": "Testina"})
    cleaned = RedactingExceptionReporterFilter().get_post_parameters(request)
    assert "A012345678" not in str(cleaned)
    assert "Testina" not in str(cleaned)


def test_the_error_page_shows_nothing_submitted_and_no_settings(rf, settings):
    from django.views.defaults import server_error

    request = rf.post("/intake/new/", {"a_number": "A-123-456-789", "narrative": "secret story"})
    content = server_error(request).content.decode()
    assert "Something went wrong" in content
    for leaked in ("123-456-789", "secret story", settings.SECRET_KEY, "DATABASES"):
        assert leaked not in content
