import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _import_production(**env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    environment.update(env)
    environment["PYTHONPATH"] = f"{ROOT}:{ROOT / 'site'}"
    return subprocess.run(
        [sys.executable, "-c", "import vitrine.settings.production as s; print(s.DEBUG, s.ALLOWED_HOSTS)"],
        env=environment,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _import_production(ALLOWED_HOSTS="vitrine.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _import_production(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set in production" in result.stderr


def test_production_starts_with_both():
    result = _import_production(SECRET_KEY="x" * 50, ALLOWED_HOSTS="vitrine.example.org,www.vitrine.example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['vitrine.example.org', 'www.vitrine.example.org']"


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("postgres://postgres@127.0.0.1:5432/vitrine", "django.db.backends.postgresql"),
        ("sqlite:////tmp/vitrine-settings-test.sqlite3", "django.db.backends.sqlite3"),
    ],
)
def test_database_comes_from_database_url(url, engine):
    environment = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}"}
    result = subprocess.run(
        [sys.executable, "-c", "import vitrine.settings.dev as s; print(s.DATABASES['default']['ENGINE'])"],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == engine, result.stderr


def test_deployment_checks_report_nothing_with_production_settings():
    """`manage.py check --deploy` is clean: HTTPS redirect, secure cookies, HSTS for a year by default."""
    unset = ("SECURE_HSTS_SECONDS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")  # the last one is set for Playwright
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(
        DJANGO_SETTINGS_MODULE="vitrine.settings.production",
        SECRET_KEY="a-production-secret-with-enough-different-characters-0123456789",
        ALLOWED_HOSTS="vitrine.example.org",
        PYTHONPATH=f"{ROOT}:{ROOT / 'site'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    hsts = subprocess.run(
        [sys.executable, "-c", "import vitrine.settings.production as s; print(s.SECURE_HSTS_SECONDS)"],
        env=environment,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert hsts.stdout.strip() == "31536000", hsts.stderr
