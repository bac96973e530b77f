"""The document upload form (Wagtail's, through `WAGTAILDOCS_DOCUMENT_FORM_BASE`):
documents are recordings and PDFs, and an upload must be what its name says.

The extension is checked by Wagtail against `WAGTAILDOCS_EXTENSIONS` and the
size against `WAGTAILDOCS_MAX_UPLOAD_SIZE`; here the contents are read, so a
page of script named `.mp3` or `.pdf` is refused before it is stored.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from wagtail.documents.forms import BaseDocumentForm

from content.audio import AudioFileError, duration_of

RECORDING_EXTENSIONS = {".mp3", ".ogg", ".oga", ".opus", ".m4a", ".wav", ".flac"}
PDF_SIGNATURE = b"%PDF-"


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing a file whose contents are not of the
    kind its extension names."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # no new file: the stored one stays
        extension = Path(upload.name).suffix.lower()
        if extension in RECORDING_EXTENSIONS:
            try:
                duration_of(upload)
            except AudioFileError:
                raise ValidationError(
                    _(
                        "“%(name)s” is named as a recording but is not one: "
                        "upload an MP3, Ogg, M4A, WAV or FLAC file."
                    )
                    % {"name": upload.name},
                    code="not_a_recording",
                ) from None
        elif extension == ".pdf":
            upload.seek(0)
            signature = upload.read(len(PDF_SIGNATURE))
            upload.seek(0)
            if signature != PDF_SIGNATURE:
                raise ValidationError(
                    _("“%(name)s” is named as a PDF but is not one.")
                    % {"name": upload.name},
                    code="not_a_pdf",
                )
        return upload

    def _update_errors(self, errors):
        # Wagtail's model re-checks the extension of the file it holds, which
        # for a file refused above is none: "File extension “” is not
        # allowed" would stand beside the real reason.
        if self.has_error("file") and hasattr(errors, "error_dict"):
            errors.error_dict.pop("file", None)
            if not errors.error_dict:
                return
        super()._update_errors(errors)
