"""Correcting a saved session, and withdrawing one, leave a trail: the officer
corrects their own sessions on their screens, editors anyone's in the admin,
each change is in the audit log with what it said before and after, and a
withdrawn session leaves every figure."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import querydict_from_html

from campaigns.models import OutreachSession, SessionQuestion, Target
from campaigns.progress import progress_of
from campaigns.usage import usage_of
from people.roles import EDITOR, OFFICER
from tests.factories import translator_user, user_in
from tests.officer_screens import NEW, post_data


def vi(text: str) -> str:
    with translation.override("vi"):
        return gettext(text)


def correct_url(session) -> str:
    return f"/vi/officer/sessions/{session.pk}/correct/"


def withdraw_url(session) -> str:
    return f"/vi/officer/sessions/{session.pk}/withdraw/"


def log_session(client, setting, **changes) -> OutreachSession:
    """A session logged through the officer's form."""
    response = client.post(NEW, post_data(*setting, **changes))
    assert response.status_code == 302, response.context["form"].errors
    return OutreachSession.objects.get(pk=response["Location"].split("/")[-2])


def correction_form(client, session):
    """The correction screen's form as the officer's phone would send it."""
    response = client.get(correct_url(session))
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="session-form")


def sent(data) -> dict:
    """Form data as the browser sends it: every value of a repeated field
    (the test client would keep only a QueryDict's last one)."""
    return dict(data.lists())


def edits_of(session) -> list[ModelLogEntry]:
    return list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(OutreachSession),
            object_id=str(session.pk),
            action="wagtail.edit",
        ).order_by("pk")
    )


def test_the_officer_corrects_their_own_session(client, officer, setting):
    campaign, village, piece, indicator = setting
    client.force_login(officer)
    session = log_session(client, setting)
    data = correction_form(client, session)
    # The form shows what was logged, the time in the office's time zone.
    assert (data["day"], data["time"], data["attendance"]) == (
        "2025-10-28",
        "08:30",
        "60",
    )
    assert data.getlist("languages") == ["vi", "rad"]
    assert data["material-0-piece"] == piece.material_code
    assert data["outcome-0-value"] == "84.00"
    data.update({"attendance": "75", "time": "14:00", "outcome-0-value": "90"})
    data.setlist("languages", ["vi"])
    data["material-0-DELETE"] = "on"
    response = client.post(correct_url(session), sent(data))
    assert response.status_code == 302
    assert response["Location"] == f"/vi/officer/sessions/{session.pk}/"

    session.refresh_from_db()
    assert session.attendance == 75
    assert f"{session.starts_at:%H:%M}" == "07:00"  # 14:00 in Hanoi, in UTC
    assert [s.language for s in session.spoken_languages.all()] == ["vi"]
    assert not session.material_uses.exists()
    assert session.outcomes.get().value == Decimal(90)
    [entry] = edits_of(session)
    assert entry.user == officer
    before, after = entry.data["before"], entry.data["after"]
    assert (before["attendance"], after["attendance"]) == ("60", "75")
    assert (before["starts_at"], after["starts_at"]) == (
        "28/10/2025 08:30",
        "28/10/2025 14:00",
    )
    assert before["outcomes"] == [f"{indicator.name}: 84"]
    assert after["outcomes"] == [f"{indicator.name}: 90"]
    assert before["material"] and after["material"] == []
    assert "kind" not in after
    assert vi("Attendance") in entry.data["changed"]

    # The session's page tells who changed what, before → after.
    page = client.get(f"/vi/officer/sessions/{session.pk}/").content.decode()
    assert "officer-mai" in page
    assert "<del>60</del> → <ins>75</ins>" in page


def test_saving_the_form_unchanged_logs_nothing(client, officer, setting):
    client.force_login(officer)
    session = log_session(client, setting)
    response = client.post(correct_url(session), sent(correction_form(client, session)))
    assert response.status_code == 302
    assert edits_of(session) == []


