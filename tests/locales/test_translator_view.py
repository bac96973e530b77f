"""The translator view: source beside target, draft, submit, review, and the
publishing rule (only approved text reaches the public)."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

import pytest

from locales.models import GlossaryTerm, TranslationRecord
from locales.states import TranslationState, states_for, unit_states
from tests.factories import PolicyExplainerPageFactory, stream, translator_user
from tests.locales.sheet import form_data, url

State = TranslationState


@pytest.fixture
def piece(explainer_index):
    return PolicyExplainerPageFactory(
        parent=explainer_index,
        title_vi="Bảo hiểm y tế hộ gia đình",
        summary_vi="Giảm 30 % cho người thứ hai trong hộ.",
        body_vi=stream(
            ("heading", {"text": "Ai được tham gia"}),
            ("paragraph", "<p>Người dân từ đủ 15 tuổi.</p>"),
            (
                "key_figures",
                [{"value": "91,9 %", "label": "Dân số có thẻ BHYT", "source": ""}],
            ),
        ),
        body_en=stream(),
    )


RAD = {
    "Bảo hiểm y tế hộ gia đình": "Klei mgang kđi asei sang",
    "Giảm 30 %": "Bi hrŏ 30 % kơ pô tal dua hlăm sang.",
    "Ai được tham gia": "Hlei dưi mŭt",
    "15 tuổi": "Mnuih mâo 15 thŭn.",
    "91,9 %": "91,9 %",
    "Dân số có thẻ BHYT": "Mnuih mâo hră BHYT",
}


@pytest.fixture
def ede_reviewer(db):
    return translator_user("y-jut", "rad", reviewer=True)


def state(piece, field, language="rad"):
    return states_for([piece])[(piece.pk, field, language)].state


def test_translator_sees_source_beside_an_empty_translation(client, ede, piece):
    client.force_login(ede)
    html = client.get(url(piece, "rad")).content.decode()
    assert "Giảm 30 % cho người thứ hai trong hộ." in html
    assert 'lang="rad"' in html
    assert "Heading" in html and "Key figures" in html


def refused(response) -> bool:
    """Wagtail answers a refused admin request by sending the user back to
    the dashboard with a message."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_translator_is_refused_other_languages_and_the_source(client, ede, piece):
    client.force_login(ede)
    assert refused(client.get(url(piece, "jra")))
    data = {**form_data(client, piece, "jra", **RAD), "action": "save"}
    assert refused(client.post(url(piece, "jra"), data))
    assert not TranslationRecord.objects.exists()
    assert client.get(url(piece, "vi")).status_code == 404
    assert client.get(url(piece, "xx")).status_code == 404


def test_unknown_pieces_are_not_found(client, ede, piece):
    client.force_login(ede)
    user_type = ContentType.objects.get_for_model(get_user_model())
    assert client.get(f"/admin/translations/{user_type.pk}/1/rad/").status_code == 404
    assert (
        client.get(url(piece, "rad").replace(str(piece.pk), "999")).status_code == 404
    )


def test_a_draft_is_kept_for_the_translator_and_not_published(client, ede, piece):
    client.force_login(ede)
    response = client.post(
        url(piece, "rad"), {**form_data(client, piece, "rad", **RAD), "action": "save"}
    )
    assert response.status_code == 302
    piece.refresh_from_db()
    assert piece.summary_rad in ("", None)
    assert state(piece, "summary") == State.DRAFT
    assert state(piece, "body") == State.DRAFT
    record = TranslationRecord.objects.get(field="summary", language="rad")
    assert record.text == "Bi hrŏ 30 % kơ pô tal dua hlăm sang."
    assert record.translated_by == ede
    html = client.get(f"/rad/explainers/{piece.slug}/").content.decode()
    assert "Bi hrŏ 30 %" not in html
    assert "Giảm 30 %" in html


