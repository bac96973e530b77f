from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page, PageLogEntry, Revision, Site

from content.models import HomePage
from locales.matrix import build_matrix


def load_demo(*args):
    output = StringIO()
    call_command("load_demo", *args, stdout=output)
    return output.getvalue()


def snapshot():
    """What a second run of the demo loader must leave untouched."""
    return {
        "pages": list(
            Page.objects.order_by("path").values_list(
                "pk", "path", "title_vi", "title_en", "live", "latest_revision_id"
            )
        ),
        "revisions": Revision.objects.count(),
        "log_entries": PageLogEntry.objects.count(),
        "sites": list(
            Site.objects.values_list("pk", "root_page_id", "is_default_site")
        ),
        "users": list(get_user_model().objects.values_list("pk", "password")),
    }


def test_load_demo_builds_a_home_page_as_site_root_and_prints_the_login(db, settings):
    # `PORT=8080 make demo` serves, and links, at this address.
    settings.LOA_PUBLIC_URL = "http://127.0.0.1:8080"
    output = load_demo()
    home = HomePage.objects.get()
    assert home.live
    assert home.title_vi and home.title_en and home.intro_vi and home.intro_en
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk
    # Wagtail's own links (the admin's "View live") lead where Loa's do.
    assert (site.hostname, site.port) == ("127.0.0.1", 8080)
    assert site.root_url == "http://127.0.0.1:8080"
    assert "Public address: http://127.0.0.1:8080" in output
    # Wagtail's own welcome page is gone; only our tree remains.
    assert Page.objects.filter(depth=2).count() == 1
    assert "user: admin" in output
    assert "password: loa-demo" in output
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password("loa-demo")


def test_load_demo_twice_changes_nothing(db):
    load_demo()
    before = snapshot()
    output = load_demo()
    assert snapshot() == before
    assert "Created" not in output


def test_load_demo_repairs_an_edited_demo_page(db):
    load_demo()
    home = HomePage.objects.get()
    home.title_en = "Changed by hand"
    home.save_revision().publish()
    load_demo()
    home.refresh_from_db()
    assert home.title_en == "Loa – Social and health insurance for everyone"


def test_load_demo_keeps_a_changed_admin_password(db):
    load_demo()
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("a-new-long-password")
    admin.save()
    output = load_demo()
    admin.refresh_from_db()
    assert admin.check_password("a-new-long-password")
    assert "password: loa-demo" not in output


def test_load_demo_reset_rebuilds_the_tree(db):
    load_demo()
    old_home = HomePage.objects.get()
    load_demo("--reset")
    new_home = HomePage.objects.get()
    assert new_home.pk != old_home.pk
    assert Site.objects.get(is_default_site=True).root_page_id == new_home.pk
    assert Page.objects.filter(depth=2).count() == 1


def test_demo_site_serves_the_required_languages(client, db):
    load_demo()
    for code in ("vi", "en", "rad", "jra", "blt", "km"):
        response = client.get(f"/{code}/")
        assert response.status_code == 200, code
        assert f'<html lang="{code}"' in response.content.decode()


def test_demo_english_is_recorded_as_approved_once(db):
    first = load_demo()
    assert "English translations as approved" in first
    matrix = build_matrix()
    assert matrix.percentages["en"] == 100
    assert matrix.percentages["rad"] == 0
    assert "English translations" not in load_demo()


def test_load_demo_creates_a_user_per_role_once(db, client):
    load_demo()
    officer = get_user_model().objects.get(username="officer")
    assert officer.check_password("loa-demo")
    assert officer.has_perm("campaigns.add_outreachsession")
    assert not officer.has_perm("wagtailadmin.access_admin")
    reviewer = get_user_model().objects.get(username="reviewer-rad")
    assert reviewer.has_perm("locales.review_translation")
    assert list(reviewer.language_grants.values_list("language", flat=True)) == ["rad"]
    translator = get_user_model().objects.get(username="translator-rad")
    assert not translator.has_perm("locales.review_translation")
    translator.set_password("changed")
    translator.save()

    output = load_demo()
    translator.refresh_from_db()
    assert translator.check_password("changed")
    assert "demo user" not in output
    client.force_login(officer)
    assert client.get("/vi/officer/sessions/new/").status_code == 200
