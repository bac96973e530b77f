"""Campaign progress in a fixed number of queries, however many targets: the
progress report, its export and the campaigns API. Each ceiling is the same
for 10 targets and for 1,000."""

import datetime
from decimal import Decimal
from itertools import cycle, islice

from django.utils import timezone

import pytest

from campaigns.models import (
    Area,
    Indicator,
    Measurement,
    OutreachSession,
    SessionOutcome,
    Target,
)
from campaigns.progress import progress, progress_of
from tests.factories import CampaignFactory, IndicatorFactory, area

SIZES = [10, 1_000]


@pytest.fixture
def world(db):
    """A yearly plan over a province, a peak campaign under it, reported
    figures and session outcomes: each kind of target has something to find."""
    province = area("66", "Đắk Lắk", "province")
    commune = area("66-KN", "Krông Năng", "commune", province)
    other = area("66-EH", "Ea H'leo", "commune", province)
    village = area("66-KN-P2", "Buôn Pơn 2", "village", commune)
    province, commune, other, village = (
        Area.objects.get(pk=place.pk) for place in (province, commune, other, village)
    )
    plan = CampaignFactory(
        kind="yearly",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
    )
    plan.areas.add(province)
    plan.save()
    peak = CampaignFactory(parent=plan)
    peak.areas.add(commune)
    peak.save()
    enrolments = IndicatorFactory()
    participants = IndicatorFactory(aggregation=Indicator.Aggregation.LATEST)
    coverage = IndicatorFactory(
        unit=Indicator.Unit.PERCENT, aggregation=Indicator.Aggregation.LATEST
    )
    for where, value in [(commune, 31_500), (other, 10_224)]:
        Measurement.objects.create(
            indicator=participants,
            area=where,
            measured_on=datetime.date(2025, 10, 31),
            value=value,
            source="BHXH",
        )
    Measurement.objects.create(
        indicator=coverage,
        area=commune,
        measured_on=datetime.date(2025, 10, 31),
        value=Decimal("91.2"),
        source="BHXH",
    )
    for campaign, where, value in [(peak, village, 84), (plan, other, 16)]:
        meeting = OutreachSession.objects.create(
            campaign=campaign,
            kind=OutreachSession.Kind.VILLAGE_MEETING,
            starts_at=timezone.make_aware(datetime.datetime(2025, 10, 5, 8)),
            area=where,
            attendance=100,
        )
        SessionOutcome.objects.create(
            session=meeting, indicator=enrolments, value=value
        )
    kinds = [
        (plan, None, enrolments),
        (peak, None, enrolments),
        (plan, commune, enrolments),
        (plan, None, participants),
        (peak, None, coverage),
        (None, other, participants),
        (None, province, coverage),
        (plan, village, participants),
    ]
    return {"plan": plan, "peak": peak, "kinds": kinds}


def add_targets(world, count):
    Target.objects.bulk_create(
        Target(
            campaign=campaign,
            area=where,
            indicator=indicator,
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2025, 12, 31),
            value=Decimal(1_000 + number),
        )
        for number, (campaign, where, indicator) in enumerate(
            islice(cycle(world["kinds"]), count)
        )
    )


def report_url(world):
    return f"/admin/reports/campaign-progress/?campaign={world['plan'].pk}"


@pytest.mark.parametrize("size", SIZES)
def test_the_progress_report_screen(
    admin_client, world, size, django_assert_max_num_queries
):
    add_targets(world, size)
    # One more than before the filters: the areas offered.
    with django_assert_max_num_queries(24):
        response = admin_client.get(report_url(world))
    assert response.status_code == 200
    assert response.context["paginator"].count == size


@pytest.mark.parametrize("export", ["csv", "xlsx"])
@pytest.mark.parametrize("size", SIZES)
def test_the_progress_report_export(
    admin_client, world, size, export, django_assert_max_num_queries
):
    add_targets(world, size)
    with django_assert_max_num_queries(19):
        response = admin_client.get(report_url(world) + f"&export={export}")
        content = response.content
    if export == "csv":
        assert len(content.decode().splitlines()) == size + 1


@pytest.mark.parametrize("size", SIZES)
def test_the_campaigns_api(admin_client, world, size, django_assert_max_num_queries):
    client = admin_client
    add_targets(world, size)
    # Two of them read the reader's session and account.
    with django_assert_max_num_queries(12):
        listing = client.get("/api/v2/campaigns/")
    assert listing.status_code == 200
    with django_assert_max_num_queries(10):
        detail = client.get(f"/api/v2/campaigns/{world['plan'].pk}/")
    assert len(detail.json()["targets"]) == len(
        [number for number in range(size) if number % 8 in (0, 2, 3, 7)]
    )


def test_many_targets_at_once_are_each_what_they_are_alone(world):
    add_targets(world, 16)
    targets = list(Target.objects.select_related("indicator", "area"))
    together = progress_of(targets)
    assert {pk: (found.measured, found.detail) for pk, found in together.items()} == {
        target.pk: (progress(target).measured, progress(target).detail)
        for target in targets
    }
    measured = {found.measured for found in together.values()}
    assert {Decimal(100), Decimal(84), Decimal(41_724), Decimal("91.2")} <= measured
