"""Two provinces with a campaign each, sessions, outcomes, material, targets
and a figure to check in both, and a manager for each and one for the whole
country: what the report tests read."""

import datetime
from decimal import Decimal

from django.utils import timezone

import pytest

from campaigns.models import (
    MaterialUse,
    Measurement,
    OutreachSession,
    SessionLanguage,
    SessionOutcome,
    SessionQuestion,
    Target,
    ToolkitItem,
)
from people.roles import MANAGER
from tests.factories import (
    CampaignFactory,
    IndicatorFactory,
    PolicyExplainerPageFactory,
    area,
    user_in,
)

HOSTILE_NOTES = "=cmd|' /C calc'!A0"


def held(campaign, place, day, kind, attendance, languages, venue="", notes=""):
    session = OutreachSession.objects.create(
        campaign=campaign,
        kind=kind,
        starts_at=timezone.make_aware(datetime.datetime(2025, 10, day, 8)),
        area=place,
        attendance=attendance,
        venue=venue,
        notes=notes,
    )
    for language in languages:
        SessionLanguage.objects.create(session=session, language=language)
    return session


@pytest.fixture
def provinces(explainer_index):
    dak_lak = area("DLK", "Đắk Lắk", "province")
    krong_buk = area("DLK-KB", "Krông Búk", "commune", dak_lak)
    cu_bao = area("DLK-CB", "Cư Bao", "commune", dak_lak)
    gia_lai = area("GLA", "Gia Lai", "province")
    pleiku = area("GLA-PK", "Pleiku", "commune", gia_lai)
    dlk = CampaignFactory(name="Chiến dịch Đắk Lắk", languages=["rad"])
    dlk.areas.set([dak_lak])
    dlk.save()
    gla = CampaignFactory(name="Chiến dịch Gia Lai", languages=["jra"])
    gla.areas.set([gia_lai])
    gla.save()
    explainer = PolicyExplainerPageFactory(parent=explainer_index)
    for campaign in (dlk, gla):
        ToolkitItem.objects.create(campaign=campaign, piece=explainer)
    enrolments = IndicatorFactory(name="Người đăng ký BHYT mới")
    meeting = held(
        dlk, krong_buk, 5, "village_meeting", 40, ["rad"], venue="Nhà văn hoá buôn"
    )
    market = held(dlk, cu_bao, 12, "market_visit", 25, ["vi", "rad"])
    dialogue = held(
        gla, pleiku, 6, "dialogue", 70, ["jra"], venue="Nhà rông", notes=HOSTILE_NOTES
    )
    SessionQuestion.objects.create(session=dialogue, text="Đóng bao nhiêu?")
    for session, value, copies in ((meeting, 3, 5), (market, 1, 2), (dialogue, 7, 9)):
        SessionOutcome.objects.create(
            session=session, indicator=enrolments, value=Decimal(value)
        )
        MaterialUse.objects.create(
            session=session,
            piece=explainer,
            language="vi",
            format="print",
            quantity=copies,
        )
    for campaign, place, value in ((dlk, dak_lak, 100), (gla, gia_lai, 200)):
        Target.objects.create(
            campaign=campaign,
            area=place,
            indicator=enrolments,
            starts_on=datetime.date(2025, 10, 1),
            ends_on=datetime.date(2025, 10, 20),
            value=Decimal(value),
        )
    # Figures the rules now refuse, one in each province.
    for place in (krong_buk, pleiku):
        Measurement.objects.create(
            indicator=enrolments,
            area=place,
            measured_on=datetime.date(2025, 10, 3),
            value=Decimal(-5),
            source="Báo cáo xã",
        )
    return {
        "dak_lak": dak_lak,
        "krong_buk": krong_buk,
        "cu_bao": cu_bao,
        "gia_lai": gia_lai,
        "pleiku": pleiku,
        "dlk": dlk,
        "gla": gla,
        "explainer": explainer,
        "enrolments": enrolments,
        "sessions": {"meeting": meeting, "market": market, "dialogue": dialogue},
        "manager_dlk": user_in(MANAGER, "manager-dlk", [dak_lak]),
        "manager_gla": user_in(MANAGER, "manager-gla", [gia_lai]),
        "manager_hq": user_in(MANAGER, "manager-hq"),
    }
