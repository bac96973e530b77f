"""The admin home as each role sees it: the panels of their work and not
the others', in a fixed number of queries."""

import pytest

from people.roles import EDITOR, MANAGER
from tests.factories import translator_user, user_in

pytestmark = pytest.mark.django_db

PANELS = {
    "running-campaigns",
    "toolkit-gaps",
    "legal-changes",
    "translations-waiting-review",
    "outdated-translations",
    "translation-queue",
}


def panels_seen(client, user, ceiling, assert_max_queries):
    client.force_login(user)
    with assert_max_queries(ceiling):
        html = client.get("/admin/").content.decode()
    return {panel for panel in PANELS if f'id="{panel}' in html}, html


def test_communications_staff_see_campaigns_translations_and_legal_changes(
    client, home_page, django_assert_max_num_queries
):
    seen, _html = panels_seen(
        client, user_in(EDITOR, "bien-tap"), 50, django_assert_max_num_queries
    )
    assert seen == PANELS - {"translation-queue"}


def test_a_manager_sees_the_campaign_cards_only(
    client, home_page, django_assert_max_num_queries
):
    seen, _html = panels_seen(
        client, user_in(MANAGER, "quan-ly"), 30, django_assert_max_num_queries
    )
    assert seen == {"running-campaigns"}


def test_a_translator_sees_their_queue_only(
    client, home_page, django_assert_max_num_queries
):
    user = translator_user("dich-gia", "rad")
    # 32 on a first visit: the translation states are read, then kept.
    seen, html = panels_seen(client, user, 32, django_assert_max_num_queries)
    assert seen == {"translation-queue"}


def test_a_reviewer_sees_what_waits_for_review(
    client, home_page, django_assert_max_num_queries
):
    user = translator_user("tham-dinh", "rad", reviewer=True)
    seen, _html = panels_seen(client, user, 32, django_assert_max_num_queries)
    assert seen == {"translation-queue"}
    assert user.has_perm("locales.review_translation")


def test_an_administrator_sees_every_overview(admin_client, home_page):
    html = admin_client.get("/admin/").content.decode()
    assert {panel for panel in PANELS if f'id="{panel}' in html} == PANELS - {
        "translation-queue"
    }
