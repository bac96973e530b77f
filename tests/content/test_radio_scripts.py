from django.core.exceptions import ValidationError

import pytest

from content.models import RadioRecording
from locales.registry import get_language
from locales.segmentation import syllable_count
from tests.factories import RadioScriptPageFactory, stream
from tests.media_files import document, wav_bytes
from tests.pdf_files import fetch_pdf, poppler
from tests.texts_without_spaces import KHMER_SENTENCES, TAI_VIET_SENTENCES


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
    assert vietnamese.units == ede.units == 130
    # 130 words at 160/min (vi) and 130/min (rad), plus 8 s of cues and pauses.
    assert vietnamese.seconds == round(130 * 60 / 160 + 8)
    assert ede.seconds == 60 + 8
    assert ede.seconds > vietnamese.seconds
    assert ede.over_slot == (ede.seconds > script.slot_seconds)


def script_lines(sentences, syllables: int, script: str) -> list[str]:
    """Sentences, taken in turn, until they hold `syllables` syllables."""
    lines = []
    while sum(syllable_count(line, script) for line in lines) < syllables:
        lines.append(sentences[len(lines) % len(sentences)])
    return lines


def spoken(lines, speaker="A"):
    return [("speaker_line", {"speaker": speaker, "text": line}) for line in lines]


def test_khmer_and_tai_viet_are_timed_by_their_syllables(radio_index):
    khmer = script_lines(KHMER_SENTENCES, 420, "Khmr")
    tai_viet = script_lines(TAI_VIET_SENTENCES, 200, "Tavt")
    script = RadioScriptPageFactory(
        parent=radio_index,
        body_km=stream(("music_cue", {"text": "ភ្លេង", "seconds": 5}), *spoken(khmer)),
        body_blt=stream(*spoken(tai_viet)),
    )
    km = script.running_time(get_language("km"))
    blt = script.running_time(get_language("blt"))
    khmer_syllables = sum(syllable_count(line, "Khmr") for line in khmer)
    tai_viet_syllables = sum(syllable_count(line, "Tavt") for line in tai_viet)
    assert km.units == khmer_syllables
    assert blt.units == tai_viet_syllables
    assert km.seconds == round(khmer_syllables * 60 / 315 + 5)
    assert blt.seconds == round(tai_viet_syllables * 60 / 150)
    # About 420 syllables of Khmer read in about 80 s, as the same script in
    # Vietnamese (some 220 words at 160 a minute); not the 36 s a count of
    # spaces gave.
    assert 420 <= khmer_syllables < 440
    assert 80 <= km.seconds <= 90
    assert blt.seconds >= 80
    assert km.over_slot and blt.over_slot  # the factory's slot is 60 s


def test_a_recording_shows_its_real_duration_beside_the_estimate(
    client, admin_client, radio_index, tmp_path
):
    script = RadioScriptPageFactory(
        parent=radio_index,
        body_km=stream(*spoken(script_lines(KHMER_SENTENCES, 420, "Khmr"))),
    )
    RadioRecording.objects.create(
        page=script, language="km", audio=document("km.wav", wav_bytes(84))
    )
    estimate = script.running_time(get_language("km"))
    assert estimate.recorded_seconds == 84
    # The recording's pace, to set the registry's rate by.
    assert estimate.recorded_rate == round(estimate.units * 60 / 84)

    html = client.get(f"/km/radio/{script.slug}/").content.decode()
    facts = html.split('class="script-facts"')[1].split("</p>")[0]
    assert f"{estimate.seconds}" in facts
    assert "1:24" in facts
    sheet = poppler(
        "pdftotext", fetch_pdf(client, f"/km/radio/{script.slug}/pdf/"), tmp_path
    )
    assert "1:24" in sheet

    editor = admin_client.get(f"/admin/pages/{script.pk}/edit/").content.decode()
    # The editor works in Vietnamese, the site's default language.
    assert f"{estimate.units} âm tiết" in editor
    assert "315 âm tiết/phút" in editor
    assert "84 s" in editor
    assert f"đọc {estimate.recorded_rate} âm tiết/phút" in editor


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
