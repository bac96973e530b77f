"""Production settings come from the environment; the embedded default is SQLite
in WAL mode. Each case runs in a fresh interpreter, as a server would start."""

import json

import pytest

from tests.processes import run_with_settings


def test_production_refuses_to_start_without_secret_key():
    result = run_with_settings("config.settings.production")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_production_reads_its_configuration_from_the_environment():
    result = run_with_settings(
        "config.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="loa.example, www.loa.example",
        DATABASE_URL="postgres://loa:secret@db.internal:5432/loa",
        REDIS_URL="redis://cache.internal:6379/0",
        MEDIA_S3_BUCKET="loa-media",
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["engine"] == "django.db.backends.postgresql"
    assert loaded["db_name"] == "loa"
    assert loaded["cache"] == "web.shared_cache.ResilientRedisCache"
    assert loaded["shared_cache"] == "web.shared_cache.ResilientRedisCache"
    assert loaded["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert loaded["media"] == "storages.backends.s3.S3Storage"
    assert loaded["hosts"] == ["loa.example", "www.loa.example"]
    assert loaded["debug"] is False


def test_embedded_default_is_sqlite_with_local_memory_and_a_shared_table():
    result = run_with_settings("config.settings.dev")
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["engine"] == "django.db.backends.sqlite3"
    assert loaded["db_name"].endswith("db.sqlite3")
    assert loaded["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert loaded["shared_cache"] == "django.core.cache.backends.db.DatabaseCache"


def test_sqlite_database_runs_in_wal_mode(tmp_path):
    check_journal = """
import django
from django.db import connection
django.setup()
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    print(cursor.fetchone()[0])
"""
    result = run_with_settings(
        "config.settings.dev",
        code=check_journal,
        DATABASE_URL=f"sqlite:///{tmp_path / 'wal-check.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wal"


def test_production_refuses_to_start_without_the_public_address():
    result = run_with_settings(
        "config.settings.production", SECRET_KEY="x" * 50, LOA_PUBLIC_URL=""
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "LOA_PUBLIC_URL is not set" in result.stderr


@pytest.mark.parametrize(
    "address", ["loa.example.gov.vn", "ftp://loa.example.gov.vn", "https://x/loa/"]
)
def test_a_public_address_that_is_not_one_is_refused_with_what_was_given(address):
    result = run_with_settings(
        "config.settings.production", SECRET_KEY="x" * 50, LOA_PUBLIC_URL=address
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"LOA_PUBLIC_URL is '{address}'" in result.stderr


def test_the_public_address_is_the_admins_and_the_apis_and_always_served():
    result = run_with_settings(
        "config.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="app-1.internal",
        LOA_PUBLIC_URL="https://loa.example.gov.vn/",
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["public_url"] == "https://loa.example.gov.vn"
    assert loaded["admin_base_url"] == loaded["api_base_url"] == loaded["public_url"]
    assert loaded["hosts"] == ["app-1.internal", "loa.example.gov.vn"]


def test_on_a_developers_machine_the_address_defaults_to_the_demo_server():
    default = json.loads(
        run_with_settings("config.settings.dev", LOA_PUBLIC_URL="").stdout
    )
    assert default["public_url"] == default["admin_base_url"] == "http://127.0.0.1:8000"
    other_port = run_with_settings(
        "config.settings.dev", LOA_PUBLIC_URL="http://127.0.0.1:8080"
    )
    assert json.loads(other_port.stdout)["public_url"] == "http://127.0.0.1:8080"
