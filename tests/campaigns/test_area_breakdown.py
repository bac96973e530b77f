"""Progress by area, as a manager reads and exports it: every area under a
target's area with its figures rolled up the tree (a province's sessions
are its communes' and its own), percentages never added, sub-targets with
their shortfall, and only the areas the reader works in."""

import csv
import datetime
import io

from django.test import Client
from django.utils import timezone, translation

import pytest

from campaigns.models import (
    Indicator,
    MaterialUse,
    Measurement,
    OutreachSession,
    SessionOutcome,
    Target,
)
from people.roles import EDITOR, MANAGER
from tests.factories import (
    CampaignFactory,
    IndicatorFactory,
    PolicyExplainerPageFactory,
    area,
    user_in,
)

pytestmark = pytest.mark.django_db

YEAR = {"starts_on": datetime.date(2025, 1, 1), "ends_on": datetime.date(2025, 12, 31)}
REPORT = "/admin/reports/progress-by-area/"
AREA, LEVEL, MEASURED, SOURCE, TARGET, SHARE, SHORTFALL = range(7)
SESSIONS, PEOPLE, MATERIAL = range(7, 10)


@pytest.fixture
def world(explainer_index):
    dak_lak = area("DLK", "Đắk Lắk", "province")
    krong_buk = area("DLK-KB", "Krông Búk", "commune", dak_lak)
    places = {
        "dak_lak": dak_lak,
        "krong_buk": krong_buk,
        "ktong_drun": area("DLK-KB-KTD", "Ktông Drun", "village", krong_buk),
        "cu_bao": area("DLK-CB", "Cư Bao", "commune", dak_lak),
        "ea_nuol": area("DLK-EN", "Ea Nuôl", "commune", dak_lak),
        "son_la": area("SLA", "Sơn La", "province"),
    }
    campaign = CampaignFactory(**YEAR)
    campaign.areas.set([dak_lak])
    campaign.save()
    participants = IndicatorFactory(
        name="Người tham gia BHXH tự nguyện",
        aggregation=Indicator.Aggregation.LATEST,
    )
    coverage = IndicatorFactory(
        name="Tỷ lệ bao phủ BHYT",
        unit=Indicator.Unit.PERCENT,
        aggregation=Indicator.Aggregation.LATEST,
    )
    june = datetime.date(2025, 6, 30)
    for indicator, place, value in [
        (participants, "krong_buk", 100),
        (participants, "ktong_drun", 30),  # inside Krông Búk's own 100
        (participants, "cu_bao", 50),
        (participants, "son_la", 999),
        (coverage, "krong_buk", 80),
        (coverage, "cu_bao", 90),
    ]:
        Measurement.objects.create(
            indicator=indicator,
            area=places[place],
            measured_on=june,
            value=value,
            source="báo cáo xã",
        )
    targets = {
        "province": Target.objects.create(
            campaign=campaign,
            indicator=participants,
            area=dak_lak,
            value=1000,
            **YEAR,
        ),
        "krong_buk_target": Target.objects.create(
            campaign=campaign,
            indicator=participants,
            area=krong_buk,
            value=200,
            **YEAR,
        ),
        "cu_bao_target": Target.objects.create(
            campaign=campaign,
            indicator=participants,
            area=places["cu_bao"],
            value=60,
            **YEAR,
        ),
        "coverage": Target.objects.create(
            campaign=campaign, indicator=coverage, area=dak_lak, value=95, **YEAR
        ),
    }
    explainer = PolicyExplainerPageFactory(parent=explainer_index)
    for place, people, copies in [
        ("ktong_drun", 30, 5),
        ("krong_buk", 20, 0),
        ("cu_bao", 10, 3),
        ("dak_lak", 40, 7),
        ("son_la", 500, 100),
    ]:
        session = OutreachSession.objects.create(
            campaign=campaign,
            kind=OutreachSession.Kind.VILLAGE_MEETING,
            starts_at=timezone.make_aware(datetime.datetime(2025, 10, 5, 8)),
            area=places[place],
            attendance=people,
        )
        if copies:
            MaterialUse.objects.create(
                session=session,
                piece=explainer,
                language="vi",
                format="print",
                quantity=copies,
            )
    return {**places, **targets, "campaign": campaign, "coverage_indicator": coverage}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def exported(client, query: str) -> dict[str, list[str]]:
    """{area name: its row} from the CSV export."""
    response = client.get(f"{REPORT}?{query}&export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return {row[AREA]: row for row in rows[1:]}


def test_roll_ups_are_the_sum_of_their_parts(world, home_page):
    client = client_for(user_in(MANAGER, "quan-ly", [world["dak_lak"]]))
    rows = exported(client, f"target={world['province'].pk}")
    # Ea Nuôl has neither figures, a target nor sessions: it is left out.
    assert list(rows) == ["Đắk Lắk", "Krông Búk", "Ktông Drun", "Cư Bao"]
    province, krong_buk, village, cu_bao = rows.values()
    for column in (SESSIONS, PEOPLE, MATERIAL):
        # A commune: its own and its village's; the province: its communes'
        # and the session held at the province itself.
        assert (
            int(krong_buk[column])
            == int(village[column])
            + {
                SESSIONS: 1,
                PEOPLE: 20,
                MATERIAL: 0,
            }[column]
        )
        assert (
            int(province[column])
            == sum(int(row[column]) for row in (cu_bao, krong_buk))
            + {SESSIONS: 1, PEOPLE: 40, MATERIAL: 7}[column]
        )
    assert [province[SESSIONS], province[PEOPLE], province[MATERIAL]] == [
        "4",
        "100",
        "15",
    ]
    # The province reported nothing itself: its communes' figures added up;
    # Krông Búk's own figure already holds its village's.
    assert krong_buk[MEASURED] == "100" and village[MEASURED] == "30"
    assert province[MEASURED] == "150"
    assert krong_buk[TARGET] == "200" and krong_buk[SHORTFALL] == "100"
    assert float(krong_buk[SHARE]) == 50
    assert cu_bao[SHORTFALL] == "10" and province[SHORTFALL] == "850"
    assert village[TARGET] == "" and village[SHORTFALL] == ""


def test_a_count_nobody_reported_is_what_the_sessions_logged(world, home_page):
    """New enrolments logged at Ktông Drun and Cư Bao, reported nowhere:
    each area shows its sessions' count, rolled up, as progress counts it."""
    enrolments = IndicatorFactory(name="Người đăng ký BHYT mới")
    for session in OutreachSession.objects.filter(
        area__in=[world["ktong_drun"], world["cu_bao"], world["son_la"]]
    ):
        SessionOutcome.objects.create(session=session, indicator=enrolments, value=84)
    client = client_for(user_in(MANAGER, "quan-ly", [world["dak_lak"]]))
    rows = exported(
        client, f"campaign={world['campaign'].pk}&indicator={enrolments.pk}"
    )
    assert rows["Ktông Drun"][MEASURED] == "84"
    assert rows["Krông Búk"][MEASURED] == "84"
    assert rows["Đắk Lắk"][MEASURED] == "168"  # not Sơn La's
    reported = exported(client, f"target={world['province'].pk}")
    logged = rows["Đắk Lắk"][SOURCE]
    assert logged and reported["Đắk Lắk"][SOURCE] not in ("", logged)


def test_percentages_are_never_summed(world, home_page):
    client = client_for(user_in(MANAGER, "quan-ly", [world["dak_lak"]]))
    rows = exported(client, f"target={world['coverage'].pk}")
    assert rows["Krông Búk"][MEASURED] == "80" and rows["Cư Bao"][MEASURED] == "90"
    assert rows["Đắk Lắk"][MEASURED] == ""  # not 170, nor an average
    assert rows["Đắk Lắk"][SHORTFALL] == ""  # unknown, not the whole target
    # Sessions still add up under a percentage target.
    assert rows["Đắk Lắk"][SESSIONS] == "4"


def test_only_areas_in_the_readers_scope_appear(world, home_page):
    commune = user_in(MANAGER, "quan-ly-krong-buk", [world["krong_buk"]])
    client = client_for(commune)
    participants = world["province"].indicator
    rows = exported(
        client, f"campaign={world['campaign'].pk}&indicator={participants.pk}"
    )
    assert list(rows) == ["Krông Búk", "Ktông Drun"]
    # The province's target lies outside: it cannot be chosen.
    html = client.get(f"{REPORT}?target={world['province'].pk}").content.decode()
    assert "Đắk Lắk" not in html.split("<tbody")[-1]
    son_la = client_for(user_in(MANAGER, "quan-ly-son-la", [world["son_la"]]))
    assert exported(son_la, f"target={world['province'].pk}") == {}


def test_sorted_by_shortfall(world, home_page):
    client = client_for(user_in(EDITOR, "bien-tap"))
    rows = exported(client, f"target={world['province'].pk}&order=shortfall")
    assert list(rows)[:3] == ["Đắk Lắk", "Krông Búk", "Cư Bao"]
    html = client.get(f"{REPORT}?target={world['province'].pk}").content.decode()
    assert f"/admin/reports/campaign-progress/{world['krong_buk_target'].pk}/" in html
    assert REPORT in client.get("/admin/").content.decode()


def test_the_report_reads_in_a_fixed_number_of_queries(
    world, home_page, django_assert_max_num_queries
):
    client = client_for(user_in(MANAGER, "quan-ly", [world["dak_lak"]]))
    for number in range(30):
        village = area(f"DLK-CB-{number}", f"Buôn {number}", "village", world["cu_bao"])
        OutreachSession.objects.create(
            campaign=world["campaign"],
            kind=OutreachSession.Kind.MARKET_VISIT,
            starts_at=timezone.make_aware(datetime.datetime(2025, 11, 1, 8)),
            area=village,
            attendance=number,
        )
    with django_assert_max_num_queries(22):
        response = client.get(f"{REPORT}?target={world['province'].pk}")
    assert response.status_code == 200
    assert "Buôn 29" in response.content.decode()


def test_opened_without_a_choice_it_asks_for_one(world, home_page):
    client = client_for(user_in(MANAGER, "quan-ly", [world["dak_lak"]]))
    response = client.get(REPORT)
    assert response.status_code == 200
    with translation.override(response["Content-Language"]):
        asked = translation.gettext("Choose a target, or a campaign and an indicator.")
    assert asked in response.content.decode()
