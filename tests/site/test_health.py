from django.db import connections

import pytest


def test_health_check_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def unreachable_database():
    """Replace the default connection by one to a database that is not there."""
    working = connections["default"]
    broken = connections.create_connection("default")
    broken.settings_dict = {
        **broken.settings_dict,
        # SQLite cannot open a file in a missing folder; PostgreSQL finds no
        # server on port 1.
        "NAME": "/nonexistent-folder/loa.sqlite3"
        if broken.vendor == "sqlite"
        else broken.settings_dict["NAME"],
        "HOST": "127.0.0.1",
        "PORT": "1",
    }
    connections["default"] = broken
    yield
    broken.close()
    connections["default"] = working


def test_health_check_answers_503_when_the_database_is_down(
    client, db, unreachable_database
):
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "default"}
