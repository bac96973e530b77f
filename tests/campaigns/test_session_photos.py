"""Session photos are personal data: an officer's photo is kept upright, with
no metadata and no trace of the phone's file name, outside the media folder
and the image library, and shown only to those who may read sessions."""

import io
import os
import re
from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import re_path
from django.views.static import serve

from wagtail.images import get_image_model
from wagtail.test.utils.form_data import querydict_from_html

import pytest
from PIL import Image

from campaigns.models import OutreachSession, SessionPhoto
from campaigns.photos import THUMBNAIL_EDGE
from config.urls import urlpatterns as site_urls
from locales.models import LanguageGrant
from people.roles import EDITOR, TRANSLATOR
from tests.factories import user_in
from tests.officer_screens import NEW, post_data
from tests.phone_photos import PHONE_NAME, metadata, phone_jpeg, phone_upload


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# As a web server in front of Loa would: everything under MEDIA_ROOT is
# served at MEDIA_URL, to anyone.
urlpatterns = [re_path(r"^media/(?P<path>.*)$", serve_media), *site_urls]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """This test's own private and public media folders."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def editor(db):
    return user_in(EDITOR, "bien-tap-lan")


@pytest.fixture
def ede_translator(db):
    """A translator into Ede, with no access to sessions."""
    translator = user_in(TRANSLATOR, "translator-rad")
    LanguageGrant.objects.create(user=translator, language="rad")
    return translator


@pytest.fixture
def photo(client, officer, setting) -> SessionPhoto:
    """A session logged through the officer's form with a phone's photo."""
    client.force_login(officer)
    data = post_data(*setting)
    data["photo"] = phone_upload()
    response = client.post(NEW, data)
    assert response.status_code == 302, response.content.decode()
    client.logout()
    return SessionPhoto.objects.get()


def stored_files(root) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*") if p.is_file())


def test_a_photo_is_stored_upright_without_its_metadata_or_file_name(photo):
    assert photo.sort_order == 0  # first of its session, on every database
    stored = Path(photo.file.path)
    assert re.fullmatch(r"photos/[0-9a-f]{32}\.jpg", photo.file.name)
    assert stored.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not stored.is_relative_to(settings.MEDIA_ROOT)
    data = stored.read_bytes()
    assert metadata(data) == {"exif": {}, "gps": {}, "info": []}
    for trace in (b"Exif", b"Samsung", b"Buon Ako", b"xmpmeta", b"ICC_PROFILE"):
        assert trace not in data
    with Image.open(stored) as picture:
        # Turned as the phone's orientation tag said: the red half on top.
        assert picture.size == (800, 1200) == (photo.width, photo.height)
        assert picture.getpixel((400, 10))[0] > 200
        assert picture.getpixel((400, 1190))[2] > 200
    phone_name = Path(PHONE_NAME).stem
    row = SessionPhoto.objects.filter(pk=photo.pk).values().get()
    assert phone_name not in repr(row)
    listing = [p.as_posix() for p in stored_files(settings.PRIVATE_MEDIA_ROOT)]
    assert listing == [stored.as_posix()]
    assert not any(phone_name in name for name in listing)


def test_a_photo_never_reaches_the_image_library(client, photo, editor):
    assert not get_image_model().objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []
    client.force_login(editor)
    for url in ("/admin/images/", "/admin/images/chooser/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "original_images" not in response.content.decode()
        assert photo.file.name not in response.content.decode()


@pytest.mark.parametrize("reader", ["officer", "editor"])
def test_who_may_read_sessions_sees_the_photo_and_its_thumbnail(
    client, photo, officer, editor, reader
):
    client.force_login(officer if reader == "officer" else editor)
    response = client.get(photo.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == Path(photo.file.path).read_bytes()

    response = client.get(photo.thumbnail_url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    thumbnail = b"".join(response.streaming_content)
    with Image.open(io.BytesIO(thumbnail)) as picture:
        assert max(picture.size) == THUMBNAIL_EDGE
        assert picture.size == photo.thumbnail_size == (320, 480)
    private = storages["session_photos"]
    kept = f"thumbnails/{Path(photo.file.name).name}"
    assert private.open(kept).read() == thumbnail
    assert metadata(thumbnail) == {"exif": {}, "gps": {}, "info": []}


def test_a_translator_without_access_to_sessions_is_refused(
    client, photo, ede_translator
):
    client.force_login(ede_translator)
    assert client.get(photo.url).status_code == 403
    assert client.get(photo.thumbnail_url).status_code == 403


def test_anonymous_visitors_find_no_photo_anywhere(client, photo, settings):
    for url in (photo.url, photo.thumbnail_url):
        assert client.get(url).status_code == 403
    settings.ROOT_URLCONF = __name__
    name = photo.file.name
    for url in (
        f"{settings.MEDIA_URL}{name}",
        f"{settings.MEDIA_URL}original_images/{PHONE_NAME}",
        f"{settings.MEDIA_URL}../{Path(settings.PRIVATE_MEDIA_ROOT).name}/{name}",
    ):
        # Not found, or refused as a path outside the media folder.
        assert client.get(url).status_code in (400, 404), url
    # The web server's media folder does serve what is in it.
    Path(settings.MEDIA_ROOT).mkdir(exist_ok=True)
    (Path(settings.MEDIA_ROOT) / "poster.txt").write_text("public")
    assert client.get(f"{settings.MEDIA_URL}poster.txt").status_code == 200


def test_the_officer_sees_the_photo_with_the_session(client, photo, officer):
    client.force_login(officer)
    html = client.get(f"/vi/officer/sessions/{photo.session_id}/").content.decode()
    assert f'src="{photo.thumbnail_url}"' in html
    assert f'href="{photo.url}"' in html
    assert settings.MEDIA_URL not in html


def edit_url(session) -> str:
    return f"/admin/outreach_sessions/edit/{session.pk}/"


def edit_form(client, session) -> dict:
    """The session's admin form as the editor's browser posts it back."""
    response = client.get(edit_url(session))
    assert response.status_code == 200
    html = response.content.decode()
    form = querydict_from_html(html, form_id="w-editor-form")
    return {
        key: values if len(values) > 1 else values[0]
        for key, values in form.lists()
        if not key.endswith("-file")
    }


def test_the_admin_form_shows_the_photo_and_takes_another(client, photo, editor):
    client.force_login(editor)
    html = client.get(edit_url(photo.session)).content.decode()
    assert f'src="{photo.thumbnail_url}"' in html
    assert settings.MEDIA_URL not in html

    data = edit_form(client, photo.session)
    row = int(data["photos-TOTAL_FORMS"])
    data["photos-TOTAL_FORMS"] = str(row + 1)
    data |= {
        f"photos-{row}-file": phone_upload(phone_jpeg(900, 600)),
        f"photos-{row}-caption": "Cán bộ giải thích mức đóng",
        f"photos-{row}-id": "",
        f"photos-{row}-ORDER": str(row + 1),
        f"photos-{row}-DELETE": "",
    }
    response = client.post(edit_url(photo.session), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    kept, added = OutreachSession.objects.get().photos.order_by("sort_order")
    assert kept.file.name == photo.file.name
    assert added.caption == "Cán bộ giải thích mức đóng"
    assert re.fullmatch(r"photos/[0-9a-f]{32}\.jpg", added.file.name)
    assert (added.width, added.height) == (600, 900)
    assert metadata(Path(added.file.path).read_bytes())["gps"] == {}
    assert not get_image_model().objects.exists()
    assert client.get(added.thumbnail_url).status_code == 200


def test_the_admin_form_refuses_a_file_that_is_not_a_photo(client, photo, editor):
    client.force_login(editor)
    data = edit_form(client, photo.session)
    data["notes"] = "Ghi chú mới"
    row = int(data["photos-TOTAL_FORMS"])
    data["photos-TOTAL_FORMS"] = str(row + 1)
    data |= {
        f"photos-{row}-file": SimpleUploadedFile(
            "hop-thon.jpg", b"not a picture", "image/jpeg"
        ),
        f"photos-{row}-caption": "",
        f"photos-{row}-id": "",
        f"photos-{row}-ORDER": str(row + 1),
        f"photos-{row}-DELETE": "",
    }
    response = client.post(edit_url(photo.session), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ghi chú mới" in html
    # Django's message, in the editor's language.
    assert "Hãy tải lên một hình ảnh hợp lệ" in html
    session = OutreachSession.objects.get()
    assert session.notes == "" and session.photos.count() == 1
    assert len(stored_files(settings.PRIVATE_MEDIA_ROOT)) == 1


def test_a_deleted_photo_takes_its_files_with_it(
    client, photo, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    assert client.get(photo.thumbnail_url).status_code == 200
    assert len(stored_files(settings.PRIVATE_MEDIA_ROOT)) == 2
    data = edit_form(client, photo.session)
    data["photos-0-DELETE"] = "1"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(photo.session), data)
    assert response.status_code == 302
    assert not SessionPhoto.objects.exists()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []
    assert os.path.isdir(settings.PRIVATE_MEDIA_ROOT)