def test_the_stream_translation_keeps_the_source_structure(client, ede, piece):
    client.force_login(ede)
    client.post(
        url(piece, "rad"), {**form_data(client, piece, "rad", **RAD), "action": "save"}
    )
    body = TranslationRecord.objects.filter(field="body", language="rad")
    assert sorted(body.values_list("text", flat=True)) == sorted(
        ["Hlei dưi mŭt", "Mnuih mâo 15 thŭn.", "91,9 %", "Mnuih mâo hră BHYT"]
    )
    client.force_login(translator_user("y-jut", "rad", reviewer=True))
    client.post(url(piece, "rad"), {"action": "submit"})
    client.post(url(piece, "rad"), {"action": "approve"})
    piece.refresh_from_db()
    published = list(piece.body_rad.raw_data)
    source = list(piece.body_vi.raw_data)
    assert [block["id"] for block in published] == [block["id"] for block in source]
    assert published[0]["value"] == {"text": "Hlei dưi mŭt"}
    figure = published[2]["value"][0]
    if figure.get("type") == "item":
        figure = figure["value"]
    assert figure["label"] == "Mnuih mâo hră BHYT" and figure["source"] == ""


def test_a_translator_submits_what_is_done_and_the_rest_stays_missing(
    client, ede, piece
):
    client.force_login(ede)
    partial = {"Ai được tham gia": "Hlei dưi mŭt"}
    response = client.post(
        url(piece, "rad"),
        {**form_data(client, piece, "rad", **partial), "action": "submit"},
        follow=True,
    )
    assert "Đã gửi duyệt 1 phần; còn 5 phần để trống." in response.content.decode()
    assert state(piece, "body") == State.MISSING
    assert sorted(unit_states(piece, "rad").values()) == sorted(
        [State.NEEDS_REVIEW] + [State.MISSING] * 5
    )


def submit_all(client, translator, piece):
    client.force_login(translator)
    client.post(
        url(piece, "rad"),
        {**form_data(client, piece, "rad", **RAD), "action": "submit"},
    )


def test_submit_then_approve_publishes_the_translation(
    client, ede, ede_reviewer, piece
):
    submit_all(client, ede, piece)
    assert state(piece, "summary") == State.NEEDS_REVIEW
    assert state(piece, "title") == State.NEEDS_REVIEW

    client.force_login(ede_reviewer)
    response = client.post(url(piece, "rad"), {"action": "approve"})
    assert response.status_code == 302
    piece.refresh_from_db()
    assert piece.summary_rad == "Bi hrŏ 30 % kơ pô tal dua hlăm sang."
    assert piece.body_rad.raw_data[0]["value"] == {"text": "Hlei dưi mŭt"}
    assert state(piece, "summary") == State.APPROVED
    assert state(piece, "body") == State.APPROVED
    record = TranslationRecord.objects.get(field="summary", language="rad")
    assert (record.translated_by, record.reviewed_by) == (ede, ede_reviewer)
    html = client.get(f"/rad/explainers/{piece.slug}/").content.decode()
    assert "Bi hrŏ 30 %" in html and "Hlei dưi mŭt" in html


def test_approval_keeps_an_editors_pending_draft(client, ede, ede_reviewer, piece):
    piece.summary_vi = "Giảm 30 % cho người thứ hai trong hộ gia đình."
    submit_all(client, ede, piece)
    draft = piece.get_latest_revision_as_object()
    draft.title_vi = "Bảo hiểm y tế hộ gia đình (bản nháp)"
    draft.save_revision()

    client.force_login(ede_reviewer)
    client.post(url(piece, "rad"), {"action": "approve"})
    piece.refresh_from_db()
    assert piece.title_vi == "Bảo hiểm y tế hộ gia đình"
    assert piece.title_rad == "Klei mgang kđi asei sang"
    latest = piece.get_latest_revision_as_object()
    assert latest.title_vi == "Bảo hiểm y tế hộ gia đình (bản nháp)"
    assert latest.title_rad == "Klei mgang kđi asei sang"


def test_sending_back_needs_a_comment(client, ede, ede_reviewer, piece):
    submit_all(client, ede, piece)
    client.force_login(ede_reviewer)
    client.post(url(piece, "rad"), {"action": "send_back", "comment": "  "})
    assert state(piece, "summary") == State.NEEDS_REVIEW

    client.post(
        url(piece, "rad"), {"action": "send_back", "comment": "Dùng từ trong bảng."}
    )
    assert state(piece, "summary") == State.SENT_BACK
    client.force_login(ede)
    assert "Dùng từ trong bảng." in client.get(url(piece, "rad")).content.decode()


