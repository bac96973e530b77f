"""The officers' service worker: served from the root, registered only by
the officer's screens; public pages carry no script."""

import json

import pytest

from tests.officer_screens import NEW


def test_the_service_worker_is_served_from_the_root(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript"
    assert "no-cache" in response["Cache-Control"]
    assert b'addEventListener("fetch"' in response.content


def test_the_service_worker_learns_the_officer_s_paths_from_the_site(client, db):
    """Not written into the script: from the URL configuration and the
    field kits' storage folder."""
    first_line = client.get("/sw.js").content.decode().splitlines()[0]
    routes = json.loads(first_line.removeprefix("const ROUTES = ").removesuffix(";"))
    assert routes["sessionForm"] == NEW.removeprefix("/vi")
    assert routes["officer"] == "/officer/"
    assert routes["session"] == "/officer/sessions/"
    assert routes["fieldKits"] == "/media/field-kits/"
    assert {"vi", "en", "rad", "km", "blt"} <= set(routes["languages"])


@pytest.mark.django_db
def test_only_the_officer_screens_register_it(client, home_page, django_user_model):
    assert b"<script" not in client.get("/vi/").content
    officer = django_user_model.objects.create_superuser("officer-lan")
    client.force_login(officer)
    form = client.get(NEW).content.decode()
    assert "/static/campaigns/offline.js" in form
    assert 'id="offline-status"' in form and 'role="status"' in form
