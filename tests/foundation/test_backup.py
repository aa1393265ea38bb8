"""`manage.py backup` and `restore`: a backup restored into an empty database and empty S3 buckets gives back every
entry, image, score, frozen result and published page, and every file byte for byte (on the suite's database:
pg_dump on PostgreSQL, SQLite's online backup on SQLite)."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.factories import awarded_contest, exhibition_of
from tests.factories.judging import scored_round

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.s3

# What an installation holds, read through Django in the restored installation's own process.
CENSUS = """
import hashlib, json
from django.core.files.storage import storages
from gallery.models import Entry, EntryImage
from gallery.judging.models import ResultRow, Score
from wagtail.models import Page
from core.backup import _names

def files(alias):
    storage = storages[alias]
    return {name: hashlib.sha256(storage.open(name).read()).hexdigest() for name in _names(storage)}

print(json.dumps({
    "entries": sorted(Entry.objects.values_list("reference", "title", "state")),
    "images": sorted(EntryImage.objects.values_list("file", "sha256")),
    "scores": sorted(Score.objects.values_list("value", flat=True)),
    "results": sorted(ResultRow.objects.values_list("code", "rank", "award")),
    "live_pages": sorted(Page.objects.live().values_list("url_path", flat=True)),
    "public": files("default"),
    "private": files("private"),
}, default=str))
"""


def _installation(s3_server, database_url, public_bucket, private_bucket):
    """The environment of another installation: its own database and buckets on the same S3 server."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vitrine.settings.test",
        "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}",
        "DATABASE_URL": database_url,
        "MEDIA_STORAGE": "s3",
        "AWS_ACCESS_KEY_ID": s3_server.access_key,
        "AWS_SECRET_ACCESS_KEY": s3_server.secret_key,
        "AWS_S3_ENDPOINT_URL": s3_server.endpoint_url,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_STORAGE_BUCKET_NAME": public_bucket,
        "AWS_PRIVATE_BUCKET_NAME": private_bucket,
    }


def _new_buckets(server):
    names = [f"restored-{kind}-{uuid.uuid4().hex[:8]}" for kind in ("public", "private")]
    for name in names:
        server.create_bucket(name)
    return names


def _manage(environment, *arguments):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments], env=environment, cwd=ROOT, capture_output=True, text=True
    )


@pytest.fixture
def empty_database(tmp_path):
    """A new, empty database of the suite's engine, dropped afterwards."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"vitrine_restore_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    credentials = settings["USER"] + (f":{settings['PASSWORD']}" if settings.get("PASSWORD") else "")
    yield f"postgres://{credentials}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_everything_into_an_empty_installation(s3_storages, empty_database, tmp_path):
    contest, _entries = awarded_contest(winners=2, others=1, images=2)
    exhibition_of(contest)  # a published page with public images
    scored_round(entries=2)
    server = s3_storages["server"]
    here = _installation(server, _database_url(), s3_storages["public"], s3_storages["private"])
    before = _census(here)
    assert before["scores"] and before["results"] and before["public"] and len(before["private"]) >= 6

    call_command("backup", str(tmp_path / "backup"))

    there = _installation(server, empty_database, *_new_buckets(server))
    restored = _manage(there, "restore", str(tmp_path / "backup"))
    assert restored.returncode == 0, restored.stderr
    assert _census(there) == before


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty_and_a_damaged_backup(s3_storages, empty_database, tmp_path):
    awarded_contest(winners=1)
    backup = tmp_path / "backup"
    call_command("backup", str(backup))
    with pytest.raises(CommandError, match="database is not empty"):
        call_command("restore", str(backup))
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(backup))  # a backup never mixes with an older one

    assert {oct(path.stat().st_mode & 0o777) for path in backup.rglob("*")} <= {"0o600", "0o700"}  # owner only
    manifest = json.loads((backup / "manifest.json").read_text())
    damaged = backup / "files" / "private" / next(iter(manifest["files"]["private"]))
    original = damaged.read_bytes()
    damaged.write_bytes(b"not the original")
    server = s3_storages["server"]
    there = _installation(server, empty_database, *_new_buckets(server))
    refused = _manage(there, "restore", str(backup))
    assert refused.returncode != 0 and "missing or damaged" in refused.stderr
    dump = next(path for path in backup.iterdir() if path.name.startswith("database."))
    kept = dump.read_bytes()
    dump.unlink()
    missing = _manage(there, "restore", str(backup))
    assert missing.returncode != 0 and "no database dump" in missing.stderr
    dump.write_bytes(kept)
    damaged.write_bytes(original)  # nothing was written: the same empty installation takes the repaired backup
    restored = _manage(there, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr


def _census(environment):
    completed = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + CENSUS],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _database_url():
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    credentials = settings["USER"] + (f":{settings['PASSWORD']}" if settings.get("PASSWORD") else "")
    return f"postgres://{credentials}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
