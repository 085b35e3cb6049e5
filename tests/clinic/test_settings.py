import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from clinic.env import envbool, envchoice, envint, envlist, envstr

ROOT = Path(__file__).resolve().parents[2]


def _start(env_overrides: dict, tmp_path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}}
    env.update(
        {"CLINIC_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "clinic.settings"}, **env_overrides
    )
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEBUG", "maybe"),
        ("SESSION_IDLE_MINUTES", "half an hour"),
        ("AXES_FAILURE_LIMIT", "0"),
        ("LOG_LEVEL", "LOUD"),
        ("DATABASE_URL", "nonsense://"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(tmp_path, variable, value):
    result = _start({variable: value}, tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.strip().splitlines()[-1]


def test_a_deployment_with_a_database_server_and_no_secret_key_stops_start_up(tmp_path):
    result = _start({"DATABASE_URL": "postgres://clinic@db.example/clinic"}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr.strip().splitlines()[-1]


def _setting(env: dict, tmp_path, expression: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}} | env
    env.update({"CLINIC_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "clinic.settings"})
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_embedded_default_runs_with_debug_off_on_plain_http(tmp_path):
    shown = _setting(
        {}, tmp_path, "settings.DEBUG, settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE"
    )
    assert shown == "False False False"


def test_a_deployment_defaults_to_https_only(tmp_path):
    env = {"DATABASE_URL": "postgres://clinic@db.example/clinic", "SECRET_KEY": "x" * 60}
    shown = _setting(
        env, tmp_path, "settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, settings.ALLOWED_HOSTS"
    )
    assert shown == "True True []"


def test_the_embedded_database_file_is_readable_by_its_owner_only(tmp_path):
    assert _start({}, tmp_path).returncode == 0
    assert (tmp_path / "clinic.sqlite3").stat().st_mode & 0o077 == 0


def test_the_embedded_default_starts_with_no_variables_and_keeps_its_secret_private(tmp_path):
    assert _start({}, tmp_path).returncode == 0
    key_file = tmp_path / "secret_key"
    assert len(key_file.read_text()) >= 50
    assert key_file.stat().st_mode & 0o077 == 0


def test_envbool_reads_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert envbool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "off")
    assert envbool("FLAG", True) is False
    monkeypatch.delenv("FLAG")
    assert envbool("FLAG", True) is True


def test_envint_enforces_its_bounds(monkeypatch):
    monkeypatch.setenv("PORTISH", "70000")
    with pytest.raises(ImproperlyConfigured, match="PORTISH must be at most 65535"):
        envint("PORTISH", 1, maximum=65535)


def test_secrets_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.delenv("TOKEN", raising=False)
    monkeypatch.setenv("TOKEN_FILE", str(secret))
    assert envstr("TOKEN") == "from-a-file"
    monkeypatch.setenv("TOKEN_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="TOKEN_FILE"):
        envstr("TOKEN")


def test_envlist_and_envchoice(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    assert envlist("HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.setenv("MODE", "other")
    with pytest.raises(ImproperlyConfigured, match="MODE must be one of"):
        envchoice("MODE", "a", {"a", "b"})
