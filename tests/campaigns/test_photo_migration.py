"""Photos kept the old way, as public Wagtail images, move into the private
storage when the site is migrated: stripped of their metadata, under a random
name, and their Wagtail images, renditions and files are gone."""

import datetime
import re
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import RunPython
from django.utils import timezone

from wagtail.images.models import Image
from wagtail.models import ReferenceIndex

import pytest

from campaigns.models import OutreachSession, SessionPhoto
from campaigns.photo_move import move_photos
from tests.phone_photos import PHONE_NAME, metadata, phone_jpeg


def before_the_move(loader) -> tuple[str, str]:
    """The campaigns migration the photo move depends on (whatever its
    number)."""
    for migration in loader.disk_migrations.values():
        if any(
            isinstance(operation, RunPython) and operation.code is move_photos
            for operation in migration.operations
        ):
            return next(dep for dep in migration.dependencies if dep[0] == "campaigns")
    raise AssertionError("No migration moves the photos.")


def files_under(root) -> list[str]:
    root = Path(root)
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
    )


# Serialized rollback: a transactional test empties the tables when it ends,
# and the next one still needs the root page the migrations made.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_old_style_photo_moves_into_the_private_storage(settings, tmp_path, setting):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    campaign, village, *_ = setting
    session = OutreachSession.objects.create(
        campaign=campaign,
        kind="village_meeting",
        starts_at=timezone.make_aware(datetime.datetime(2025, 10, 28, 8, 30)),
        area=village,
    )
    executor = MigrationExecutor(connection)
    before = before_the_move(executor.loader)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps.get_model(
        "campaigns", "SessionPhoto"
    )
    # As the officer's form stored a photo: a Wagtail image under the phone's
    # file name, with a rendition made for the session's page.
    image = Image.objects.create(
        title=str(session), file=ContentFile(phone_jpeg(), name=PHONE_NAME)
    )
    image.get_rendition("max-600x400")
    kept = old.objects.create(
        session_id=session.pk, image_id=image.pk, caption="Họp thôn"
    )
    # Wagtail's record that the session uses the image ("Usage" in the
    # image library).
    path = f"photos.{kept.pk}.image"
    ReferenceIndex.objects.create(
        content_type=ContentType.objects.get_for_model(OutreachSession),
        base_content_type=ContentType.objects.get_for_model(OutreachSession),
        object_id=str(session.pk),
        to_content_type=ContentType.objects.get_for_model(Image),
        to_object_id=str(image.pk),
        model_path="photos.item.image",
        content_path=path,
        content_path_hash=ReferenceIndex._get_content_path_hash(path),
    )
    lost = Image.objects.create(
        title=str(session), file=ContentFile(phone_jpeg(), name="IMG_lost.jpg")
    )
    Path(lost.file.path).unlink()
    old.objects.create(session_id=session.pk, image_id=lost.pk)
    assert any("original_images" in name for name in files_under(settings.MEDIA_ROOT))

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    photo = SessionPhoto.objects.get()
    assert photo.session_id == session.pk and photo.caption == "Họp thôn"
    assert re.fullmatch(r"photos/[0-9a-f]{32}\.jpg", photo.file.name)
    assert (photo.width, photo.height) == (800, 1200)
    data = Path(photo.file.path).read_bytes()
    assert metadata(data) == {"exif": {}, "gps": {}, "info": []}
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == [photo.file.name]
    assert files_under(settings.MEDIA_ROOT) == []
    assert not Image.objects.exists()
    assert not ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Image),
        to_object_id=str(image.pk),
    ).exists()
