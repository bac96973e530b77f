from django.core.exceptions import ValidationError

import pytest

from content.models import RadioRecording
from locales.registry import get_language
from tests.factories import RadioScriptPageFactory, stream
from tests.media_files import document, wav_bytes


def test_running_time_follows_the_languages_reading_rate(radio_index):
    words = " ".join(["lời"] * 130)
    body = stream(
        ("music_cue", {"text": "Jingle", "seconds": 5}),
        ("speaker_line", {"speaker": "A", "text": words}),
        ("pause", {"seconds": 3}),
    )
    script = RadioScriptPageFactory(parent=radio_index, body_vi=body, body_rad=body)
    vietnamese = script.running_time(get_language("vi"))
    ede = script.running_time(get_language("rad"))
    assert vietnamese.words == ede.words == 130
    # 130 words at 160/min (vi) and 130/min (rad), plus 8 s of cues and pauses.
    assert vietnamese.seconds == round(130 * 60 / 160 + 8)
    assert ede.seconds == 60 + 8
    assert ede.seconds > vietnamese.seconds
    assert ede.over_slot == (ede.seconds > script.slot_seconds)


def test_no_estimate_for_a_language_the_script_is_not_written_in(radio_index):
    script = RadioScriptPageFactory(parent=radio_index)
    assert script.running_time(get_language("jra")) is None
    assert [estimate.language.code for estimate in script.running_times()] == ["vi"]


def test_recording_duration_is_read_from_the_uploaded_file(radio_index):
    script = RadioScriptPageFactory(parent=radio_index)
    recording = RadioRecording(
        page=script, language="vi", audio=document("loa.wav", wav_bytes(2.5))
    )
    recording.full_clean()
    recording.save()
    assert recording.duration_seconds == pytest.approx(2.5, abs=0.01)
    assert recording.duration_label == "0:02"


def test_a_file_that_is_not_audio_is_refused_as_a_recording(radio_index):
    script = RadioScriptPageFactory(parent=radio_index)
    fake = document("recording.mp3", b"%PDF-1.4 this is not audio at all")
    recording = RadioRecording(page=script, language="vi", audio=fake)
    with pytest.raises(ValidationError) as error:
        recording.full_clean()
    assert "not an audio recording" in str(error.value.message_dict["audio"])
    assert not RadioRecording.objects.exists()


def test_public_page_offers_the_recording_in_the_visitors_language(client, radio_index):
    script = RadioScriptPageFactory(parent=radio_index)
    audio = document("loa.wav", wav_bytes(65))
    RadioRecording.objects.create(page=script, language="vi", audio=audio)
    html = client.get(f"/rad/radio/{script.slug}/").content.decode()
    assert f'<audio controls preload="none" src="{audio.url}"></audio>' in html
    assert "1:05" in html
    assert 'lang="vi"' in html


def test_a_recording_is_outdated_once_its_script_changes(radio_index):
    script = RadioScriptPageFactory(parent=radio_index)
    recording = RadioRecording.objects.create(
        page=script, language="vi", audio=document("loa.wav", wav_bytes(1))
    )
    assert not recording.is_outdated
    script.body_vi = stream(("speaker_line", {"speaker": "A", "text": "Lời mới."}))
    script.save_revision().publish()
    recording.refresh_from_db()
    assert recording.is_outdated
    recording.audio = document("loa-new.wav", wav_bytes(1))
    recording.save()
    assert not recording.is_outdated


def test_editing_another_language_leaves_a_recording_current(radio_index):
    script = RadioScriptPageFactory(parent=radio_index)
    recording = RadioRecording.objects.create(
        page=script, language="vi", audio=document("loa.wav", wav_bytes(1))
    )
    script.body_en = stream(("speaker_line", {"speaker": "A", "text": "New words."}))
    script.save_revision().publish()
    recording.refresh_from_db()
    assert not recording.is_outdated


def test_public_page_says_when_the_recording_is_older_than_the_script(
    client, radio_index
):
    script = RadioScriptPageFactory(parent=radio_index)
    RadioRecording.objects.create(
        page=script, language="vi", audio=document("loa.wav", wav_bytes(1))
    )
    url = f"/vi/radio/{script.slug}/"
    assert "phiên bản cũ" not in client.get(url).content.decode()
    script.body_vi = stream(("speaker_line", {"speaker": "A", "text": "Lời mới."}))
    script.save_revision().publish()
    assert "phiên bản cũ" in client.get(url).content.decode()


def test_the_editor_shows_which_recordings_are_outdated(admin_client, radio_index):
    script = RadioScriptPageFactory(parent=radio_index)
    for language in ("vi", "en"):
        RadioRecording.objects.create(
            page=script, language=language, audio=document("loa.wav", wav_bytes(1))
        )
    script.body_vi = stream(("speaker_line", {"speaker": "A", "text": "Lời mới."}))
    script.save_revision().publish()
    html = admin_client.get(f"/admin/pages/{script.pk}/edit/").content.decode()
    assert html.count("help-block help-warning") == 1
    assert html.count("(0:01)") == 1
