"""Two app servers, one PostgreSQL and one Redis: what is done through one is
seen through the other at once.

Runs where the suite runs against PostgreSQL and Redis (`DATABASE_URL` and
`REDIS_URL`, as `.ci/run` sets them); on the embedded SQLite default there is
no shared cache to test.
"""

import os
from contextlib import ExitStack

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher

import pytest
import requests

from bench.app_server import app_server
from campaigns.models import OutreachSession
from tests.factories import CampaignFactory, PolicyExplainerPageFactory, area
from tests.page_forms import explainer_edit_data
from tests.processes import database_url

shared_services = pytest.mark.skipif(
    not (
        os.environ.get("REDIS_URL")
        and os.environ.get("DATABASE_URL", "").startswith("postgres")
    ),
    reason="needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL)",
)


@pytest.fixture
def servers(tmp_path):
    """Two gunicorn servers on different ports; their base URLs."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(tmp_path),
    }
    with ExitStack() as stack:
        yield [
            stack.enter_context(app_server(env, log=tmp_path / f"gunicorn-{n}.log"))
            for n in range(2)
        ]


def log_in(session, url, username, password):
    session.get(f"{url}/admin/login/")
    response = session.post(
        f"{url}/admin/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{url}/admin/login/"},
    )
    assert response.ok


def publish_summary(session, url, page, summary):
    edit = f"{url}/admin/pages/{page.pk}/edit/"
    data = explainer_edit_data(session.get(edit).text)
    data["summary_vi"] = summary
    data["action-publish"] = "action-publish"
    data["csrfmiddlewaretoken"] = session.cookies["csrftoken"]
    response = session.post(edit, data=list(data.lists()), headers={"Referer": edit})
    assert response.ok


@shared_services
# Serialized rollback: a transactional test empties the tables when it ends,
# and the next one still needs the root page the migrations made.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_what_one_server_does_the_other_shows_at_once(servers, explainer_index):
    first, second = servers
    page = PolicyExplainerPageFactory(parent=explainer_index, summary_vi="Bản đầu.")
    # Hashed the way the servers' settings check passwords (not the tests' MD5).
    hasher = PBKDF2PasswordHasher()
    editor = get_user_model().objects.create_superuser("editor", "e@loa.example")
    editor.password = hasher.encode("pw-loa-1", hasher.salt())
    editor.save()
    path = f"/vi/explainers/{page.slug}/"

    # The second server caches the page in Redis.
    assert "Bản đầu." in requests.get(second + path, timeout=10).text
    assert requests.get(second + path, timeout=10).headers["X-Loa-Cache"] == "hit"

    browser = requests.Session()
    log_in(browser, first, "editor", "pw-loa-1")
    publish_summary(browser, first, page, "Bản mới, đăng từ máy chủ thứ nhất.")
    assert (
        "Bản mới, đăng từ máy chủ thứ nhất."
        in requests.get(second + path, timeout=10).text
    )

    # A session logged on one server is listed by the other.
    campaign = CampaignFactory()
    place = area("DLK", "Đắk Lắk", "province")
    form = f"{first}/vi/officer/sessions/new/"
    browser.get(form)
    response = browser.post(
        form,
        data={
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            "campaign": campaign.pk,
            "kind": "village_meeting",
            "day": "2025-10-20",
            "area": place.pk,
            "attendance": "84",
            "material-TOTAL_FORMS": "0",
            "material-INITIAL_FORMS": "0",
            "outcome-TOTAL_FORMS": "0",
            "outcome-INITIAL_FORMS": "0",
        },
        headers={"Referer": form},
    )
    assert response.ok and OutreachSession.objects.count() == 1
    listing = browser.get(f"{second}/vi/officer/sessions/").text
    assert "Đắk Lắk" in listing and "84" in listing
