"""The health checks tell the truth: 503 naming the part that fails when a
page could not be served, 200 only when it could."""

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

import pytest

from tests.factories import PolicyExplainerPageFactory
from web.health import Readiness

on_sqlite = pytest.mark.skipif(
    connections["default"].vendor != "sqlite",
    reason="an empty or corrupt file is how SQLite fails",
)
# Nothing listens on port 1.
REDIS_DOWN = {
    "BACKEND": "web.shared_cache.ResilientRedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
}


@pytest.fixture(autouse=True)
def not_yet_ready():
    Readiness.confirmed = False
    yield
    Readiness.confirmed = False


def test_health_check_answers_ok_when_every_part_answers(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checked": ["database", "shared_cache", "media"],
    }
    assert "no-cache" in response["Cache-Control"]


def swap_default_database(**settings_dict):
    working = connections["default"]
    other = connections.create_connection("default")
    other.settings_dict = {**other.settings_dict, **settings_dict}
    connections["default"] = other
    return working, other


@pytest.fixture
def unreachable_database():
    """A connection to a database that is not there."""
    vendor = connections["default"].vendor
    working, broken = swap_default_database(
        # SQLite cannot open a file in a missing folder; PostgreSQL finds no
        # server on port 1.
        NAME="/nonexistent-folder/loa.sqlite3"
        if vendor == "sqlite"
        else connections["default"].settings_dict["NAME"],
        HOST="127.0.0.1",
        PORT="1",
    )
    yield
    broken.close()
    connections["default"] = working


def failed_parts(client, url="/healthz/"):
    response = client.get(url)
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    return response.json()["failed"]


def logged(caplog, part: str) -> str:
    """The reason the check logged for `part` (never shown to the caller)."""
    return " ".join(
        record.getMessage()
        for record in caplog.records
        if record.getMessage().startswith(f"health check: {part}:")
    )


def test_the_database_down_is_named(client, db, unreachable_database):
    # The shared cache's table lives there too on the embedded default.
    assert "database" in failed_parts(client)


def test_alive_needs_no_database(client, db, unreachable_database):
    response = client.get("/healthz/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


@pytest.fixture
def sqlite_file(tmp_path, db):
    """Point the site at a database file the test writes."""
    path = tmp_path / "db.sqlite3"
    working, swapped = swap_default_database(NAME=str(path))
    yield path
    swapped.close()
    connections["default"] = working


@on_sqlite
def test_a_missing_database_file_is_named_and_not_created(client, sqlite_file, caplog):
    assert "database" in failed_parts(client)
    assert "does not exist" in logged(caplog, "database")
    assert not sqlite_file.exists()


@on_sqlite
def test_an_empty_database_file_is_not_healthy(client, sqlite_file, caplog):
    """SQLite creates an empty file where the real one went missing."""
    sqlite_file.write_bytes(b"")
    assert "database" in failed_parts(client)
    assert "no such table" in logged(caplog, "database")


@on_sqlite
def test_a_corrupt_database_file_is_not_healthy(client, sqlite_file, caplog):
    sqlite_file.write_bytes(b"this is not a database" * 500)
    assert "database" in failed_parts(client)
    assert "not a database" in logged(caplog, "database")


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": REDIS_DOWN, "shared": REDIS_DOWN}


def test_a_configured_redis_that_is_down_is_named(client, db, redis_down, caplog):
    assert failed_parts(client) == ["shared_cache"]
    assert "127.0.0.1" in logged(caplog, "shared_cache")


def test_public_pages_are_served_while_redis_is_down(
    client, explainer_index, redis_down
):
    page = PolicyExplainerPageFactory(parent=explainer_index)
    for _ in range(2):
        response = client.get(f"/vi/explainers/{page.slug}/")
        assert response.status_code == 200
        assert page.title_vi in response.text
    assert client.get("/admin/login/").status_code == 200


def test_media_that_cannot_be_written_is_named(client, db, settings, tmp_path):
    (tmp_path / "a-file").write_text("")
    settings.MEDIA_ROOT = str(tmp_path / "a-file" / "media")
    assert failed_parts(client) == ["media"]


def test_media_not_made_yet_is_made_by_the_first_upload(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    assert client.get("/healthz/").status_code == 200


def test_ready_only_when_every_migration_is_applied(client, db, caplog):
    latest = MigrationRecorder.Migration.objects.filter(app="content").latest("id")
    latest.delete()
    assert failed_parts(client, "/healthz/ready/") == ["migrations"]
    assert f"content.{latest.name}" in logged(caplog, "migrations")
    latest.save()
    response = client.get("/healthz/ready/")
    assert response.status_code == 200
    assert "migrations" in response.json()["checked"]
