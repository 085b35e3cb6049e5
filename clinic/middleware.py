import time

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.middleware import SessionMiddleware
from django.urls import reverse
from django.utils.cache import add_never_cache_headers


class IdleSessionMiddleware(SessionMiddleware):
    """Sessions end after SESSION_COOKIE_AGE without a request, at most a minute late.

    Django's SESSION_SAVE_EVERY_REQUEST keeps an idle timeout by writing the session on every page,
    so on SQLite every page view would take the database's one write lock. Here a session that was
    read but not changed is written again only when its last write is SESSION_REFRESH_SECONDS old.
    """

    TOUCHED_KEY = "clinic_touched_at"

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.is_empty():
            now = int(time.time())
            if session.modified or now - session.get(self.TOUCHED_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[self.TOUCHED_KEY] = now  # saved below, with a fresh expiry
        return super().process_response(request, response)


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


def is_lock_timeout(exc: BaseException) -> bool:
    """A write that waited its turn for `DB_LOCK_TIMEOUT_SECONDS` and gave up: SQLite's busy timeout,
    PostgreSQL's lock_timeout, a deadlock or a serialisation failure. Nothing else."""
    from django.db import OperationalError

    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate in {"55P03", "40P01", "40001"}:  # lock not available, deadlock, serialisation
        return True
    message = str(exc).lower()
    return "database is locked" in message or "database table is locked" in message


class BusyMiddleware:
    """Busy, not broken: a lock that times out answers "busy, try again" (503), never a server error.

    Services run in transactions, so the refused write left nothing half-done; the browser keeps
    what was typed when the user goes back to submit again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_lock_timeout(exception):
            return None
        import logging

        from django.shortcuts import render

        logging.getLogger("clinic.busy").warning(
            "Busy: a write gave up waiting for a lock on %s", request.path
        )
        response = render(request, "503_busy.html", status=503)
        response["Retry-After"] = "5"
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
