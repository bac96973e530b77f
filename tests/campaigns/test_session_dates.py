"""A session's date must be one it could have happened on: from 2000 to
today, refused with a message otherwise, on the officer's form and in
the admin."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import querydict_from_html

import pytest

from campaigns.models import OutreachSession
from tests.officer_screens import NEW, post_data

TOO_EARLY = ["0001-01-01", "1999-12-31"]


def too_late() -> str:
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def message(text: str) -> str:
    with translation.override("vi"):
        return gettext(text)


@pytest.mark.parametrize("day", [*TOO_EARLY, "late"])
def test_the_officer_is_told_the_date_cannot_be(
    client,
    officer,
    setting,
    day,
):
    day = too_late() if day == "late" else day
    client.force_login(officer)
    # No time: midnight, which for year 1 lies before the first UTC date.
    response = client.post(NEW, post_data(*setting, day=day, time=""))
    assert response.status_code == 400
    [error] = response.context["form"].errors["day"]
    assert error in {
        message("A session cannot be dated before 1 January 2000."),
        message("A session cannot be dated after today: log it once it was held."),
    }
    assert error in response.content.decode()
    assert not OutreachSession.objects.exists()


def test_the_first_day_and_today_are_accepted(
    client,
    officer,
    setting,
):
    client.force_login(officer)
    for day in ("2000-01-01", timezone.localdate().isoformat()):
        response = client.post(NEW, post_data(*setting, day=day))
        assert response.status_code == 302, response.context["form"].errors
    assert OutreachSession.objects.count() == 2


def admin_session_form(admin_client, setting):
    campaign, village, _piece, _indicator = setting
    url = reverse("outreach_sessions:add")
    data = querydict_from_html(
        admin_client.get(url).content.decode(), form_id="w-editor-form"
    )
    data.update(campaign=campaign.pk, kind="village_meeting", area=village.pk)
    return url, data


@pytest.mark.parametrize("day", [*TOO_EARLY, "late"])
def test_the_admin_form_refuses_the_date(admin_client, setting, day):
    day = too_late() if day == "late" else day
    url, data = admin_session_form(admin_client, setting)
    data["starts_at"] = f"{day} 00:00"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"]
    assert not OutreachSession.objects.exists()


def test_the_admin_form_saves_a_plausible_date(admin_client, setting):
    url, data = admin_session_form(admin_client, setting)
    data["starts_at"] = "2025-10-28 08:30"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert OutreachSession.objects.get().starts_at.year == 2025


@pytest.mark.parametrize("time", ["", "23:30"])
def test_a_session_keeps_its_day_wherever_it_is_shown(
    client, officer, admin_client, setting, time
):
    """Logged for 1 October with no time (midnight, 30 September in UTC) or
    late at night: that day in its name, the admin listing, the audit log
    and the sessions report's export."""
    client.force_login(officer)
    response = client.post(NEW, post_data(*setting, day="2025-10-01", time=time))
    assert response.status_code == 302
    session = OutreachSession.objects.get()
    assert "(01/10/2025)" in str(session)
    listing = admin_client.get(reverse("outreach_sessions:index")).content.decode()
    assert "01/10/2025" in listing and "30/09/2025" not in listing
    url = reverse("outreach_sessions:edit", args=[session.pk])
    data = querydict_from_html(
        admin_client.get(url).content.decode(), form_id="w-editor-form"
    )
    assert admin_client.post(url, data).status_code == 302
    entry = ModelLogEntry.objects.filter(object_id=str(session.pk)).latest("pk")
    assert "(01/10/2025)" in entry.label
    export = admin_client.get("/admin/reports/sessions/?by=month&export=csv")
    assert "10/2025,1,60" in export.content.decode("utf-8-sig")
