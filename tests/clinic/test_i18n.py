from django.urls import reverse


def test_the_sign_in_page_speaks_spanish_when_asked(client, db):
    client.post(reverse("set_language"), {"language": "es", "next": reverse("login")})
    response = client.get(reverse("login"))
    assert response.headers["Content-Language"] == "es"
    assert "Iniciar sesión" in response.content.decode()


def test_the_language_switcher_is_on_every_page(client, volunteer):
    client.force_login(volunteer)
    html = client.get(reverse("intake:home")).content.decode()
    assert 'name="language"' in html
    assert 'lang="es"' in html
