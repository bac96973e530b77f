"""The filters on the campaign reports: they narrow the rows, the exports
hold the rows the screen shows and say so in their name, the totals row is
the sum of the rows (never of percentages), the language gap counts the
languages spoken at sessions and an empty toolkit, and each target links to
its history once that view exists."""

import csv
import datetime
import io

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import pytest

from campaigns.reports.base import PERCENT
from campaigns.wagtail_hooks import REPORTS
from locales.spreadsheets import csv_value
from tests.campaigns.provinces import held
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def screen(client, path: str):
    response = client.get(f"/admin/reports/{path}")
    assert response.status_code == 200
    return response


def csv_of(client, path: str):
    joint = "&" if "?" in path else "?"
    response = client.get(f"/admin/reports/{path}{joint}export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return response, rows


def screen_rows(response) -> list[list[str]]:
    """The rows of the screen, as the CSV writes them."""
    view = response.context["view"]
    return [
        [csv_value(column.exported_value(row)) for column in view._exported_columns]
        for row in response.context["object_list"]
    ]


@pytest.fixture
def dlk(client, provinces):
    client.force_login(provinces["manager_dlk"])
    return provinces


@pytest.mark.parametrize(
    ("query", "attendance"),
    [
        ("", 65),
        ("area={krong_buk}", 40),
        ("kind=market_visit", 25),
        ("language=vi", 25),
        ("language=rad", 65),
        ("since=2025-10-06", 25),
        ("until=2025-10-05", 40),
        ("since=2025-10-13", 0),
        ("campaign={dlk}", 65),
    ],
)
def test_the_filters_narrow_the_sessions(client, dlk, query, attendance):
    query = query.format(krong_buk=dlk["krong_buk"].pk, dlk=dlk["dlk"].pk)
    for report in ("sessions/", "session-rows/"):
        response = screen(client, f"{report}?{query}")
        rows = response.context["object_list"]
        assert sum(row.attendance for row in rows) == attendance


def test_a_campaign_counts_the_sessions_of_the_campaigns_under_it(client, dlk):
    part = CampaignFactory(name="Đợt hai", parent=dlk["dlk"])
    held(part, dlk["cu_bao"], 15, "school", 30, ["rad"])
    rows = screen(client, f"session-rows/?campaign={dlk['dlk'].pk}").context[
        "object_list"
    ]
    assert sorted(row.attendance for row in rows) == [25, 30, 40]
    only_part = screen(client, f"session-rows/?campaign={part.pk}")
    assert [row.attendance for row in only_part.context["object_list"]] == [30]


@pytest.mark.parametrize(
    "path",
    [
        "campaign-progress/?area={krong_buk}",
        "campaign-progress/?since=2025-10-01&until=2025-10-31",
        "sessions/?by=area&since=2025-10-01",
        "session-rows/?kind=village_meeting",
        "outcomes/?area={krong_buk}",
        "where-used/?language=vi&area={cu_bao}",
        "language-gap/?area={krong_buk}",
        "figures-to-check/?area={krong_buk}",
    ],
)
def test_the_export_holds_the_rows_the_screen_shows(client, dlk, path):
    path = path.format(krong_buk=dlk["krong_buk"].pk, cu_bao=dlk["cu_bao"].pk)
    shown = screen_rows(screen(client, path))
    _response, exported = csv_of(client, path)
    assert exported[1:] == shown


def test_the_file_name_says_what_the_export_holds(client, dlk):
    response, _rows = csv_of(
        client,
        f"session-rows/?area={dlk['krong_buk'].pk}&kind=village_meeting"
        "&since=2025-10-01&until=2025-10-31",
    )
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        'attachment; filename="loa-session-rows-krong-buk-village_meeting'
        f'-from-2025-10-01-to-2025-10-31-{today}.csv"'
    )


@pytest.mark.parametrize(
    ("path", "columns"),
    [
        ("sessions/", ["sessions", "attendance"]),
        ("sessions/?by=area", ["sessions", "attendance"]),
        ("sessions/?by=month", ["sessions", "attendance"]),
        ("outcomes/", ["total", "sessions"]),
        ("where-used/", ["quantity"]),
        ("language-gap/", ["missing", "outdated", "unreviewed"]),
        ("session-rows/", ["attendance"]),
    ],
)
def test_the_totals_row_is_the_sum_of_the_rows(client, provinces, path, columns):
    client.force_login(provinces["manager_hq"])
    response = screen(client, path)
    rows = response.context["object_list"]
    table = response.context["table"]
    shown = list(table.columns)
    assert rows
    for name in columns:
        total = table.totals[shown.index(name)]
        assert total == sum(getattr(row, name) or 0 for row in rows), name
    html = response.content.decode()
    assert 'class="report-totals"' in html


