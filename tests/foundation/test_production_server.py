"""The production configuration really serves: static files collected, gunicorn up, /healthz and /readyz green.

This is what the Dockerfile does at build and run time, done here without a container engine.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_serves_production_settings(tmp_path):
    port = _free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vitrine.settings.production",
        "SECRET_KEY": "production-smoke-test-" + "x" * 40,
        "ALLOWED_HOSTS": "vitrine.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}",
    }
    environment.pop("REDIS_URL", None)
    # conftest allows sync database calls from async code for Playwright; production never does.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    static_root = tmp_path / "static"
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        env={**environment, "STATIC_ROOT": str(static_root)},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert collect.returncode == 0, collect.stderr
    assert (static_root / "staticfiles.json").exists()
    assert list(static_root.glob("css/vitrine.*.css")), "hashed CSS file for far-future caching"

    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "vitrine.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env={**environment, "STATIC_ROOT": str(static_root)},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        # A busy machine (CI runs the suite on every core) can take a while to import the app in the worker.
        deadline = time.monotonic() + 90
        response = None
        while time.monotonic() < deadline:
            try:
                response = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=30)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):  # the worker may still be booting
                time.sleep(0.3)
        assert response is not None, "gunicorn did not answer /healthz"
        assert response.status == 200
        # Readiness, over plain HTTP to 127.0.0.1 like the load balancer: database, cache, both storages.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=30) as ready:
            assert (ready.status, ready.read()) == (200, b'{"status": "ok"}')
        # Any other path is held to ALLOWED_HOSTS and HTTPS, as in production.
        request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": "vitrine.example.org"})
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as other:
            status = other.status
    except urllib.error.HTTPError as error:
        status = error.code
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert status == 301  # SECURE_SSL_REDIRECT sends plain HTTP to HTTPS


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
