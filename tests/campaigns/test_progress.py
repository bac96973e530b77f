"""Progress against targets: reported figures roll up the area tree, session
outcomes roll up the campaign tree, and a zero target has no percentage."""

import datetime
from decimal import Decimal

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
from campaigns.progress import progress
from tests.factories import CampaignFactory, IndicatorFactory, area


@pytest.fixture
def tree(db):
    province = area("66", "Đắk Lắk", "province")
    krong_nang = area("66-KN", "Krông Năng", "commune", province)
    ea_hleo = area("66-EH", "Ea H'leo", "commune", province)
    pon = area("66-KN-P2", "Buôn Pơn 2", "village", krong_nang)
    # Inserting a sibling can move an area's path: read them back.
    return {
        name: Area.objects.get(pk=place.pk)
        for name, place in [
            ("province", province),
            ("kn", krong_nang),
            ("eh", ea_hleo),
            ("pon", pon),
        ]
    }


def target(indicator, value, campaign=None, where=None):
    return Target.objects.create(
        indicator=indicator,
        campaign=campaign,
        area=where,
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
        value=Decimal(value),
    )


def measure(indicator, where, value, day=datetime.date(2025, 10, 31), source="BHXH"):
    return Measurement.objects.create(
        indicator=indicator, area=where, measured_on=day, value=value, source=source
    )


def session(campaign, where, enrolled, indicator, day=datetime.date(2025, 10, 5)):
    meeting = OutreachSession.objects.create(
        campaign=campaign,
        kind=OutreachSession.Kind.VILLAGE_MEETING,
        starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(8))),
        area=where,
        attendance=100,
    )
    SessionOutcome.objects.create(session=meeting, indicator=indicator, value=enrolled)
    return meeting


def test_reported_figures_add_up_over_the_area_tree(tree):
    participants = IndicatorFactory(aggregation=Indicator.Aggregation.LATEST)
    measure(participants, tree["kn"], 30_000, datetime.date(2025, 6, 30))
    measure(participants, tree["kn"], 31_500)
    measure(participants, tree["eh"], 10_224)
    result = progress(target(participants, 76_500, where=tree["province"]))
    assert result.measured == Decimal(41_724)
    assert result.percent == Decimal("54.5")
    assert result.basis == "reported"


def test_the_areas_own_report_wins_over_the_sum_of_its_parts(tree):
    participants = IndicatorFactory(aggregation=Indicator.Aggregation.LATEST)
    measure(participants, tree["kn"], 31_500)
    measure(participants, tree["province"], 41_724, source="Báo cáo tỉnh")
    assert progress(target(participants, 1, where=tree["province"])).measured == 41_724


def test_percentages_do_not_add_up(tree):
    coverage = IndicatorFactory(
        unit=Indicator.Unit.PERCENT, aggregation=Indicator.Aggregation.LATEST
    )
    measure(coverage, tree["kn"], Decimal("91.2"))
    measure(coverage, tree["eh"], Decimal("93.0"))
    assert progress(target(coverage, 95, where=tree["province"])).measured is None
    assert progress(target(coverage, 95, where=tree["kn"])).measured == Decimal("91.2")


def test_session_outcomes_roll_up_the_campaign_tree(tree, english):
    enrolments = IndicatorFactory()
    plan = CampaignFactory(kind="yearly")
    plan.areas.add(tree["province"])
    peak = CampaignFactory(parent=plan)
    other = CampaignFactory()
    session(peak, tree["pon"], 84, enrolments)
    session(plan, tree["eh"], 16, enrolments)
    session(other, tree["eh"], 500, enrolments)
    session(peak, tree["pon"], 7, enrolments, day=datetime.date(2026, 1, 5))

    yearly = progress(target(enrolments, 200, campaign=plan))
    assert (yearly.measured, yearly.percent) == (100, Decimal("50.0"))
    assert yearly.detail == "2 sessions"
    by_area = progress(target(enrolments, 200, campaign=plan, where=tree["kn"]))
    assert by_area.measured == 84
    assert progress(target(enrolments, 200, campaign=peak)).measured == 84


def test_a_zero_target_has_no_percentage(tree):
    enrolments = IndicatorFactory()
    campaign = CampaignFactory()
    session(campaign, tree["pon"], 84, enrolments)
    result = progress(target(enrolments, 0, campaign=campaign))
    assert result.measured == 84 and result.percent is None


def test_nothing_known_is_not_zero(tree):
    result = progress(target(IndicatorFactory(), 100, where=tree["kn"]))
    assert result.measured is None and result.percent is None and result.basis == ""