def test_a_session_in_two_languages_makes_no_total_by_language(client, dlk):
    response = screen(client, "sessions/?by=language")
    assert response.context["table"].totals is None


def test_shares_are_never_added_up(client, dlk):
    for _slug, _name, view in REPORTS:
        columns = view.report_columns
        if isinstance(columns, property):
            continue
        assert not [c for c in columns if c.kind == PERCENT and c.total], view
    response = screen(client, "campaign-progress/")
    assert response.context["table"].totals is None


def test_the_progress_report_keeps_one_campaign_by_default(client, dlk):
    response = screen(client, "campaign-progress/")
    form = response.context["filter_form"]
    assert form.cleaned_data["campaign"] == dlk["dlk"]
    assert {row.campaign for row in response.context["object_list"]} == {dlk["dlk"]}


def test_each_target_links_to_its_history(client, dlk):
    try:
        reverse("campaign_progress_history", args=[1])
    except NoReverseMatch:
        pytest.skip("The target history view is not installed.")
    response = screen(client, "campaign-progress/")
    target = response.context["object_list"][0].target
    url = reverse("campaign_progress_history", args=[target.pk])
    assert f'href="{url}"' in response.content.decode()


def test_without_the_history_view_a_target_has_no_link(client, dlk, monkeypatch):
    def missing(name, *args, **kwargs):
        raise NoReverseMatch(name)

    monkeypatch.setattr("campaigns.reports.progress.reverse", missing)
    response = screen(client, "campaign-progress/")
    assert [row.history for row in response.context["object_list"]] == [""]


def test_languages_spoken_at_sessions_are_needed(client, dlk):
    rows = screen(client, "language-gap/").context["object_list"]
    reasons = {row.language: row.needed_by for row in rows}
    assert set(reasons) == {"Êđê (rad)"}
    part = CampaignFactory(name="Đợt hai", parent=dlk["dlk"])
    held(part, dlk["cu_bao"], 15, "school", 30, ["jra"])
    rows = screen(client, f"language-gap/?campaign={dlk['dlk'].pk}").context[
        "object_list"
    ]
    parent = {row.language: row for row in rows if row.campaign == dlk["dlk"]}
    assert "Jrai (jra)" in parent
    assert parent["Jrai (jra)"].missing == 1


def test_a_campaign_with_an_empty_toolkit_is_a_gap(client, dlk):
    empty = CampaignFactory(
        name="Chiến dịch chưa có tài liệu",
        languages=[],
        starts_on=datetime.date(2025, 11, 1),
        ends_on=datetime.date(2025, 11, 30),
    )
    empty.areas.set([dlk["dak_lak"]])
    empty.save()
    with_language = CampaignFactory(name="Chiến dịch Êđê", languages=["rad"])
    with_language.areas.set([dlk["dak_lak"]])
    with_language.save()
    rows = screen(client, "language-gap/").context["object_list"]
    by_campaign = {}
    for row in rows:
        by_campaign.setdefault(row.campaign.name, []).append(row)
    [bare] = by_campaign["Chiến dịch chưa có tài liệu"]
    assert (bare.pieces, bare.ready) == (0, "0/0")
    assert str(bare.status) == str(_("No toolkit pieces"))
    [rad] = by_campaign["Chiến dịch Êđê"]
    assert (rad.pieces, rad.ready, rad.language) == (0, "0/0", "Êđê (rad)")
    assert str(rad.status) == str(_("No toolkit pieces"))


def test_by_default_progress_shows_the_newest_campaign_with_targets_to_see(client, dlk):
    CampaignFactory(
        name="Chiến dịch toàn quốc",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 1, 31),
    )
    response = screen(client, "campaign-progress/")
    assert response.context["filter_form"].cleaned_data["campaign"] == dlk["dlk"]
    assert response.context["paginator"].count == 1