def test_a_translator_cannot_approve(client, ede, piece):
    submit_all(client, ede, piece)
    assert refused(client.post(url(piece, "rad"), {"action": "approve"}))
    assert state(piece, "summary") == State.NEEDS_REVIEW


def test_a_save_over_a_newer_save_is_refused_and_loses_nothing(client, ede, piece):
    client.force_login(ede)
    stale = form_data(client, piece, "rad", **{"Giảm 30 %": "Bản của tôi 30 %"})
    other = translator_user("h-hen", "rad")
    client.force_login(other)
    client.post(
        url(piece, "rad"),
        {
            **form_data(client, piece, "rad", **{"Giảm 30 %": "Bản kia 30 %"}),
            "action": "save",
        },
    )
    client.force_login(ede)
    response = client.post(url(piece, "rad"), {**stale, "action": "save"})
    assert response.status_code == 409
    assert "Bản của tôi 30 %" in response.content.decode()
    record = TranslationRecord.objects.get(field="summary", language="rad")
    assert record.text == "Bản kia 30 %" and record.translated_by == other


def test_outdated_translation_shows_the_source_diff(client, ede, ede_reviewer, piece):
    submit_all(client, ede, piece)
    client.force_login(ede_reviewer)
    client.post(url(piece, "rad"), {"action": "approve"})
    piece.refresh_from_db()
    piece.summary_vi = "Giảm 40 % cho người thứ hai trong hộ."
    piece.save_revision().publish()
    piece.refresh_from_db()
    assert state(piece, "summary") == State.OUTDATED
    assert state(piece, "title") == State.APPROVED
    client.force_login(ede)
    html = client.get(url(piece, "rad")).content.decode()
    assert "<del>30</del>" in html and "<ins>40</ins>" in html
    # The approved text stays public until a newer one is approved.
    public = client.get(f"/rad/explainers/{piece.slug}/").content.decode()
    assert "Bi hrŏ 30 %" in public


def test_qa_warnings_and_glossary_hints_show_beside_the_unit(client, ede, piece):
    GlossaryTerm.objects.create(
        language="rad", source_term="thẻ BHYT", translation="hră BHYT"
    )
    client.force_login(ede)
    client.post(
        url(piece, "rad"),
        {
            **form_data(
                client,
                piece,
                "rad",
                **{"Giảm 30 %": "Bi hrŏ kơ pô tal dua.", "Dân số": "Mnuih mâo"},
            ),
            "action": "save",
        },
    )
    html = client.get(url(piece, "rad")).content.decode()
    assert 'data-check="numbers"' in html
    assert 'data-check="glossary"' in html
    assert "hră BHYT" in html


def null_refusal(response) -> str:
    """The message refusing a null character, in the admin's Vietnamese."""
    [said] = [
        str(message)
        for message in response.context["messages"]
        if str(message).startswith("Văn bản không được chứa ký tự rỗng (null)")
    ]
    return said


def test_a_null_character_is_refused_and_taken_out_of_the_form(client, ede, piece):
    client.force_login(ede)
    typed = {**RAD, "Giảm 30 %": "Bi hrŏ 30 %\x00 kơ pô tal dua."}
    response = client.post(
        url(piece, "rad"),
        {**form_data(client, piece, "rad", **typed), "action": "save"},
    )
    assert response.status_code == 400
    assert "tóm tắt" in null_refusal(response)
    html = response.content.decode()
    assert "Bi hrŏ 30 % kơ pô tal dua." in html and "\x00" not in html
    assert not TranslationRecord.objects.exists()


def test_a_null_character_in_a_review_comment_is_refused(
    client, ede, ede_reviewer, piece
):
    submit_all(client, ede, piece)
    client.force_login(ede_reviewer)
    response = client.post(
        url(piece, "rad"), {"action": "send_back", "comment": "Giữ con số\x00."}
    )
    assert response.status_code == 400
    assert "Nhận xét gửi người dịch" in null_refusal(response)
    assert state(piece, "summary") == State.NEEDS_REVIEW
