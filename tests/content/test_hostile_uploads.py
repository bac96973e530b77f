"""Uploads that are not what they claim, or too much of it: refused with a
message in the form, and nothing stored. Checked with the site's own limits,
not lowered ones."""

import io

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.users.models import UserProfile

import pytest
from PIL import Image as PillowImage

from campaigns.models import OutreachSession
from tests.media_files import wav_bytes
from tests.officer_screens import NEW, post_data

SCRIPT_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


def decompression_bomb() -> bytes:
    """A PNG of a few KB that decodes to 400 million pixels: more than the
    site's limit (`WAGTAILIMAGES_MAX_IMAGE_PIXELS`), in any colour mode."""
    buffer = io.BytesIO()
    PillowImage.new("1", (20_000, 20_000)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_decompression_bomb_is_refused_before_it_is_decoded(admin_client):
    bomb = decompression_bomb()
    assert len(bomb) < 100_000
    assert 20_000 * 20_000 > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "bomb", "file": SimpleUploadedFile("bomb.png", bomb, "image/png")},
    )
    assert response.status_code == 200
    # Wagtail's message, in the Vietnamese the admin speaks to this editor.
    assert "điểm ảnh" in response.context["form"].errors["file"][0]
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    "name, data",
    [("drawing.svg", SCRIPT_SVG), ("photo.png", SCRIPT_SVG), ("photo.jpg", b"MZ\x90")],
)
def test_an_image_that_is_not_a_photo_is_refused(admin_client, name, data):
    response = admin_client.post(
        "/admin/images/add/", {"title": name, "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Image.objects.exists()


def test_a_bomb_as_a_session_photo_is_refused_and_the_session_not_saved(
    client,
    officer,
    setting,
):
    client.force_login(officer)
    data = post_data(*setting)
    data["photo"] = SimpleUploadedFile("meeting.png", decompression_bomb())
    response = client.post(NEW, data)
    assert response.status_code == 400
    assert response.context["form"].errors["photo"]
    assert not OutreachSession.objects.exists() and not Image.objects.exists()


@pytest.fixture
def english_admin(admin_user):
    """The admin in English, so that messages can be read."""
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()


def upload_document(admin_client, name, data):
    return admin_client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, data)},
    )


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("leaflet.svg", SCRIPT_SVG, "not allowed"),
        ("setup.exe", b"MZ\x90\x00", "not allowed"),
        ("thong-bao.mp3", SCRIPT_SVG, "is named as a recording but is not one"),
        ("thong-bao.wav", b"RIFF\x00\x00\x00\x00WAVE", "is named as a recording"),
        ("to-roi.pdf", b"<html><script>alert(1)</script></html>", "named as a PDF"),
    ],
)
def test_a_document_that_lies_about_its_type_is_refused(
    admin_client, english_admin, name, data, message
):
    response = upload_document(admin_client, name, data)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1 and message in errors[0], errors
    assert not Document.objects.exists()


def test_an_oversized_recording_is_refused_with_the_limit(admin_client, english_admin):
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    response = upload_document(admin_client, "long.wav", b"\0" * (limit + 1))
    assert response.status_code == 200
    assert response.context["form"].errors["file"][0].startswith("This file is too big")
    assert not Document.objects.exists()


def test_real_recordings_and_pdfs_are_accepted(admin_client):
    for name, data in (
        ("thong-bao.wav", wav_bytes(2)),
        ("to-roi.pdf", b"%PDF-1.7\n%%EOF\n"),
    ):
        assert upload_document(admin_client, name, data).status_code == 302, name
    assert Document.objects.count() == 2


def truncated_jpeg() -> bytes:
    """A photo cut short in transfer: its header is whole, its pixels are not."""
    image = PillowImage.effect_noise((320, 240), 64).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()[: len(buffer.getvalue()) * 2 // 3]


TRUNCATED = (
    "“hop-thon.jpg” bị hỏng hoặc không đầy đủ (không đọc được đến hết): hãy tải "
    "lên lại toàn bộ ảnh."
)


def test_a_truncated_photo_is_refused_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Họp thôn",
            "file": SimpleUploadedFile("hop-thon.jpg", truncated_jpeg()),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [TRUNCATED]
    assert not Image.objects.exists()


def test_a_truncated_photo_is_refused_by_the_multiple_upload(admin_client):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("hop-thon.jpg", truncated_jpeg())},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert TRUNCATED in response.json()["error_message"]
    assert not Image.objects.exists()


def test_a_truncated_photo_cannot_replace_an_image(admin_client):
    whole = io.BytesIO()
    PillowImage.new("RGB", (64, 48), "green").save(whole, "JPEG")
    admin_client.post(
        "/admin/images/add/",
        {"title": "Họp thôn", "file": SimpleUploadedFile("a.jpg", whole.getvalue())},
    )
    image = Image.objects.get()
    response = admin_client.post(
        f"/admin/images/{image.pk}/",
        {
            "title": "Họp thôn",
            "file": SimpleUploadedFile("hop-thon.jpg", truncated_jpeg()),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [TRUNCATED]
    image.refresh_from_db()
    assert image.width == 64


def test_a_truncated_session_photo_is_refused_and_the_session_not_saved(
    client,
    officer,
    setting,
):
    client.force_login(officer)
    data = post_data(*setting)
    data["photo"] = SimpleUploadedFile("hop-thon.jpg", truncated_jpeg())
    response = client.post(NEW, data)
    assert response.status_code == 400
    assert response.context["form"].errors["photo"] == [TRUNCATED]
    assert not OutreachSession.objects.exists() and not Image.objects.exists()
