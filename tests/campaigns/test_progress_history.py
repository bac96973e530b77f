"""A target's progress over time, as a manager reads it in the admin: the
reported figures as of each date, the outcomes logged at sessions cumulated
month by month, the same period a year earlier, and only inside the
reader's areas."""

import datetime
from decimal import Decimal

from django.test import Client
from django.utils import timezone

import pytest

from campaigns.models import (
    Indicator,
    Measurement,
    OutreachSession,
    SessionOutcome,
    Target,
)
from campaigns.progress import progress
from campaigns.progress_series import REPORTED, SESSIONS, series_of
from people.roles import EDITOR, MANAGER, OFFICER
from tests.factories import CampaignFactory, IndicatorFactory, area, user_in

pytestmark = pytest.mark.django_db

YEAR = {"starts_on": datetime.date(2025, 1, 1), "ends_on": datetime.date(2025, 12, 31)}


@pytest.fixture
def places():
    dak_lak = area("DLK", "Đắk Lắk", "province")
    return {
        "dak_lak": dak_lak,
        "krong_buk": area("DLK-KB", "Krông Búk", "commune", dak_lak),
        "cu_bao": area("DLK-CB", "Cư Bao", "commune", dak_lak),
        "son_la": area("SLA", "Sơn La", "province"),
    }


