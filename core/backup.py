"""Backups of a whole installation: a consistent database dump and a copy of both media storages, and their restore
into an empty database and empty storages.

A backup is a folder:
    manifest.json          what it holds: the database engine, and every file with its size and SHA-256
    database.dump          PostgreSQL: pg_dump's custom format (one snapshot, consistent by itself)
    database.sqlite3       SQLite: SQLite's own online backup of the file
    files/<storage>/...    the public ("default") and the private storage, under the names they have there

The database is dumped first, then the files are copied. Stored files are never overwritten (names are opaque and
new uploads get new names), so every file the dump refers to is still there when it is copied; a file uploaded in
between is copied too and is simply not referred to. Copy the folder to another site or bucket with the tools of
the place (e.g. `aws s3 sync`); it holds personal data and the originals of the works: keep it as closed as the
private bucket.
"""

import hashlib
import json
import os
import sqlite3
import subprocess
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.core.files.storage import storages
from django.db import connection

STORAGES = ("default", "private")
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why."""


def back_up(target):
    """Write a backup of the database and both storages into the folder `target` (created; must be empty). It
    holds originals, consent forms and personal data: its folders and files are readable by this account only."""
    previous = os.umask(0o077)
    try:
        return _back_up(Path(target))
    finally:
        os.umask(previous)


def _back_up(target):
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise BackupError(f"{target} is not empty: give a new folder for each backup.")
    engine = connection.vendor
    if engine == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target / "database.dump")])
    elif engine == "sqlite":
        _sqlite_copy(connection.settings_dict["NAME"], target / "database.sqlite3")
    else:
        raise BackupError(f"Backups of a {engine} database are not supported.")
    files = {alias: _copy_out(storages[alias], target / "files" / alias) for alias in STORAGES}
    (target / MANIFEST).write_text(json.dumps({"database": engine, "files": files}, indent=1, sort_keys=True))
    return files


def restore(source):
    """Load a backup into this installation's database and storages, which must both be empty."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} holds no readable backup manifest: {error}") from error
    if manifest.get("database") != connection.vendor:
        raise BackupError(f"The backup is of a {manifest.get('database')} database; this one is {connection.vendor}.")
    if connection.introspection.table_names():
        raise BackupError("The database is not empty: restore into a new, empty database.")
    for alias in STORAGES:
        if _names(storages[alias]):
            raise BackupError(f"The {alias} storage is not empty: restore into empty storage.")
    dump = source / ("database.dump" if connection.vendor == "postgresql" else "database.sqlite3")
    if not dump.is_file() or dump.stat().st_size == 0:
        raise BackupError(f"The backup has no database dump ({dump.name}).")
    _verify(source, manifest)
    if connection.vendor == "postgresql":
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", str(source / "database.dump")])
    else:
        connection.close()
        _sqlite_copy(source / "database.sqlite3", connection.settings_dict["NAME"])
    for alias in STORAGES:
        _copy_in(storages[alias], source / "files" / alias, manifest["files"][alias])
    return manifest["files"]


def _run(command):
    """pg_dump or pg_restore against this installation's database (its connection settings in PG* variables)."""
    settings = connection.settings_dict
    environment = {**os.environ, "PGDATABASE": settings["NAME"]}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if settings.get(key):
            environment[variable] = str(settings[key])
    if command[0] == "pg_restore":
        command = [*command[:-1], "--dbname", settings["NAME"], command[-1]]
    try:
        completed = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client).") from error
    if completed.returncode != 0:
        raise BackupError(f"{command[0]} failed: {completed.stderr.strip()[-2000:]}")


def _sqlite_copy(source, target):
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)


def _names(storage, folder=""):
    """Every file name below `folder` of a storage, walked through its listing (local folders and S3 prefixes)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{name}" for name in files]
    for name in folders:
        names += _names(storage, f"{folder}{name}/")
    return names


def _safe_relative(name):
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"Refusing the file name {name!r}: it would leave the backup folder.")
    return path


def _copy_out(storage, folder):
    listed = {}
    for name in sorted(_names(storage)):
        destination = folder / _safe_relative(name)
        destination.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with storage.open(name, "rb") as origin, open(destination, "wb") as copy:
            while chunk := origin.read(CHUNK):
                digest.update(chunk)
                copy.write(chunk)
        listed[name] = {"bytes": destination.stat().st_size, "sha256": digest.hexdigest()}
    return listed


def _verify(source, manifest):
    """Every listed file is in the backup with its size and digest, before anything is written."""
    for alias in STORAGES:
        for name, expected in manifest["files"][alias].items():
            path = source / "files" / alias / _safe_relative(name)
            if not path.is_file() or _sha256(path) != expected["sha256"]:
                raise BackupError(f"The backup's copy of {alias}:{name} is missing or damaged.")


def _copy_in(storage, folder, listed):
    for name in listed:
        with open(folder / _safe_relative(name), "rb") as copy:
            saved = storage.save(name, File(copy, name=name))
        if saved != name:
            raise BackupError(f"{name} was stored as {saved}: the storage was not empty.")


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
