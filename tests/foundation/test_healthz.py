"""/healthz (liveness: touches nothing) and /readyz (readiness: database, cache, both storages, read only)."""

import contextlib
import inspect
import io
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import botocore.client
import pytest
import redis
from django.core.files.storage import Storage
from django.core.management import call_command
from django.db import connection
from django.test import Client
from health_check.checks import Cache, Database

from core import health
from core.health_checks import ReadOnlyStorage

pytestmark = pytest.mark.django_db(transaction=True)

S3_WRITES = {"PutObject", "CopyObject", "DeleteObject", "DeleteObjects", "CreateMultipartUpload", "UploadPart"}


@pytest.fixture(autouse=True)
def _fresh_readiness():
    """The readiness result is memoised per process: each test measures its own setup."""
    health.forget_readiness()
    yield
    health.forget_readiness()


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    return client


class ExplodingStorage(Storage):
    """A storage that fails as soon as anyone asks for it."""

    def __init__(self, *args, **kwargs):
        raise RuntimeError("storage touched")


def _explode_storages(settings):
    backend = {"BACKEND": f"{__name__}.ExplodingStorage"}
    settings.STORAGES = {**settings.STORAGES, "default": backend, "private": backend}


def _local_storage(location):
    return {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": location}}


def _block_private_media(settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the storage expects a folder")
    settings.STORAGES = {**settings.STORAGES, "private": _local_storage(blocked)}


def _dead_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }


@contextlib.contextmanager
def _database_unreachable():
    original = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-folder/vitrine.sqlite3"
    else:
        connection.settings_dict["HOST"] = "127.0.0.1"
        connection.settings_dict["PORT"] = "1"  # nothing listens there
        connection.settings_dict["OPTIONS"] = {**original.get("OPTIONS", {}), "connect_timeout": 2}
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)


def _count_runs(monkeypatch, check_class):
    calls = []
    original = check_class.run
    if inspect.iscoroutinefunction(original):

        async def run(self):
            calls.append(self)
            await original(self)
    else:

        def run(self):
            calls.append(self)
            original(self)

    monkeypatch.setattr(check_class, "run", run)
    return calls


def _tree(root):
    """Every path below root with its modification time: a file written and deleted again changes its folder's."""
    return {str(path): path.stat().st_mtime_ns for path in [root, *root.rglob("*")]}


def _no_store(response):
    return "no-store" in response["Cache-Control"]


# Liveness


def test_healthz_is_a_tiny_uncached_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert _no_store(response)


def test_healthz_touches_no_storage_cache_or_database(client, settings):
    _explode_storages(settings)
    _dead_redis(settings)
    with _database_unreachable():
        assert client.get("/healthz").status_code == 200
        # The same setup is really broken: readiness sees all of it.
        assert client.get("/readyz").status_code == 503
        details = health.readiness()
    assert {name: (check["ok"], check["error"]) for name, check in details.items()} == {
        "database": (False, "OperationalError"),
        "cache": (False, "ConnectionError"),
        "media": (False, "RuntimeError"),
        "private_media": (False, "RuntimeError"),
    }


# Readiness: who sees what


def test_readyz_reports_every_part_to_a_superuser(superuser_client):
    response = superuser_client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {name: {"ok": True} for name in ("database", "cache", "media", "private_media")}
    assert _no_store(response)
    assert "Cookie" in response["Vary"]


def test_readyz_shows_others_only_the_overall_status(client, django_user_model, settings, tmp_path):
    assert client.get("/readyz").json() == {"status": "ok"}
    officer = django_user_model.objects.create_user("officer", "officer@example.org", "x", is_staff=True)
    client.force_login(officer)
    assert client.get("/readyz").json() == {"status": "ok"}

    _block_private_media(settings, tmp_path)
    health.forget_readiness()
    client.logout()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "error"}
    client.force_login(officer)
    assert client.get("/readyz").json() == {"status": "error"}


def test_readyz_is_503_when_private_media_is_unusable(superuser_client, settings, tmp_path):
    _block_private_media(settings, tmp_path)
    response = superuser_client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["private_media"]["ok"] is False
    assert checks["private_media"]["error"] == "NotADirectoryError"
    assert checks["media"] == {"ok": True}


def test_readyz_is_503_when_the_database_is_unreachable(superuser_client):
    with _database_unreachable():
        response = superuser_client.get("/readyz")
        details = health.readiness()
    assert response.status_code == 503
    # The superuser's session is in the database too: the answer falls back to the status, never a 500.
    assert response.json() == {"status": "error"}
    assert details["database"]["ok"] is False
    assert details["cache"] == {"ok": True}


def test_readyz_uses_redis_when_configured(superuser_client, redis_cache):
    response = superuser_client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == {"ok": True}
    # The probe key went to Redis, not to a per-process cache.
    assert redis.Redis.from_url(redis_cache).keys("*djangohealthcheck_test*")


def test_readyz_is_503_when_redis_is_unreachable(superuser_client, settings):
    _dead_redis(settings)
    response = superuser_client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["error"] == "ConnectionError"
    assert response.json()["checks"]["database"] == {"ok": True}


