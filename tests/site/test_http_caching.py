"""A phone that has a public page or PDF already is answered 304 with no
body; shared caches may keep what every visitor gets alike, and nothing of a
signed-in person's; HTML travels compressed."""

import gzip

import pytest

from tests.factories import PolicyExplainerPageFactory
from tests.officer_screens import NEW


@pytest.fixture
def piece(explainer_index):
    return PolicyExplainerPageFactory(parent=explainer_index)


@pytest.mark.parametrize("suffix", ["", "pdf/"])
def test_a_revisit_with_the_etag_is_answered_not_modified(client, piece, suffix):
    url = f"/vi/explainers/{piece.slug}/{suffix}"
    first = client.get(url)
    # A shared cache in front asks again each time, with the ETag: nothing
    # purges it on a publish yet.
    assert first["Cache-Control"] == "public, max-age=60, s-maxage=0"
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    # A publish changes the page: the old ETag no longer matches.
    piece.summary_vi = "Đóng theo khả năng, từ năm 2025."
    piece.save_revision().publish()
    changed = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_html_is_compressed_for_a_browser_that_accepts_it(client, piece):
    url = f"/vi/explainers/{piece.slug}/"
    plain = client.get(url)
    packed = client.get(url, headers={"Accept-Encoding": "gzip, br"})
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert "Accept-Encoding" in packed["Vary"]
    assert packed["ETag"] == "W/" + plain["ETag"]
    revisit = client.get(
        url, headers={"Accept-Encoding": "gzip", "If-None-Match": packed["ETag"]}
    )
    assert revisit.status_code == 304


def test_nothing_of_a_signed_in_person_is_shared(client, piece, officer, admin_user):
    client.force_login(admin_user)
    page = client.get(f"/vi/explainers/{piece.slug}/")
    assert "public" not in page.get("Cache-Control", "") and not page.has_header("ETag")
    client.force_login(officer)
    form = client.get(NEW)
    assert "public" not in form.get("Cache-Control", "")
    assert form.get("Content-Encoding") != "gzip"  # it carries a CSRF token
    client.logout()
    login = client.get("/admin/login/", headers={"Accept-Encoding": "gzip"})
    assert "public" not in login.get("Cache-Control", "")
    assert login.get("Content-Encoding") != "gzip"
