"""Images are decoded in full before they are accepted, on every path that
takes one: Wagtail's image form (the admin's upload, multiple upload and the
chooser's, through `WAGTAILIMAGES_IMAGE_FORM_BASE`) and `DecodedImageField`
for other forms (the officer's session photo).

Wagtail reads only an image's header, which a file cut short in transfer (a
phone on a poor connection) still has: it would be stored, then fail or come
out grey each time a rendition is made of it. Wagtail's own checks (format,
size, pixels, so a decompression bomb is refused before it is decoded) run
first.

WeasyPrint, once imported, tells Pillow to load truncated images without a
word (`ImageFile.LOAD_TRUNCATED_IMAGES`, a process-wide flag): the check turns
that off while it decodes, under a lock. Another thread loading a truncated
image in that moment gets an error instead of a grey patch, which WeasyPrint
reports as an image it could not load.
"""

import threading

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from PIL import Image, ImageFile

STRICT_LOAD = threading.Lock()


def refuse_undecodable(upload) -> None:
    """Refuse an uploaded image that cannot be decoded to its last pixel."""
    upload.seek(0)
    try:
        with STRICT_LOAD, Image.open(upload) as image:
            lenient, ImageFile.LOAD_TRUNCATED_IMAGES = (
                ImageFile.LOAD_TRUNCATED_IMAGES,
                False,
            )
            try:
                image.load()
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _(
                "“%(name)s” is damaged or incomplete (it could not be read to "
                "the end): upload the whole image again."
            )
            % {"name": upload.name},
            code="undecodable_image",
        ) from None
    finally:
        upload.seek(0)


class DecodedImageField(WagtailImageField):
    """Wagtail's image field, also refusing an image that does not decode."""

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is not None:
            refuse_undecodable(upload)
        return upload


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form, refusing a new file that does not decode."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            refuse_undecodable(upload)
        return upload