# Readiness: read only, bounded


def test_readyz_never_writes_to_local_storages(client, settings, tmp_path):
    for name in ("public", "private"):
        (tmp_path / name / "images").mkdir(parents=True)
        (tmp_path / name / "images" / "kept.jpg").write_bytes(b"jpeg")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": _local_storage(tmp_path / "public"),
        "private": _local_storage(tmp_path / "private"),
    }
    before = _tree(tmp_path)
    for _ in range(3):
        health.forget_readiness()
        assert client.get("/readyz").status_code == 200
    assert _tree(tmp_path) == before


@pytest.mark.s3
def test_readyz_reads_s3_and_never_writes(superuser_client, s3_storages, monkeypatch):
    s3 = s3_storages["server"].client()
    s3.put_object(Bucket=s3_storages["private"], Key="entries/kept.jpg", Body=b"jpeg")

    def listing():
        objects = []
        for bucket in (s3_storages["public"], s3_storages["private"]):
            for item in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
                objects.append((bucket, item["Key"], item["LastModified"]))
        return objects

    before = listing()
    operations = []
    original = botocore.client.BaseClient._make_api_call

    def recording(self, operation_name, api_params):
        operations.append(operation_name)
        return original(self, operation_name, api_params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", recording)
    for _ in range(3):
        health.forget_readiness()
        response = superuser_client.get("/readyz")
        assert response.status_code == 200, response.content
        assert response.json()["checks"]["media"] == response.json()["checks"]["private_media"] == {"ok": True}
    monkeypatch.undo()

    assert operations, "the readiness check did not ask S3"
    assert not S3_WRITES & set(operations), operations
    assert listing() == before


@pytest.mark.s3
def test_readyz_is_503_when_an_s3_bucket_is_missing(superuser_client, s3_storages, settings):
    private = settings.STORAGES["private"]
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**private, "OPTIONS": {**private["OPTIONS"], "bucket_name": "no-such-bucket"}},
    }
    response = superuser_client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["private_media"]["ok"] is False
    assert checks["media"] == {"ok": True}


def test_readiness_is_memoised_per_process(client, monkeypatch):
    runs = {check: _count_runs(monkeypatch, check) for check in (Database, Cache, ReadOnlyStorage)}
    now = [1000.0]
    monkeypatch.setattr(health._readiness_memo, "clock", lambda: now[0])
    for _ in range(20):
        assert client.get("/readyz").status_code == 200
    assert {check.__name__: len(calls) for check, calls in runs.items()} == {
        "Database": 1,
        "Cache": 1,
        "ReadOnlyStorage": 2,  # public and private
    }
    now[0] += health.READINESS_TTL_SECONDS
    assert client.get("/readyz").status_code == 200
    assert len(runs[Database]) == 2


def test_concurrent_readiness_requests_share_one_run(monkeypatch):
    database_runs = _count_runs(monkeypatch, Database)
    original = ReadOnlyStorage.run

    def slow_run(self):
        time.sleep(0.3)  # keep the run open while the other requests arrive
        original(self)

    monkeypatch.setattr(ReadOnlyStorage, "run", slow_run)
    statuses = []

    def probe():
        statuses.append(Client().get("/readyz").status_code)

    threads = [threading.Thread(target=probe) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [200] * 8
    assert len(database_runs) == 1


def test_unsafe_methods_are_refused_not_crashed(client):
    for path in ("/healthz", "/readyz"):
        for method in ("post", "put", "patch", "delete", "options"):
            response = getattr(client, method)(path)
            assert response.status_code == 405, (method, path)
            assert set(response["Allow"].split(", ")) == {"GET", "HEAD"}
            assert _no_store(response)
        head = client.head(path)
        assert (head.status_code, head.content) == (200, b"")


def test_health_answers_any_host_name_over_plain_http(client, settings):
    # The container probe asks 127.0.0.1 over plain HTTP, whatever the production host names are.
    settings.ALLOWED_HOSTS = ["vitrine.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/", HTTP_HOST="127.0.0.1").status_code == 400
    assert client.get("/", HTTP_HOST="vitrine.example.org").status_code == 301
    assert client.get("/healthz", HTTP_HOST="127.0.0.1").status_code == 200
    assert client.get("/readyz", HTTP_HOST="127.0.0.1").status_code == 200


def _health_check_command(out):
    """`manage.py health_check readyz --no-http` as a worker runs it: in a thread with no event loop (the command
    starts its own, which a browser test's loop in this thread would forbid). Returns its exit code."""

    def run():
        with pytest.raises(SystemExit) as exited:
            call_command("health_check", "readyz", "--no-http", stdout=out)
        return exited.value.code

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def test_workers_run_the_readiness_checks_without_http(settings, tmp_path):
    # Worker containers serve no HTTP: `manage.py health_check readyz --no-http` runs the same checks.
    out = io.StringIO()
    assert _health_check_command(out) == 0
    assert "ReadOnlyStorage(alias='private'): OK" in out.getvalue()

    _block_private_media(settings, tmp_path)
    assert _health_check_command(io.StringIO()) == 1
