import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def test_healthz_reports_every_part_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "media", "private_media", "cache"}
    assert all(check["ok"] for check in body["checks"].values())
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_unreachable(client):
    original = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-folder/vitrine.sqlite3"
    else:
        connection.settings_dict["HOST"] = "127.0.0.1"
        connection.settings_dict["PORT"] = "1"  # nothing listens there
        connection.settings_dict["OPTIONS"] = {**original.get("OPTIONS", {}), "connect_timeout": 2}
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["cache"]["ok"] is True


def test_healthz_is_503_when_private_media_is_not_writable(client, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the storage expects a folder")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": blocked}},
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["private_media"]["ok"] is False
    assert response.json()["checks"]["media"]["ok"] is True


@pytest.mark.s3
def test_healthz_checks_s3_storage(client, s3_storages):
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json()["checks"]["private_media"]["ok"] is True
    # Probe files are removed again: the bucket holds nothing after the check.
    listing = s3_storages["server"].client().list_objects_v2(Bucket=s3_storages["private"])
    assert listing.get("KeyCount", 0) == 0


def test_healthz_answers_any_host_name(client, settings):
    # The container probe asks 127.0.0.1 over plain HTTP, whatever the production host names are.
    settings.ALLOWED_HOSTS = ["vitrine.example.org"]
    assert client.get("/", HTTP_HOST="127.0.0.1").status_code == 400
    assert client.get("/healthz", HTTP_HOST="127.0.0.1").status_code == 200


def test_healthz_uses_redis_when_configured(client, redis_cache):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"]["ok"] is True


def test_healthz_is_503_when_redis_is_unreachable(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {"ok": False, "error": "ConnectionError"}
