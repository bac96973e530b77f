"""Campaign reports: the right rows, the same numbers in the exports, and a
query count that does not grow with the sessions."""

import datetime
import io
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from campaigns.models import (
    MaterialUse,
    Measurement,
    OutreachSession,
    SessionLanguage,
    SessionOutcome,
    Target,
    ToolkitItem,
)
from locales.source_text import raw_value
from locales.workflow import record_translation, review
from tests.factories import (
    CampaignFactory,
    FAQAnswerPageFactory,
    IndicatorFactory,
    PolicyExplainerPageFactory,
    area,
)


@pytest.fixture
def world(explainer_index, faq_index):
    province = area("DLK", "Đắk Lắk", "province")
    campaign = CampaignFactory(languages=["vi", "rad"])
    campaign.areas.add(province)
    explainer = PolicyExplainerPageFactory(parent=explainer_index)
    faq = FAQAnswerPageFactory(parent=faq_index)
    for piece in (explainer, faq):
        ToolkitItem.objects.create(campaign=campaign, piece=piece)
    enrolments = IndicatorFactory(name="Người đăng ký BHYT mới")
    return {
        "province": province,
        "campaign": campaign,
        "explainer": explainer,
        "faq": faq,
        "enrolments": enrolments,
    }


def add_sessions(world, count, language="jra"):
    for number in range(count):
        session = OutreachSession.objects.create(
            campaign=world["campaign"],
            kind="village_meeting" if number % 2 else "market_visit",
            starts_at=timezone.make_aware(
                datetime.datetime(2025, 10, 1 + number % 20, 8)
            ),
            area=world["province"],
            attendance=10,
        )
        SessionLanguage.objects.create(session=session, language=language)
        SessionOutcome.objects.create(
            session=session, indicator=world["enrolments"], value=2
        )
        MaterialUse.objects.create(
            session=session,
            piece=world["explainer"],
            language="rad",
            format="print",
            quantity=5,
        )


def test_the_where_used_panel_lists_sessions_languages_and_outcomes(
    admin_client, world
):
    add_sessions(world, 3)
    html = admin_client.get(
        f"/admin/pages/{world['explainer'].pk}/edit/"
    ).content.decode()
    assert "<td>3</td>" in html
    assert "<td>rad</td>" in html and "<td>15</td>" in html
    assert "Người đăng ký BHYT mới 6" in html
    other = admin_client.get(f"/admin/pages/{world['faq'].pk}/edit/").content.decode()
    assert "<td>15</td>" not in other


def test_the_language_gap_shows_missing_and_approved_pieces(admin_client, world):
    add_sessions(world, 1, language="jra")
    explainer = world["explainer"]
    records = [
        record
        for field in ("title", "summary", "body")
        for record in record_translation(
            explainer,
            field,
            "rad",
            None,
            submit=True,
            text=raw_value(explainer, field, "vi"),
        )
    ]
    review(explainer, records, None, approve=True)
    response = admin_client.get("/admin/reports/language-gap/")
    rows = {row.language: row for row in response.context["object_list"]}
    assert set(rows) == {"Êđê (rad)", "Jrai (jra)"}
    assert (rows["Êđê (rad)"].approved, rows["Êđê (rad)"].missing) == (1, 1)
    assert rows["Êđê (rad)"].needed_by == "bộ tài liệu"
    assert (rows["Jrai (jra)"].approved, rows["Jrai (jra)"].missing) == (0, 2)
    assert rows["Jrai (jra)"].needed_by == "dùng tại các buổi"


def test_the_progress_export_has_the_screens_numbers(admin_client, world):
    add_sessions(world, 4)
    Target.objects.create(
        campaign=world["campaign"],
        indicator=world["enrolments"],
        starts_on=datetime.date(2025, 10, 1),
        ends_on=datetime.date(2025, 10, 31),
        value=Decimal(16),
    )
    url = f"/admin/reports/campaign-progress/?campaign={world['campaign'].pk}"
    screen = admin_client.get(url).context["object_list"]
    assert [(row.measured, row.percent) for row in screen] == [
        (Decimal(8), Decimal("50.0"))
    ]
    response = admin_client.get(url + "&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.values)
    exported = dict(zip(header, rows[0], strict=True))
    assert Decimal(str(exported["Đạt được"])) == 8
    assert Decimal(str(exported["Tỷ lệ so với chỉ tiêu"])) == Decimal("50.0")
    csv = admin_client.get(url + "&export=csv").content.decode()
    assert ",16,8,50," in csv


def test_a_ceiling_is_met_or_not_rather_than_a_share(world):
    from campaigns.progress import progress

    late = IndicatorFactory(unit="percent", aggregation="latest", lower_is_better=True)
    Measurement.objects.create(
        indicator=late,
        area=world["province"],
        measured_on=datetime.date(2025, 12, 20),
        value=Decimal("1.2"),
        source="BHXH",
    )
    result = progress(
        Target.objects.create(
            campaign=world["campaign"],
            indicator=late,
            starts_on=datetime.date(2025, 12, 1),
            ends_on=datetime.date(2025, 12, 31),
            value=Decimal("1.4"),
        )
    )
    assert result.percent is None and result.met is True


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reports/sessions/?by=kind",
        "/admin/reports/sessions/?by=language",
        "/admin/reports/sessions/?by=month",
        "/admin/reports/sessions/?by=area",
        "/admin/reports/outcomes/",
        "/admin/reports/where-used/",
        "/admin/reports/language-gap/",
    ],
)
def test_report_queries_do_not_grow_with_sessions(admin_client, world, url):
    add_sessions(world, 2)
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    add_sessions(world, 20)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few)


