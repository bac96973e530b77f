"""In which languages a piece exists, asked of many pieces at once (the
figures-to-check report) and of one (a session's form), gives the same
answer."""

from content.availability import languages_by_format, languages_by_format_of
from content.models import RadioRecording
from tests.factories import (
    FAQAnswerPageFactory,
    PolicyExplainerPageFactory,
    RadioScriptPageFactory,
    stream,
)
from tests.media_files import document, wav_bytes


def test_many_pieces_at_once_agree_with_one_at_a_time(
    explainer_index, faq_index, radio_index
):
    translated = PolicyExplainerPageFactory(
        parent=explainer_index,
        title_rad="Bảo hiểm xã hội",
        summary_rad="Mnuih dưm",
        body_rad=stream(("paragraph", "<p>Mnuih</p>")),
    )
    # Ede title and summary, an empty Ede body: not an Ede text.
    half = PolicyExplainerPageFactory(
        parent=explainer_index, title_rad="Bảo hiểm", summary_rad="Mnuih"
    )
    faq = FAQAnswerPageFactory(parent=faq_index, short_answer_en="  ")
    script = RadioScriptPageFactory(parent=radio_index)
    RadioRecording.objects.create(
        page=script, language="km", audio=document("km.wav", wav_bytes(3))
    )
    pieces = [translated, half, faq, script]

    at_once = languages_by_format_of({piece.pk for piece in pieces})

    assert at_once == {piece.pk: languages_by_format(piece) for piece in pieces}
    assert "rad" in at_once[translated.pk]["print"]
    assert "rad" not in at_once[half.pk]["print"]
    assert "en" not in at_once[faq.pk]["print"]
    assert at_once[script.pk]["audio"] == {"km"}
    assert "km" in at_once[script.pk]["broadcast"]