def test_questions_made_into_faq_answers_stay(client, officer, setting, faq_index):
    client.force_login(officer)
    session = log_session(client, setting, questions="Đóng ở đâu?\nĐóng bao nhiêu?")
    promoted = session.questions.get(text="Đóng ở đâu?")
    promoted.faq_answer = faq_index
    promoted.save()
    data = correction_form(client, session)
    assert data["questions"].strip() == "Đóng bao nhiêu?"
    data["questions"] = "Đóng bao nhiêu một tháng?"
    assert client.post(correct_url(session), sent(data)).status_code == 302
    assert sorted(session.questions.values_list("text", flat=True)) == [
        "Đóng bao nhiêu một tháng?",
        "Đóng ở đâu?",
    ]
    assert SessionQuestion.objects.get(pk=promoted.pk).faq_answer_id == faq_index.pk


def test_an_implausible_correction_keeps_what_was_typed(client, officer, setting):
    client.force_login(officer)
    session = log_session(client, setting)
    data = correction_form(client, session)
    data.update(
        {
            "attendance": "2500",
            "venue": "Nhà văn hoá buôn Ko Sier",
            "notes": "Trời mưa, dời sang chiều.",
            "outcome-0-value": "84.5",
        }
    )
    response = client.post(correct_url(session), sent(data))
    assert response.status_code == 400
    form = response.context["form"]
    assert "2.500" in form.errors["attendance"][0]
    assert vi("The correction was not saved: see the marked fields.") in (
        response.content.decode()
    )
    [outcome_errors, *_rest] = response.context["outcomes"].errors
    assert "84,5" in outcome_errors["value"][0]
    sent_back = querydict_from_html(response.content.decode(), form_id="session-form")
    for name in ("attendance", "venue", "notes", "outcome-0-value", "time"):
        assert sent_back[name].strip() == data[name], name
    session.refresh_from_db()
    assert (session.attendance, session.venue) == (60, "")
    assert session.outcomes.get().value == 84
    assert edits_of(session) == []


def test_an_officer_cannot_correct_another_officers_session(client, officer, setting):
    client.force_login(officer)
    session = log_session(client, setting)
    data = correction_form(client, session)
    data["attendance"] = "5"
    other = user_in(OFFICER, "officer-nam")
    client.force_login(other)
    assert client.get(correct_url(session)).status_code == 403
    assert client.post(correct_url(session), sent(data)).status_code == 403
    assert client.post(withdraw_url(session), {"reason": "Nhầm"}).status_code == 403
    page = client.get(f"/vi/officer/sessions/{session.pk}/").content.decode()
    assert correct_url(session) not in page
    session.refresh_from_db()
    assert (session.attendance, session.withdrawn_at) == (60, None)
    # Held together: an officer on the session's staff may correct it.
    session.staff.add(other)
    session.save()
    assert client.get(correct_url(session)).status_code == 200


def test_anonymous_visitors_and_translators_get_no_access(client, officer, setting):
    client.force_login(officer)
    session = log_session(client, setting)
    client.logout()
    for url in (correct_url(session), withdraw_url(session)):
        for send in (client.get, client.post):
            response = send(url)
            assert response.status_code == 302
            assert response["Location"].startswith("/admin/login/")
    client.force_login(translator_user("y-jut", "rad"))
    for url in (correct_url(session), withdraw_url(session)):
        assert client.get(url).status_code == 403
        assert client.post(url, {"reason": "Nhầm"}).status_code == 403
    session.refresh_from_db()
    assert session.withdrawn_at is None


def test_an_editor_corrects_any_session_in_the_admin(client, officer, setting):
    client.force_login(officer)
    session = log_session(client, setting)
    editor = user_in(EDITOR, "bien-tap")
    client.force_login(editor)
    url = reverse("outreach_sessions:edit", args=[session.pk])
    data = querydict_from_html(
        client.get(url).content.decode(), form_id="w-editor-form"
    )
    data["attendance"] = "120"
    data["venue"] = "Hội trường xã"
    response = client.post(url, sent(data))
    assert response.status_code == 302, response.context["form"].errors
    session.refresh_from_db()
    assert session.attendance == 120
    [entry] = edits_of(session)
    assert entry.user == editor
    assert entry.data["before"] == {"venue": "", "attendance": "60"}
    assert entry.data["after"] == {"venue": "Hội trường xã", "attendance": "120"}
    # The editor may also correct it on the officer's screen.
    assert client.get(correct_url(session)).status_code == 200