def use_pieces(world, count):
    """A session using `count` pieces more, each in two languages: rows of
    the where-used report."""
    session = OutreachSession.objects.create(
        campaign=world["campaign"],
        kind="village_meeting",
        starts_at=timezone.make_aware(datetime.datetime(2025, 10, 3, 8)),
        area=world["province"],
        attendance=10,
    )
    SessionOutcome.objects.create(
        session=session, indicator=world["enrolments"], value=3
    )
    parent = world["explainer"].get_parent()
    for _ in range(count):
        piece = PolicyExplainerPageFactory(parent=parent)
        for language in ("vi", "en"):
            MaterialUse.objects.create(
                session=session, piece=piece, language=language, format="print"
            )


def test_where_used_queries_do_not_grow_with_its_rows(admin_client, world):
    url = "/admin/reports/where-used/"
    use_pieces(world, 1)
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    use_pieces(world, 6)
    admin_client.get(url)  # new pages: the site's root is read again once
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(url)
    rows = response.context["object_list"]
    assert len(rows) == 14 and len(many) == len(few)
    assert {row.outcomes for row in rows} == {"Người đăng ký BHYT mới 3"}
    assert all(row.campaigns == world["campaign"].name for row in rows)


def test_where_used_finds_a_piece_by_its_code_or_a_word_of_its_title(
    admin_client, world
):
    add_sessions(world, 2)
    use_pieces(world, 1)
    explainer = world["explainer"]
    english = explainer.title_en.lower()  # as the English admin shows it
    for typed in (
        explainer.material_code.lower(),
        explainer.title.split()[-1],
        english,
    ):
        response = admin_client.get("/admin/reports/where-used/", {"piece": typed})
        rows = response.context["object_list"]
        assert [row.piece_id for row in rows] == [explainer.pk], typed
        assert rows[0].code == explainer.material_code


def test_round_figures_are_exported_as_people_write_them(admin_client, world):
    """1600, not 1.6E+3."""
    add_sessions(world, 4)
    Target.objects.create(
        campaign=world["campaign"],
        indicator=world["enrolments"],
        starts_on=datetime.date(2025, 10, 1),
        ends_on=datetime.date(2025, 10, 31),
        value=Decimal(1600),
    )
    url = f"/admin/reports/campaign-progress/?campaign={world['campaign'].pk}"
    csv = admin_client.get(url + "&export=csv").content.decode()
    assert "1600" in csv
    assert "E+" not in csv


def test_progress_of_all_campaigns_or_of_an_area_lists_every_target(
    admin_client, world
):
    other = CampaignFactory(name="Tháng BHXH toàn dân")
    for campaign in (world["campaign"], other):
        Target.objects.create(
            campaign=campaign,
            indicator=world["enrolments"],
            area=world["province"],
            starts_on=datetime.date(2025, 10, 1),
            ends_on=datetime.date(2025, 10, 31),
            value=Decimal(100),
        )
    url = "/admin/reports/campaign-progress/"
    opened = admin_client.get(url).context["object_list"]
    assert len(opened) == 1
    for chosen in ({"campaign": ""}, {"area": world["province"].pk}):
        rows = admin_client.get(url, chosen).context["object_list"]
        assert {row.campaign for row in rows} == {world["campaign"], other}, chosen


def test_sessions_nobody_counted_show_no_attendance_not_zero(admin_client, world):
    OutreachSession.objects.create(
        campaign=world["campaign"],
        kind="loudspeaker",
        starts_at=timezone.make_aware(datetime.datetime(2025, 10, 2, 8)),
        area=world["province"],
    )
    response = admin_client.get("/admin/reports/sessions/", {"by": "kind"})
    rows = response.context["object_list"]
    assert [(row.sessions, row.attendance) for row in rows] == [(1, None)]
    assert "<td>—</td>" in response.content.decode()
