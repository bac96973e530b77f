"""Images: responsive WebP renditions in explainers, oversized uploads refused."""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wagtail.images.models import Image

from PIL import Image as PillowImage

from tests.factories import PolicyExplainerPageFactory, stream


def png(width, height, noise=False) -> bytes:
    """A real PNG; with noise it does not compress, so its size is predictable."""
    image = PillowImage.new("RGB", (width, height), (30, 90, 160))
    if noise:
        generator = random.Random(7)
        image.putdata(
            [
                (generator.randrange(256), generator.randrange(256), 0)
                for _ in range(width * height)
            ]
        )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def upload(admin_client, name, data):
    return admin_client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, data, "image/png")},
    )


def test_a_photo_is_uploaded(admin_client):
    response = upload(admin_client, "meeting.png", png(120, 80))
    assert response.status_code == 302
    assert Image.objects.get().width == 120


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=20_000)
def test_an_oversized_file_is_refused_with_a_form_error(admin_client):
    response = upload(admin_client, "huge.png", png(200, 200, noise=True))
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors[0].startswith("Tệp này quá lớn"), errors  # the admin's Vietnamese
    assert not Image.objects.exists()


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=1_000)
def test_an_image_with_too_many_pixels_is_refused(admin_client):
    response = upload(admin_client, "bomb.png", png(100, 100))
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Image.objects.exists()


def test_a_file_pretending_to_be_an_image_is_refused(admin_client):
    response = upload(admin_client, "photo.png", b"<svg onload=alert(1)></svg>")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Image.objects.exists()


def test_explainer_images_render_as_responsive_webp_in_constant_queries(
    client, explainer_index, django_assert_max_num_queries
):
    images = [
        Image.objects.create(
            title=f"photo {number}",
            file=SimpleUploadedFile(f"p{number}.png", png(1200, 800)),
        )
        for number in range(3)
    ]
    page = PolicyExplainerPageFactory(
        parent=explainer_index,
        body_vi=stream(
            *[
                ("image", {"image": image.pk, "alt_text": f"Ảnh {n}", "caption": ""})
                for n, image in enumerate(images)
            ]
        ),
    )
    url = f"/vi/explainers/{page.slug}/"
    client.get(url)  # renditions are made once
    with django_assert_max_num_queries(8):
        html = client.get(url).content.decode()
    assert html.count("<picture>") == 3
    assert 'type="image/webp"' in html or ".webp" in html
    assert 'alt="Ảnh 0"' in html
    assert 'loading="lazy"' in html
