"""Campaign reports and their exports are for who plans or manages campaigns
(communications staff, administrators), not for every admin user: a
translator, a reviewer or an officer gets neither the screens, the exports
nor the menu entries."""

from django.test import Client

import pytest

from people.roles import EDITOR, OFFICER, REVIEWER, TRANSLATOR
from tests.factories import user_in

REPORTS = [
    "campaign-progress",
    "sessions",
    "outcomes",
    "where-used",
    "language-gap",
    "progress-by-area",
]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", [TRANSLATOR, REVIEWER, OFFICER])
def test_other_roles_get_no_campaign_report(role, home_page):
    client = client_for(user_in(role, "h-nie"))
    for slug in REPORTS:
        for query in ("", "?export=csv", "?export=xlsx"):
            response = client.get(f"/admin/reports/{slug}/{query}")
            assert response.status_code in (302, 403), (slug, query)
            assert not response.get("Content-Disposition"), (slug, query)
    menu = client.get("/admin/").content.decode()
    assert "/admin/reports/campaign-progress/" not in menu


@pytest.mark.django_db
def test_communications_staff_read_every_report_and_export(home_page):
    client = client_for(user_in(EDITOR, "bien-tap"))
    for slug in REPORTS:
        assert client.get(f"/admin/reports/{slug}/").status_code == 200, slug
        export = client.get(f"/admin/reports/{slug}/?export=csv")
        assert export.status_code == 200, slug
    assert "/admin/reports/campaign-progress/" in client.get("/admin/").content.decode()
