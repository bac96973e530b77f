"""The admin in Vietnamese says each label in Vietnamese: no English
template around a Vietnamese name, no English plural, and the progress
report's columns each with a name of its own."""

import re
from datetime import date
from decimal import Decimal

from django.urls import reverse

from campaigns.models import OutreachSession, Target
from tests.officer_screens import NEW, post_data


def test_the_session_screens_speak_one_language(client, officer, admin_client, setting):
    client.force_login(officer)
    assert client.post(NEW, post_data(*setting)).status_code == 302
    session = OutreachSession.objects.get()
    url = reverse("outreach_sessions:edit", args=[session.pk])
    html = admin_client.get(url).content.decode()
    assert "Chọn đợt in" in html
    assert not re.search(r"Choose (another )?đợt in", html)

    campaign = setting[0]
    report = admin_client.get(
        f"/admin/reports/campaign-progress/?campaign={campaign.pk}"
    )
    headings = [column.label for column in report.context["table"].columns.values()]
    assert len(set(map(str, headings))) == len(headings)
    assert "Chỉ số" in map(str, headings) and "Chỉ tiêu" in map(str, headings)


def test_a_count_of_sessions_is_said_in_vietnamese(
    client, officer, admin_client, setting
):
    client.force_login(officer)
    assert client.post(NEW, post_data(*setting)).status_code == 302
    campaign, _village, _piece, indicator = setting
    Target.objects.create(
        campaign=campaign,
        indicator=indicator,
        starts_on=date(2025, 10, 1),
        ends_on=date(2025, 10, 31),
        value=Decimal(100),
    )
    html = admin_client.get(
        f"/admin/reports/campaign-progress/?campaign={campaign.pk}"
    ).content.decode()
    assert "1 buổi" in html and "1 sessions" not in html


def test_an_empty_print_run_list_speaks_one_language(admin_client):
    html = admin_client.get("/admin/snippets/content/printrun/").content.decode()
    assert "Chưa có đợt in nào" in html
    assert "There are no đợt in" not in html
