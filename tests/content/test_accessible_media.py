"""Editors cannot add an image without alternative text or a recording
without its transcript, in any language's body."""

from django.core.exceptions import ValidationError

import pytest

from content.blocks import AudioClipBlock, ImageBlock


def test_an_image_needs_alternative_text():
    with pytest.raises(ValidationError) as error:
        ImageBlock().clean({"image": None, "alt_text": "", "caption": ""})
    assert "alt_text" in error.value.block_errors


def test_an_audio_clip_needs_a_transcript():
    with pytest.raises(ValidationError) as error:
        AudioClipBlock().clean({"audio": None, "title": "Thông báo", "transcript": ""})
    assert "transcript" in error.value.block_errors
