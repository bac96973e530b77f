"""Moving session photos kept the old way, as Wagtail images (public, in the
image library, with the phone's file name and GPS position), into the private
storage: each is copied stripped under a random name (the photo field does
that as it saves), then its Wagtail image goes, with its renditions, its
files and the references Wagtail kept to it. Run by a data migration."""

import logging
from pathlib import PurePosixPath

from django.core.files.base import ContentFile

from PIL import UnidentifiedImageError

logger = logging.getLogger(__name__)


def move_photos(apps, schema_editor) -> None:
    SessionPhoto = apps.get_model("campaigns", "SessionPhoto")
    for photo in SessionPhoto.objects.filter(image__isnull=False).select_related(
        "image"
    ):
        image = photo.image
        try:
            with image.file.open("rb") as file:
                original = file.read()
            photo.file = ContentFile(
                original, name=f"photo{PurePosixPath(image.file.name).suffix}"
            )
            photo.image = None
            photo.save()
        except (OSError, UnidentifiedImageError, ValueError) as error:
            # Its file is gone or unreadable: there is no photo left to keep.
            logger.warning(
                "Session %s: photo %s could not be read (%s) and was removed.",
                photo.session_id,
                photo.pk,
                error,
            )
            photo.delete()
        delete_image(apps, image)


def delete_image(apps, image) -> None:
    """The Wagtail image, its renditions and their files."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    for rendition in image.renditions.all():
        rendition.file.storage.delete(rendition.file.name)
    image.file.storage.delete(image.file.name)
    kind = ContentType.objects.filter(app_label="wagtailimages", model="image")
    ReferenceIndex.objects.filter(
        to_content_type__in=kind, to_object_id=str(image.pk)
    ).delete()
    image.delete()
