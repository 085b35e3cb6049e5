"""A real multi-process server for tests and benchmarks that submit concurrently over HTTP.

`LiveClinic` prepares a data folder (or a PostgreSQL database), migrates it, creates signed-in
users directly in the database (so that the harness does not depend on the sign-in flow), starts
gunicorn with several workers and DEBUG off, and stops it again. Everything it runs is the
project's own code through real sockets: nothing is mocked.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

def suite_postgres_url() -> str | None:
    """The PostgreSQL database the test suite runs on, or None when it runs on SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@contextmanager
def throwaway_database(tag: str) -> Iterator[str | None]:
    """A fresh PostgreSQL database beside the suite's own (its name is the suite's, `tag` and this
    process's id), dropped afterwards; None when the suite runs on SQLite, where `LiveClinic` makes
    its own database in its data folder."""
    suite = suite_postgres_url()
    if suite is None:
        yield None
        return
    import psycopg

    base = suite.rsplit("/", 1)[0]
    name = f"{urlparse(suite).path.lstrip('/')}_{tag}_{os.getpid()}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Created inside the server's environment: users with a role and a session each.
_MAKE_SESSIONS = """
import json, sys
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from clinic import two_factor
from clinic.models import User
prefix, role, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
out = []
for n in range(count):
    user, _ = User.objects.get_or_create(username=f"{prefix}{n}")
    user.email = f"{prefix}{n}@clinic.example"
    user.set_unusable_password(); user.save()
    user.groups.set([Group.objects.get(name=role)])
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "clinic.backends.ClinicModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[two_factor.SESSION_KEY] = two_factor.verified_marker(user)
    session.create()
    out.append(session.session_key)
print(json.dumps(out))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str


@dataclass
class LiveClinic:
    """gunicorn serving the project on `database_url` (None: the embedded SQLite default)."""

    database_url: str | None = None
    workers: int = 2
    port: int = field(default_factory=_free_port)
    data_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="clinic-live-")))
    env: dict[str, str] = field(init=False)
    process: subprocess.Popen | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
            "DJANGO_SETTINGS_MODULE": "clinic.settings",
            "CLINIC_DATA_DIR": str(self.data_dir),
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "CLINIC_KEYS": f"live:{_key()}",
            "CLINIC_INDEX_KEY": _key(),
            "CLINIC_AUDIT_KEY": _key(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
        }
        self.env.pop("DATABASE_URL", None)
        if self.database_url:
            self.env["DATABASE_URL"] = self.database_url

    def manage(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def migrate(self) -> None:
        """Migrates and collects the static files, as a deployment does before it serves."""
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")

    def sessions(self, *, prefix: str, role: str, count: int) -> list[str]:
        script = _MAKE_SESSIONS.replace(
            "sys.argv[1], sys.argv[2], int(sys.argv[3])", f"{prefix!r}, {role!r}, {count}"
        )
        return json.loads(self.manage("shell", "-c", script).strip().splitlines()[-1])

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and gunicorn)
            [
                PYTHON, "-m", "gunicorn", "clinic.wsgi",
                "--workers", str(self.workers),
                "--bind", f"127.0.0.1:{self.port}",
                "--graceful-timeout", "5",
                "--log-level", "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.process.stderr.read().decode()}")
            try:
                if self.request("GET", "/sign-in/").status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 30 seconds")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def cleanup(self) -> None:
        """Stops the server and removes its data folder (database, keys, files)."""
        import shutil

        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self) -> LiveClinic:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def request(
        self,
        method: str,
        path: str,
        *,
        session: str | None = None,
        data: dict | None = None,
        csrf: str | None = None,
        conn: http.client.HTTPConnection | None = None,
    ) -> Response:
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        cookies = []
        if session:
            cookies.append(f"sessionid={session}")
        if csrf:
            cookies.append(f"csrftoken={csrf}")
        headers = {"Host": "127.0.0.1", "Cookie": "; ".join(cookies)} if cookies else {"Host": "127.0.0.1"}
        body = None
        if data is not None:
            body = urlencode({**data, **({"csrfmiddlewaretoken": csrf} if csrf else {})}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        try:
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            text = raw.read().decode(errors="replace")
            headers: dict[str, str] = {}
            for name, value in raw.getheaders():  # several Set-Cookie headers are joined, not lost
                headers[name.lower()] = (
                    f"{headers[name.lower()]}, {value}" if name.lower() in headers else value
                )
            return Response(raw.status, headers, text)
        finally:
            if own:
                conn.close()

    def csrf_for(self, path: str, *, session: str) -> str:
        """A CSRF token the way a browser gets one: from the form page's cookie."""
        response = self.request("GET", path, session=session)
        match = re.search(r"csrftoken=([^;]+)", response.headers.get("set-cookie", ""))
        if not match:
            raise RuntimeError(f"GET {path} gave no CSRF cookie (status {response.status})")
        return match.group(1)
