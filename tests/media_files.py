"""Real media files for uploads and recordings."""

import io
import wave

from django.core.files.base import ContentFile

from wagtail.documents.models import Document


def wav_bytes(seconds: float, rate: int = 8000) -> bytes:
    """A real mono 16-bit WAV file of silence."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(rate)
        audio.writeframes(b"\0\0" * int(seconds * rate))
    return buffer.getvalue()


def document(name: str, data: bytes) -> Document:
    return Document.objects.create(title=name, file=ContentFile(data, name=name))
