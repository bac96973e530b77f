"""A phone that has a public page, PDF or recording already is answered 304
with no body; shared caches may keep what every visitor gets alike, and nothing of a
signed-in person's; HTML travels compressed."""

import gzip
import time

from wagtail.models import Collection, CollectionViewRestriction

import pytest

from content.published import GENERATION_KEY, shared
from tests.factories import PolicyExplainerPageFactory
from tests.media_files import document, wav_bytes
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


def test_a_revisit_since_the_last_publish_is_answered_not_modified(client, piece):
    url = f"/vi/explainers/{piece.slug}/"
    # The last publish was a few seconds ago.
    shared.set(GENERATION_KEY, time.time_ns() - 5 * 10**9, timeout=None)
    first = client.get(url)
    since = first["Last-Modified"]
    assert client.get(url, headers={"If-Modified-Since": since}).status_code == 304
    piece.summary_vi = "Đóng theo khả năng, từ năm 2025."
    piece.save_revision().publish()
    # Within the second of the publish no date is given: a second publish
    # in that second would carry the same one.
    assert not client.get(url).has_header("Last-Modified")
    changed = client.get(url, headers={"If-Modified-Since": since})
    assert changed.status_code == 200


def test_a_shared_page_varies_only_with_its_compression(client, piece):
    page = client.get(f"/vi/explainers/{piece.slug}/")
    assert page["Vary"] == "Accept-Encoding"
    assert not client.get(f"/vi/explainers/{piece.slug}/pdf/").has_header("Vary")


@pytest.fixture
def recording(db):
    return document("thong-bao.wav", wav_bytes(2))


def test_a_recording_is_kept_and_revalidated_like_a_page(client, recording):
    first = client.get(recording.url)
    assert first["Cache-Control"] == "public, max-age=60, s-maxage=0"
    again = client.get(recording.url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again["Cache-Control"] == first["Cache-Control"]


def test_a_private_recording_is_not_shared(client, recording, admin_user):
    collection = Collection.get_first_root_node().add_child(name="Nội bộ")
    recording.collection = collection
    recording.save()
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="login"
    )
    refused = client.get(recording.url)
    assert refused.status_code == 302
    assert "public" not in refused.get("Cache-Control", "")
    client.force_login(admin_user)
    served = client.get(recording.url)
    assert served.status_code == 200
    assert "public" not in served.get("Cache-Control", "")
