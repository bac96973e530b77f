"""The campaign reports give one answer: outcomes count for a campaign by
the same period rule in the outcomes report as in progress, and where-used
gives each language's row the outcomes of its own sessions."""

import datetime
from decimal import Decimal

from campaigns.models import Target
from tests.officer_screens import NEW, post_data

OUTCOMES = "/admin/reports/outcomes/"
PROGRESS = "/admin/reports/campaign-progress/"
WHERE_USED = "/admin/reports/where-used/"


def log_session(client, setting, day, enrolled, language="vi"):
    response = client.post(
        NEW,
        post_data(
            *setting,
            day=day,
            **{"outcome-0-value": str(enrolled), "material-0-language": language},
        ),
    )
    assert response.status_code == 302, response.context["form"].errors


def test_outcomes_and_progress_count_the_same_sessions(
    client, admin_client, officer, setting
):
    campaign, _province, _piece, indicator = setting
    client.force_login(officer)
    log_session(client, setting, "2025-10-01", 40)
    log_session(client, setting, "2025-10-31", 44)
    log_session(client, setting, "2025-11-05", 27)  # after the campaign ended
    Target.objects.create(
        campaign=campaign,
        indicator=indicator,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        value=Decimal(100),
    )
    [outcome] = admin_client.get(OUTCOMES).context["object_list"]
    [progress] = admin_client.get(PROGRESS).context["object_list"]
    assert outcome.total == progress.measured == 84
    assert (outcome.sessions, outcome.outside) == (2, 27)


def test_each_language_row_has_the_outcomes_of_its_own_sessions(
    client, admin_client, officer, setting
):
    client.force_login(officer)
    log_session(client, setting, "2025-10-10", 10, language="vi")
    log_session(client, setting, "2025-10-11", 5, language="en")
    rows = {
        row.language: row.outcomes
        for row in admin_client.get(WHERE_USED).context["object_list"]
    }
    name = setting[3].name
    assert rows == {"vi": f"{name} 10", "en": f"{name} 5"}


def test_no_day_is_lost_to_the_time_zone(client, admin_client, officer, setting):
    """A session at 06:00 on the campaign's first day, 23:00 UTC the day
    before, counts for the campaign."""
    client.force_login(officer)
    response = client.post(
        NEW,
        post_data(*setting, day="2025-10-01", time="06:00", **{"outcome-0-value": "9"}),
    )
    assert response.status_code == 302
    [outcome] = admin_client.get(OUTCOMES).context["object_list"]
    assert (outcome.total, outcome.outside) == (9, None)
    assert setting[0].starts_on == datetime.date(2025, 10, 1)