@pytest.fixture
def voluntary(places):
    """The demo's Đắk Lắk voluntary participants: 41,724 on 31 Oct 2025 =
    54.5 % of the yearly plan, and 35,000 a year earlier."""
    campaign = CampaignFactory(**YEAR)
    campaign.areas.set([places["dak_lak"]])
    campaign.save()
    indicator = IndicatorFactory(
        name="Người tham gia BHXH tự nguyện",
        aggregation=Indicator.Aggregation.LATEST,
    )
    for day, value, source in [
        (datetime.date(2024, 10, 31), 35000, "Báo cáo năm 2024"),
        (datetime.date(2025, 6, 30), 30000, "Báo cáo 6 tháng"),
        (datetime.date(2025, 10, 31), 41724, "Báo Đắk Lắk"),
    ]:
        Measurement.objects.create(
            indicator=indicator,
            area=places["dak_lak"],
            measured_on=day,
            value=value,
            source=source,
        )
    return Target.objects.create(
        campaign=campaign,
        indicator=indicator,
        area=places["dak_lak"],
        value=76558,
        **YEAR,
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(target) -> str:
    return f"/admin/reports/campaign-progress/{target.pk}/"


def test_an_editor_sees_the_chart_and_the_same_figures_in_a_table(voluntary, home_page):
    html = client_for(user_in(EDITOR, "bien-tap")).get(url(voluntary)).content.decode()
    assert '<svg viewBox="0 0 800 340"' in html and 'role="img"' in html
    assert '<title id="history-title">' in html and "<desc" in html
    assert "polyline" in html  # two reported points: a line between them
    assert "<td>31/10/2025</td>" in html and "<td>41.724</td>" in html
    assert "<td>54,5 %</td>" in html and "<td>Báo Đắk Lắk</td>" in html
    assert "<td>30/06/2025</td>" in html and "<td>30.000</td>" in html
    assert "76.558" in html


def test_the_same_period_last_year_is_beside_each_date(voluntary, home_page):
    html = client_for(user_in(MANAGER, "quan-ly")).get(url(voluntary)).content.decode()
    assert 'stroke-dasharray="7 5"' in html  # last year's line, dashed
    # On 31/10/2025 the figure a year before was 35,000 = 45.7 % of the target;
    # on 30/06/2025 nothing had been reported yet the year before.
    row = html.split("<td>31/10/2025</td>")[1].split("</tr>")[0]
    assert "<td>35.000</td>" in row and "<td>45,7 %</td>" in row
    row = html.split("<td>30/06/2025</td>")[1].split("</tr>")[0]
    assert row.count("<td>—</td>") == 2


def test_a_manager_of_another_province_gets_404(voluntary, places, home_page):
    son_la = user_in(MANAGER, "quan-ly-son-la", [places["son_la"]])
    assert client_for(son_la).get(url(voluntary)).status_code == 404
    dak_lak = user_in(MANAGER, "quan-ly-dak-lak", [places["dak_lak"]])
    assert client_for(dak_lak).get(url(voluntary)).status_code == 200


def test_an_officer_gets_no_history(voluntary, places, home_page):
    officer = user_in(OFFICER, "can-bo", [places["dak_lak"]])
    assert client_for(officer).get(url(voluntary)).status_code in (302, 403)


def test_counts_are_summed_over_the_communes_as_of_each_date(places):
    indicator = IndicatorFactory(aggregation=Indicator.Aggregation.LATEST)
    for place, day, value in [
        ("krong_buk", datetime.date(2025, 3, 31), 100),
        ("cu_bao", datetime.date(2025, 5, 31), 50),
        ("krong_buk", datetime.date(2025, 6, 30), 150),
    ]:
        Measurement.objects.create(
            indicator=indicator,
            area=places[place],
            measured_on=day,
            value=value,
            source="xã",
        )
    target = Target.objects.create(
        indicator=indicator, area=places["dak_lak"], value=1000, **YEAR
    )
    (line,) = series_of(target).lines
    assert line.basis == REPORTED
    assert [(p.on.month, p.value) for p in line.points] == [
        (3, 100),
        (5, 150),
        (6, 200),
    ]
    assert line.points[-1].value == progress(target).measured


def test_percentages_are_never_summed_over_areas(places):
    coverage = IndicatorFactory(
        unit=Indicator.Unit.PERCENT, aggregation=Indicator.Aggregation.LATEST
    )
    for place, value in [("krong_buk", 80), ("cu_bao", 90)]:
        Measurement.objects.create(
            indicator=coverage,
            area=places[place],
            measured_on=datetime.date(2025, 6, 30),
            value=value,
            source="xã",
        )
    target = Target.objects.create(
        indicator=coverage, area=places["dak_lak"], value=95, **YEAR
    )
    assert series_of(target).lines == []
    Measurement.objects.create(
        indicator=coverage,
        area=places["dak_lak"],
        measured_on=datetime.date(2025, 9, 30),
        value=Decimal("86.5"),
        source="tỉnh",
    )
    (line,) = series_of(target).lines
    assert [p.value for p in line.points] == [Decimal("86.5")]


def test_outcomes_at_sessions_are_cumulated_month_by_month(places, home_page):
    campaign = CampaignFactory(**YEAR)
    enrolments = IndicatorFactory(name="Người đăng ký BHXH tự nguyện mới")
    for day, value in [((2025, 3, 5), 10), ((2025, 3, 20), 5), ((2025, 5, 2), 7)]:
        session = OutreachSession.objects.create(
            campaign=campaign,
            kind=OutreachSession.Kind.VILLAGE_MEETING,
            starts_at=timezone.make_aware(datetime.datetime(*day, 8)),
            area=places["krong_buk"],
            attendance=30,
        )
        SessionOutcome.objects.create(
            session=session, indicator=enrolments, value=value
        )
    target = Target.objects.create(
        campaign=campaign,
        indicator=enrolments,
        area=places["dak_lak"],
        value=100,
        **YEAR,
    )
    (line,) = series_of(target, today=datetime.date(2025, 6, 15)).lines
    assert line.basis == SESSIONS
    assert [(p.on, p.value) for p in line.points] == [
        (datetime.date(2025, 1, 31), 0),
        (datetime.date(2025, 2, 28), 0),
        (datetime.date(2025, 3, 31), 15),
        (datetime.date(2025, 4, 30), 15),
        (datetime.date(2025, 5, 31), 22),
        (datetime.date(2025, 6, 15), 22),
    ]
    html = client_for(user_in(MANAGER, "quan-ly")).get(url(target)).content.decode()
    row = html.split("<td>31/03/2025</td>")[1].split("</tr>")[0]
    assert "<td>15</td>" in row and "<td>15 %</td>" in row


def test_the_page_reads_in_a_fixed_number_of_queries(
    voluntary, places, home_page, django_assert_max_num_queries
):
    client = client_for(user_in(MANAGER, "quan-ly", [places["dak_lak"]]))
    for number in range(40):
        Measurement.objects.create(
            indicator=voluntary.indicator,
            area=places["krong_buk" if number % 2 else "cu_bao"],
            measured_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
            value=number,
            source="xã",
        )
    with django_assert_max_num_queries(14):
        assert client.get(url(voluntary)).status_code == 200
