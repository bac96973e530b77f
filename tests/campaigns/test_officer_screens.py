"""The officer's screens: log a session on a phone, list, read."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext

import pytest
from PIL import Image

from campaigns.models import (
    Campaign,
    MaterialUse,
    OutreachSession,
    SessionQuestion,
    ToolkitItem,
)
from content.models import FAQAnswerPage
from tests.factories import (
    CampaignFactory,
    PolicyExplainerPageFactory,
)
from tests.officer_screens import NEW, post_data


def test_an_officer_logs_a_session_with_material_and_outcomes(client, officer, setting):
    client.force_login(officer)
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, post_data(*setting))
    session = OutreachSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/vi/officer/sessions/{session.pk}/"
    assert session.logged_by == officer and officer in session.staff.all()
    spoken = session.spoken_languages.values_list("language", flat=True)
    assert sorted(spoken) == ["rad", "vi"]
    use = MaterialUse.objects.get()
    piece = setting[2]
    piece.refresh_from_db()
    assert (use.language, use.quantity, use.revision) == ("vi", 40, None)
    assert session.outcomes.get().value == 84
    assert SessionQuestion.objects.get().text.startswith("Mức đóng")
    detail = client.get(response["Location"]).content.decode()
    assert "40" in detail and "84" in detail


def test_a_form_sent_twice_makes_one_session(client, officer, setting):
    client.force_login(officer)
    form = client.get(NEW).content.decode()
    submission = re.search(r'name="submission_id" value="([0-9a-f-]{36})"', form)[1]
    data = post_data(*setting, submission_id=submission)
    first = client.post(NEW, data)
    again = client.post(NEW, data)
    session = OutreachSession.objects.get()
    assert (
        first["Location"] == again["Location"] == f"/vi/officer/sessions/{session.pk}/"
    )
    assert MaterialUse.objects.count() == 1
    with translation.override("vi"):
        already = gettext("This session was already saved.")
    assert already in client.get(again["Location"]).content.decode()
    # Each form the officer opens is a new session.
    assert submission not in client.get(NEW).content.decode()
    client.post(NEW, post_data(*setting))
    assert OutreachSession.objects.count() == 2


@pytest.mark.parametrize("submission_id", ["", "not-a-uuid", "0" * 500])
def test_a_missing_or_mangled_submission_id_still_saves_the_session(
    client, officer, setting, submission_id
):
    client.force_login(officer)
    response = client.post(NEW, post_data(*setting, submission_id=submission_id))
    assert response.status_code == 302
    assert OutreachSession.objects.get().submission_id is None


def test_a_session_outside_the_campaign_period_is_saved_with_a_warning(
    client, officer, setting
):
    client.force_login(officer)
    response = client.post(NEW, post_data(*setting, day="2025-11-05"), follow=True)
    assert OutreachSession.objects.count() == 1
    assert "ngoài thời gian của chiến dịch (01/10/2025 – 31/10/2025)" in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"attendance": "-5"},
        {"outcome-0-indicator": "99999"},
        {"material-0-quantity": "0"},
        {"day": "28/13/2025"},
        {"area": ""},
        {"material-0-piece": "EXP-9999"},
        {"material-0-piece": "99999"},
        {"material-0-piece": "'; DROP TABLE x; --"},
    ],
    ids=[
        "negative-attendance",
        "unknown-indicator",
        "zero-copies",
        "bad-date",
        "no-area",
        "unknown-code",
        "unknown-id",
        "not-a-code",
    ],
)
def test_bad_input_saves_nothing(client, officer, setting, changes):
    client.force_login(officer)
    response = client.post(NEW, post_data(*setting, **changes))
    assert response.status_code == 400
    assert not OutreachSession.objects.exists()
    assert not MaterialUse.objects.exists()


def test_material_is_named_by_the_code_printed_on_the_copy(client, officer, setting):
    campaign, village, piece, indicator = setting
    client.force_login(officer)
    code = piece.material_code.lower()  # as typed on a phone
    response = client.post(
        NEW, post_data(*setting, **{"material-0-piece": f" {code} "})
    )
    assert response.status_code == 302
    assert MaterialUse.objects.get().piece.pk == piece.pk


def test_a_draft_piece_cannot_be_recorded_as_handed_out(client, officer, setting):
    campaign, village, piece, indicator = setting
    piece.unpublish()
    client.force_login(officer)
    response = client.post(
        NEW, post_data(*setting, **{"material-0-piece": piece.material_code})
    )
    assert response.status_code == 400
    assert piece.material_code in response.content.decode()  # named in the error
    assert not OutreachSession.objects.exists()


def test_the_form_suggests_the_toolkits_of_campaigns_under_way(
    client, officer, setting, explainer_index, django_assert_max_num_queries
):
    campaign, village, in_toolkit, indicator = setting
    ToolkitItem.objects.create(campaign=campaign, piece=in_toolkit)
    closed = CampaignFactory(status=Campaign.Status.CLOSED)
    of_closed = PolicyExplainerPageFactory(parent=explainer_index)
    ToolkitItem.objects.create(campaign=closed, piece=of_closed)
    for _ in range(5):  # material outside any toolkit: not listed
        PolicyExplainerPageFactory(parent=explainer_index)
    client.force_login(officer)
    with django_assert_max_num_queries(20):
        form = client.get(NEW).content.decode()
    suggestions = re.findall(r'<option value="((?:EXP|RAD|FAQ)-\d+)"', form)
    assert suggestions == [in_toolkit.material_code]
    assert of_closed.material_code not in form


def test_an_officer_cannot_edit_material_or_targets(client, officer, setting):
    client.force_login(officer)
    piece = setting[2]
    assert client.get(f"/admin/pages/{piece.pk}/edit/").status_code == 302
    assert client.get("/admin/targets/new/").status_code == 302
    assert not officer.has_perm("campaigns.add_target")


def test_anonymous_visitors_are_sent_to_log_in(client, setting):
    response = client.get("/vi/officer/sessions/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_list_filters_by_language(client, officer, setting):
    client.force_login(officer)
    client.post(NEW, post_data(*setting))
    client.post(NEW, post_data(*setting, languages=["jra"]))
    html = client.get("/vi/officer/sessions/").content.decode()
    assert html.count('class="card"') == 2
    html = client.get("/vi/officer/sessions/?language=rad").content.decode()
    assert html.count('class="card"') == 1


def test_a_question_becomes_a_draft_faq_answer(admin_client, setting, faq_index):
    admin_client.post(NEW, post_data(*setting))
    question = SessionQuestion.objects.get()
    admin_client.post(f"/vi/officer/questions/{question.pk}/promote/")
    question.refresh_from_db()
    page = FAQAnswerPage.objects.get(pk=question.faq_answer_id)
    assert page.title == question.text and not page.live


def test_a_photo_is_kept_with_the_session(client, officer, setting):
    image = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(image, "PNG")
    client.force_login(officer)
    data = post_data(*setting)
    data["photo"] = SimpleUploadedFile("hop-thon.png", image.getvalue(), "image/png")
    client.post(NEW, data)
    photo = OutreachSession.objects.get().photos.get()
    assert photo.width == 64 and photo.file.name.endswith(".png")


def test_a_file_that_is_not_an_image_is_refused_as_a_photo(client, officer, setting):
    client.force_login(officer)
    data = post_data(*setting)
    data["photo"] = SimpleUploadedFile("hop-thon.png", b"not a picture", "image/png")
    assert client.post(NEW, data).status_code == 400
    assert not OutreachSession.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/campaigns/new/",
        "/admin/outreach_sessions/new/",
        "/admin/targets/new/",
        "/admin/measurements/new/",
        "/admin/indicators/new/",
        "/admin/areas/",
    ],
)
def test_the_admin_screens_open(admin_client, setting, url):
    assert admin_client.get(url).status_code == 200


def test_a_campaign_or_place_outside_the_officers_areas_is_named_as_such(
    client, officer, setting
):
    """A session kept on the phone may come back after the officer's areas
    changed: the form says why it is refused, not "select a valid choice"."""
    client.force_login(officer)
    closed = CampaignFactory(status=Campaign.Status.CLOSED)
    data = post_data(*setting)
    data.update(campaign=closed.pk, area="999999")
    response = client.post(NEW, data)
    errors = response.context["form"].errors
    with translation.override("vi"):
        assert errors["campaign"] == [
            gettext("This campaign is closed or outside your areas: choose another.")
        ]
        assert errors["area"] == [
            gettext("This place is outside your areas: choose one of yours.")
        ]
    assert "Chiến dịch này đã đóng" in response.content.decode()


def test_the_photo_field_speaks_vietnamese(client, officer, setting):
    client.force_login(officer)
    form = client.get(NEW).content.decode()
    assert "Định dạng được nhận" in form and "Supported formats" not in form
