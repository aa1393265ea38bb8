"""Benchmark: public pages served to a crowd by gunicorn from the page cache, against a minimal Django view.

What a new installation does on a share day: production settings, PostgreSQL, Redis, the demo content, gunicorn
with two sync workers on loopback, driven by wrk (Debian's package; `make bench` installs it when missing).
The minimal view (/bench/minimal/, 18 KB, bench/benchsite) goes through the same middleware under the same server.
Runs interleave the minimal view and each page, so each page's ratio compares two measurements a few seconds apart.

Builds its own database (DATABASE_URL's server, database `vitrine_bench_http`), migrates and seeds it, collects
static files into a temporary folder, and prints one JSON object on its last line (bench/figures.py).
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from figures import at_least, emit, figure

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SERVER_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vitrine").rsplit("/", 1)[0]
DATABASE = "vitrine_bench_http"
SECONDS = int(os.environ.get("BENCH_HTTP_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_HTTP_ROUNDS", "2"))
RATIO = 0.7


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(tmp):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchsite.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT / "site"), str(ROOT)]),
        "SECRET_KEY": "bench-only-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"{SERVER_URL}/{DATABASE}",
        "DB_CONN_MAX_AGE": "60",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        "CACHE_KEY_PREFIX": "vitrine-bench",
        "VITRINE_DEMO": "true",
        # The demo's exhibition files are made while seeding, in this process, in the quicker format.
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "VITRINE_EXHIBITION_FORMATS": "WEBP,JPEG",
        "MEDIA_ROOT": str(tmp / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp / "private"),
        "STATIC_ROOT": str(tmp / "static"),
        "LOG_LEVEL": "WARNING",
    }


def _manage(environment, *args):
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=environment, check=True, capture_output=True)


def _prepare(environment):
    import psycopg

    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    _manage(environment, "migrate", "--noinput")
    _manage(environment, "seed_demo", "--force", "--verbosity", "0")
    _manage(environment, "collectstatic", "--noinput")
    script = (
        "import json;from wagtail.models import Page;"
        "from events.models import CampaignPage, EventPage;"
        "from gallery.exhibition.models import ExhibitionPage;"
        "x = ExhibitionPage.objects.live().order_by('-first_published_at').first();"
        "c = x.get_parent().specific;"
        "e = EventPage.objects.live().descendant_of(c).first() or EventPage.objects.live().first();"
        "w = x.works.order_by('sort_order').first();"
        "print(json.dumps({'home': '/', 'campaign': c.url, 'event': e.url, 'exhibition': x.url,"
        " 'work': f'{x.url}works/{w.number}/'}))"
    )
    found = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), "shell", "-c", script],
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    return {name: urlsplit(url).path for name, url in json.loads(found.stdout.strip().splitlines()[-1]).items()}


def _wait_until_up(base, process):
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer within 30 s")


def _check(base, path):
    """The page answers 200 and, the second time, from the page cache."""
    for _ in range(2):
        with urllib.request.urlopen(base + path, timeout=10) as response:
            status, cache, size = response.status, response.headers.get("X-Cache"), len(response.read())
    return status, cache, size


def _wrk(url):
    completed = subprocess.run(
        ["wrk", "-t1", "-c8", f"-d{SECONDS}s", "--latency", url], capture_output=True, text=True, check=True
    )
    out = completed.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return rate, int(errors.group(1)) if errors else 0, round(float(p50.group(1)) * scale[p50.group(2)], 2)


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: `make bench` installs Debian's wrk, or install it yourself.")
    tmp = Path(tempfile.mkdtemp(prefix="vitrine-bench-http-"))
    environment = _environment(tmp)
    started = time.monotonic()
    pages = _prepare(environment)
    prepare_seconds = round(time.monotonic() - started, 1)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "vitrine.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_until_up(base, server)
        checks = {name: _check(base, path) for name, path in pages.items()}
        rates = {name: [] for name in pages}
        minimal_rates, ratios = [], {name: [] for name in pages}
        latency, errors = {}, 0
        for _ in range(ROUNDS):
            for name, path in pages.items():
                minimal, failed, _p50 = _wrk(base + "/bench/minimal/")
                rate, page_failed, latency[name] = _wrk(base + path)
                errors += failed + page_failed
                minimal_rates.append(minimal)
                rates[name].append(rate)
                ratios[name].append(rate / minimal)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    figures = [
        figure("minimal Django view (18 KB)", round(max(minimal_rates)), "req/s", "reference", True),
        figure("HTTP errors under load", errors, "", "= 0", errors == 0),
    ]
    for name, path in pages.items():
        status, cache, size = checks[name]
        figures.append(
            at_least(
                f"cached {name} page: throughput ÷ minimal view",
                round(min(ratios[name]), 2),
                "×",
                RATIO,
                requests_per_second=round(min(rates[name])),
                p50_ms=latency[name],
                path=path,
                bytes=size,
            )
        )
        figures.append(figure(f"cached {name} page: served from the page cache", cache, "", "hit", cache == "hit"))
        assert status == 200, (name, status)
    return emit(figures, prepare_seconds=prepare_seconds, seconds_per_run=SECONDS, rounds=ROUNDS, workers=2)


if __name__ == "__main__":
    sys.exit(main())
