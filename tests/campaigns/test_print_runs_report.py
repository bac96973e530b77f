"""Print runs and use: copies handed out from each run, by area, what is
left and what ran short, within the reader's areas."""

import datetime

from django.utils import timezone

import pytest

from campaigns.models import MaterialUse, OutreachSession
from content.models import PrintRun
from people.roles import MANAGER
from tests.factories import (
    CampaignFactory,
    PolicyExplainerPageFactory,
    area,
    user_in,
)

pytestmark = pytest.mark.django_db

URL = "/admin/reports/print-runs/"


@pytest.fixture
def handed_out(explainer_index):
    """An Ede leaflet printed twice (500 then 200 copies), handed out in two
    provinces: 450 from the first run named, 300 unnamed after the second
    run was printed (more than it had), 80 in Son La."""
    dak_lak = area("DLK", "Đắk Lắk", "province")
    son_la = area("SLA", "Sơn La", "province")
    piece = PolicyExplainerPageFactory(parent=explainer_index)
    first = PrintRun.objects.create(
        piece=piece, language="rad", copies=500, printed_on=datetime.date(2025, 3, 1)
    )
    second = PrintRun.objects.create(
        piece=piece, language="rad", copies=200, printed_on=datetime.date(2025, 9, 1)
    )
    campaign = CampaignFactory()

    def hand_out(place, day, copies, run=None):
        held = OutreachSession.objects.create(
            campaign=campaign,
            kind=OutreachSession.Kind.VILLAGE_MEETING,
            starts_at=timezone.make_aware(datetime.datetime(2025, *day, 9)),
            area=place,
            attendance=50,
        )
        MaterialUse.objects.create(
            session=held,
            piece=piece,
            language="rad",
            format=MaterialUse.Format.PRINT,
            quantity=copies,
            print_run=run,
            revision=first.revision,
        )

    hand_out(dak_lak, (4, 2), 450, run=first)
    hand_out(dak_lak, (10, 5), 300)
    hand_out(son_la, (10, 6), 80)
    return {"first": first, "second": second, "dak_lak": dak_lak}


def rows_of(response):
    return {
        row.run.pk if row.run else None: row for row in response.context["object_list"]
    }


def test_each_run_reads_handed_out_left_and_short(admin_client, handed_out):
    rows = rows_of(admin_client.get(URL))
    first, second = rows[handed_out["first"].pk], rows[handed_out["second"].pk]
    assert (first.handed_out, first.left, first.short) == (450, 50, 0)
    # Unnamed copies count against the run printed last before the session.
    assert (second.handed_out, second.left, second.short) == (380, 0, 180)
    assert second.ran_short
    assert second.by_area == {"Đắk Lắk": 300, "Sơn La": 80}
    total = rows[None]
    assert (total.copies, total.handed_out, total.left, total.short) == (
        700,
        830,
        50,
        180,
    )


def test_a_province_manager_counts_their_province_only(client, handed_out):
    client.force_login(user_in(MANAGER, "quan-ly-dak-lak", [handed_out["dak_lak"]]))
    rows = rows_of(client.get(URL))
    second = rows[handed_out["second"].pk]
    assert second.by_area == {"Đắk Lắk": 300}
    assert (second.handed_out, second.short) == (300, 100)


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_report_exports(admin_client, handed_out, export):
    response = admin_client.get(f"{URL}?export={export}")
    assert response.status_code == 200
    if export == "csv":
        text = response.content.decode("utf-8-sig")
        assert "500" in text and "830" in text


def test_the_report_costs_a_fixed_number_of_queries(
    admin_client, handed_out, django_assert_max_num_queries
):
    with django_assert_max_num_queries(25):
        assert admin_client.get(URL).status_code == 200
