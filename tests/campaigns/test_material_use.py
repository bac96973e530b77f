"""Material use records the version of the piece that was live on the day."""

import datetime

from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from campaigns.models import Area, MaterialUse, OutreachSession
from tests.factories import CampaignFactory, PolicyExplainerPageFactory, area


def moment(day: datetime.date):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


@pytest.fixture
def explainer_versions(explainer_index):
    """An explainer published on 1 Sep 2025, then again on 10 Oct 2025."""
    page = PolicyExplainerPageFactory(parent=explainer_index)
    PageLogEntry.objects.filter(page=page, action="wagtail.publish").update(
        timestamp=moment(datetime.date(2025, 9, 1))
    )
    page.refresh_from_db()
    first = page.live_revision
    page.summary_vi = "Bản cập nhật."
    second = page.save_revision()
    second.publish()
    PageLogEntry.objects.filter(page=page, revision=second).update(
        timestamp=moment(datetime.date(2025, 10, 10))
    )
    return page, first, second


def used_on(page, day):
    session = OutreachSession.objects.create(
        campaign=CampaignFactory(),
        kind=OutreachSession.Kind.MARKET_VISIT,
        starts_at=moment(day),
        area=Area.objects.first() or area("26", "Sơn La", "province"),
    )
    return MaterialUse.objects.create(
        session=session, piece=page, language="vi", format="print", quantity=40
    )


def test_the_version_live_on_the_session_day_is_recorded(explainer_versions):
    page, first, second = explainer_versions
    assert used_on(page, datetime.date(2025, 10, 5)).revision == first
    assert used_on(page, datetime.date(2025, 10, 15)).revision == second


def test_no_version_before_the_piece_was_published(explainer_versions):
    page, _first, _second = explainer_versions
    assert used_on(page, datetime.date(2025, 8, 1)).revision is None