def test_editors_withdraw_sessions_rather_than_delete_them(client, officer, setting):
    client.force_login(officer)
    session = log_session(client, setting)
    client.force_login(user_in(EDITOR, "bien-tap"))
    url = reverse("outreach_sessions:delete", args=[session.pk])
    assert client.post(url).status_code in (302, 403)
    assert OutreachSession.objects.filter(pk=session.pk).exists()
    edit = client.get(reverse("outreach_sessions:edit", args=[session.pk]))
    assert withdraw_url(session) in edit.content.decode()


def figures(setting, session):
    """What the progress, outcomes report and where-used say of the
    session's campaign and piece."""
    campaign, _village, piece, indicator = setting
    target = Target.objects.create(
        campaign=campaign,
        indicator=indicator,
        starts_on=datetime.date(2025, 10, 1),
        ends_on=datetime.date(2025, 10, 31),
        value=Decimal(100),
    )
    usage = usage_of(piece.pk)
    return progress_of([target])[target.pk].measured, usage.sessions, usage.outcomes


def test_a_withdrawn_session_leaves_every_figure(
    client, admin_client, officer, setting
):
    client.force_login(officer)
    session = log_session(client, setting)
    assert figures(setting, session)[:2] == (Decimal(84), 1)

    response = client.post(withdraw_url(session), {"reason": "  "})
    assert response.status_code == 400
    assert vi("Say why the session is withdrawn: the reason is kept.") in (
        response.content.decode()
    )
    session.refresh_from_db()
    assert session.withdrawn_at is None

    response = client.post(withdraw_url(session), {"reason": "Ghi trùng hai lần."})
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.withdrawn_by, session.withdrawal_reason) == (
        officer,
        "Ghi trùng hai lần.",
    )
    entry = ModelLogEntry.objects.get(action="campaigns.withdraw_session")
    assert (entry.user, entry.data["reason"]) == (officer, "Ghi trùng hai lần.")

    measured, sessions, outcomes = figures(setting, session)
    assert (measured, sessions, outcomes) == (None, 0, [])
    report = admin_client.get("/admin/reports/outcomes/")
    assert list(report.context["object_list"]) == []
    where_used = admin_client.get("/admin/reports/where-used/")
    assert list(where_used.context["object_list"]) == []

    page = client.get(f"/vi/officer/sessions/{session.pk}/").content.decode()
    assert "Ghi trùng hai lần." in page and correct_url(session) not in page
    listing = client.get("/vi/officer/sessions/").content.decode()
    assert vi("withdrawn") in listing
    assert client.get(correct_url(session)).status_code == 302


def test_a_refusal_is_a_page_in_the_officers_language(client, officer, setting):
    client.force_login(officer)
    session = log_session(client, setting)
    client.force_login(user_in(OFFICER, "officer-nam"))
    refused = client.get(correct_url(session))
    html = refused.content.decode()
    assert refused.status_code == 403
    assert vi("Not allowed") in html and "Không được phép" in html
    assert 'name="viewport"' in html  # the site's own page, fit for a phone


def test_a_session_logged_without_a_time_reads_as_its_day(client, officer, setting):
    client.force_login(officer)
    session = log_session(client, setting, time="")
    page = client.get(f"/vi/officer/sessions/{session.pk}/").content.decode()
    assert "28/10/2025" in page and "00:00" not in page
    # Languages by their own names, as the form names them.
    assert "<dd>Êđê, Tiếng Việt</dd>" in page
    data = correction_form(client, session)
    data["time"] = "08:30"
    assert client.post(correct_url(session), sent(data)).status_code == 302
    [entry] = edits_of(session)
    assert (entry.data["before"]["starts_at"], entry.data["after"]["starts_at"]) == (
        "28/10/2025",
        "28/10/2025 08:30",
    )
    history = client.get(f"/vi/officer/sessions/{session.pk}/").content.decode()
    assert "Đã sửa" in history and "Edited" not in history
