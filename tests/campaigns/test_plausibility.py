"""Figures a person could not have meant are refused where they are typed:
on the officer's form and in the admin's forms, with a message saying why.
Each case was accepted before and then went into every report."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.test.utils.form_data import querydict_from_html

import pytest

from campaigns.models import Indicator, MaterialUse, Measurement, OutreachSession
from content.models import PrintRun, RadioRecording
from tests.factories import IndicatorFactory, RadioScriptPageFactory
from tests.media_files import document, wav_bytes
from tests.officer_screens import NEW, post_data


def vietnamese(text: str) -> str:
    """The longest fixed part of a message in Vietnamese, as shown."""
    with translation.override("vi"):
        return max(re.split(r"%\(\w+\)s", gettext(text)), key=len)


def officer_errors(response) -> list[str]:
    """Every error the officer's form shows, field by field."""
    context = response.context
    errors = [e for errors in context["form"].errors.values() for e in errors]
    for formset in (context["outcomes"], context["materials"]):
        for form in formset:
            errors += [e for errors in form.errors.values() for e in errors]
    return errors


@pytest.fixture
def coverage():
    return IndicatorFactory(
        name="Tỷ lệ bao phủ BHYT",
        unit=Indicator.Unit.PERCENT,
        aggregation=Indicator.Aggregation.LATEST,
    )


@pytest.mark.parametrize(
    "changes, expected",
    [
        (
            {"attendance": "99999999999"},
            "No session reaches more than %(maximum)s people.",
        ),
        (
            {"attendance": "5000"},
            "%(attendance)s people is more than %(ceiling)s: if that is right, "
            "tick “The attendance is right”.",
        ),
        (
            {"outcome-0-value": "12.5"},
            "“%(indicator)s” counts whole numbers: %(value)s is not one.",
        ),
        (
            {"material-0-language": "rad"},
            "%(code)s has no text in %(language)s: record the language the "
            "copies were in.",
        ),
    ],
    ids=["attendance-absurd", "attendance-unconfirmed", "fraction", "no-ede-text"],
)
def test_the_officer_form_refuses_what_cannot_be(
    client, officer, setting, changes, expected
):
    client.force_login(officer)
    response = client.post(NEW, post_data(*setting, **changes))
    assert response.status_code == 400
    errors = officer_errors(response)
    assert any(vietnamese(expected) in error for error in errors), errors
    assert not OutreachSession.objects.exists()


def test_a_large_attendance_is_saved_once_confirmed(client, officer, setting):
    client.force_login(officer)
    data = post_data(*setting, attendance="5000", attendance_confirmed="on")
    response = client.post(NEW, data)
    assert response.status_code == 302
    session = OutreachSession.objects.get()
    assert (session.attendance, session.attendance_confirmed) == (5000, True)


def test_a_session_outcome_cannot_be_a_percentage(client, officer, setting, coverage):
    client.force_login(officer)
    form = client.get(NEW).content.decode()
    assert coverage.name not in form
    response = client.post(
        NEW, post_data(*setting, **{"outcome-0-indicator": coverage.pk})
    )
    assert response.status_code == 400
    assert not OutreachSession.objects.exists()


def test_a_radio_script_is_played_only_in_a_language_it_was_recorded_in(
    client, officer, setting, radio_index
):
    script = RadioScriptPageFactory(parent=radio_index)
    RadioRecording.objects.create(
        page=script, language="rad", audio=document("loa-rad.wav", wav_bytes(1))
    )
    client.force_login(officer)
    played = {"material-0-piece": script.pk, "material-0-format": "audio"}
    response = client.post(
        NEW, post_data(*setting, **played, **{"material-0-language": "jra"})
    )
    assert response.status_code == 400
    assert any("jra" in error for error in officer_errors(response))
    response = client.post(
        NEW, post_data(*setting, **played, **{"material-0-language": "rad"})
    )
    assert response.status_code == 302
    assert MaterialUse.objects.get().language == "rad"


# The admin


def admin_form(client, url):
    return querydict_from_html(
        client.get(url).content.decode(), form_id="w-editor-form"
    )


@pytest.fixture
def measurement_form(admin_client, setting):
    _campaign, province, _piece, indicator = setting
    data = admin_form(admin_client, reverse("measurements:add"))
    data.update(
        indicator=indicator.pk,
        area=province.pk,
        measured_on="2025-10-31",
        value="41724",
        source="Báo cáo BHXH tỉnh",
    )
    return data


@pytest.mark.parametrize(
    "changes",
    [
        {"value": "-5"},
        {"value": "12.5"},
        {"measured_on": "2099-01-01"},
        {"percent": True, "value": "150"},
    ],
    ids=["negative", "fraction", "future", "above-100"],
)
def test_the_admin_refuses_an_implausible_measurement(
    admin_client, measurement_form, coverage, changes
):
    changes = dict(changes)
    if changes.pop("percent", False):
        changes["indicator"] = coverage.pk
    measurement_form.update(changes)
    response = admin_client.post(reverse("measurements:add"), measurement_form)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Measurement.objects.exists()


def test_the_same_figure_twice_is_refused(admin_client, measurement_form):
    url = reverse("measurements:add")
    assert admin_client.post(url, measurement_form).status_code == 302
    response = admin_client.post(url, measurement_form)
    assert response.status_code == 200
    expected = vietnamese(
        "This area already has a figure for this indicator on this date: "
        "correct that one instead."
    )
    assert expected in str(response.context["form"].errors)
    assert Measurement.objects.count() == 1


def test_the_admin_refuses_a_target_above_100_percent(admin_client, setting, coverage):
    campaign, province, _piece, _indicator = setting
    url = reverse("targets:add")
    data = admin_form(admin_client, url)
    data.update(
        campaign=campaign.pk,
        area=province.pk,
        indicator=coverage.pk,
        starts_on="2025-01-01",
        ends_on="2025-12-31",
        value="150",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["value"]


def test_printed_copies_need_text_in_their_language(admin_client, setting):
    piece = setting[2]
    url = reverse("wagtailsnippets_content_printrun:add")
    data = admin_form(admin_client, url)
    # Printed today: the piece's first version is today's.
    today = timezone.localdate().isoformat()
    data.update(piece=piece.pk, language="rad", copies="60", printed_on=today)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    assert not PrintRun.objects.exists()
    data["language"] = "vi"
    assert admin_client.post(url, data).status_code == 302


def test_the_admin_session_form_refuses_an_outcome_on_a_percentage(
    admin_client, setting, coverage
):
    campaign, village, _piece, _indicator = setting
    url = reverse("outreach_sessions:add")
    data = admin_form(admin_client, url)
    data.update(
        {
            "campaign": campaign.pk,
            "kind": "village_meeting",
            "area": village.pk,
            "starts_at": "2025-10-28 08:30",
            "outcomes-TOTAL_FORMS": "1",
            "outcomes-0-indicator": coverage.pk,
            "outcomes-0-value": "80",
            "outcomes-0-ORDER": "1",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert not OutreachSession.objects.exists()


def test_todays_session_is_accepted_and_tomorrows_refused(client, officer, setting):
    client.force_login(officer)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(NEW, post_data(*setting, day=tomorrow.isoformat()))
    assert response.status_code == 400
    today = timezone.localdate().isoformat()
    assert client.post(NEW, post_data(*setting, day=today)).status_code == 302
