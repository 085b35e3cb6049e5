from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Pages may show client data: browsers and proxies must not keep a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response


class TwoFactorMiddleware:
    """A password alone reaches only enrolment, verification, sign-out, language and static files.

    Runs after AuthenticationMiddleware. A verified session costs no query here (clinic/two_factor.py).
    """

    _open_names = ("two_factor_setup", "two_factor_verify", "logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from clinic import two_factor

        user = request.user
        if (
            user.is_authenticated
            and not two_factor.is_verified(request)
            and not self._is_open(request.path_info)
            and two_factor.needs_two_factor(user)
        ):
            target = "two_factor_verify" if two_factor.confirmed_authenticator(user) else "two_factor_setup"
            return redirect_to_login(request.get_full_path(), reverse(target), "next")
        return self.get_response(request)

    def _is_open(self, path: str) -> bool:
        if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        return path in {reverse(name) for name in self._open_names}
