"""The campaign reports' CSV and XLSX files: text that a spreadsheet would run
comes out inert, numbers as plain numbers, CSV with a byte-order mark, and a
file name that says what the file holds and when it was made."""

import csv
import datetime
import io
from decimal import Decimal

from django.utils import timezone

import pytest
from openpyxl import load_workbook

from campaigns.models import Campaign, Measurement, Target
from tests.admin_forms import post_admin_form
from tests.campaigns.test_reports import add_sessions, world  # noqa: F401

HOSTILE_NAME = '=HYPERLINK("http://example.com/x","Chiến dịch")'
HOSTILE_SOURCE = "@SUM(1+1)*cmd|' /C calc'!A0"

REPORTS = [
    # The screen, and so the export, shows the newest campaign by default.
    ("campaign-progress", "progress-hyperlinkhttpexamplecomxchien-dich"),
    ("outcomes", "outcomes"),
    ("where-used", "where-used"),
    ("language-gap", "language-gap"),
]


@pytest.fixture
def hostile(admin_client, world):  # noqa: F811
    """The campaign renamed to a formula in its admin form, a measurement
    whose source is one, and a target of 400."""
    add_sessions(world, 2)
    campaign = world["campaign"]
    response = post_admin_form(
        admin_client,
        f"/admin/campaigns/edit/{campaign.pk}/",
        name=HOSTILE_NAME,
        name_vi=HOSTILE_NAME,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Campaign.objects.get(pk=campaign.pk).name == HOSTILE_NAME
    response = post_admin_form(
        admin_client,
        "/admin/measurements/new/",
        indicator=world["enrolments"].pk,
        area=world["province"].pk,
        measured_on="2025-10-15",
        value="320",
        source=HOSTILE_SOURCE,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Measurement.objects.get().source == HOSTILE_SOURCE
    Target.objects.create(
        campaign=campaign,
        area=world["province"],
        indicator=world["enrolments"],
        starts_on=datetime.date(2025, 10, 1),
        ends_on=datetime.date(2025, 10, 31),
        value=Decimal("400.00"),
    )
    return world


def download(client, path: str, file_format: str):
    joint = "&" if "?" in path else "?"
    response = client.get(f"/admin/reports/{path}{joint}export={file_format}")
    assert response.status_code == 200
    return response


def csv_rows(response) -> list[list[str]]:
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


@pytest.mark.parametrize(("path", "name"), REPORTS)
def test_a_formula_in_a_campaign_name_is_inert_in_the_csv(
    admin_client, hostile, path, name
):
    response = download(admin_client, f"{path}/", "csv")
    cells = [cell for row in csv_rows(response) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    assert any(cell.startswith("'=HYPERLINK(") for cell in cells)
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="loa-{name}-{today}.csv"'
    )


@pytest.mark.parametrize(("path", "name"), REPORTS)
def test_a_formula_in_a_campaign_name_is_text_in_the_xlsx(
    admin_client, hostile, path, name
):
    response = download(admin_client, f"{path}/", "xlsx")
    cells = [cell for row in xlsx_sheet(response).iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    named = [cell for cell in cells if cell.value and HOSTILE_NAME in str(cell.value)]
    assert named and all(cell.data_type == "s" for cell in named)
    assert response["Content-Disposition"].endswith(
        f'-{timezone.localdate().isoformat()}.xlsx"'
    )


def test_the_progress_export_of_one_campaign(admin_client, hostile):
    """Named after the campaign; the source inert; figures plain numbers."""
    campaign = hostile["campaign"]
    path = f"campaign-progress/?campaign={campaign.pk}"
    response = download(admin_client, path, "csv")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="loa-progress-hyperlinkhttpexamplecomxchien-dich'
        f'-{today}.csv"'
    )
    header, *rows = csv_rows(response)
    reported = next(row for row in rows if row[header.index("Địa bàn")])
    assert reported[4] == "400" and reported[5] == "320" and reported[6] == "80"
    assert reported[7].startswith("'@SUM(1+1)")
    sheet = xlsx_sheet(download(admin_client, path, "xlsx"))
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row}
    assert cells[400].data_type == "n" and cells[320].data_type == "n"
    source = next(value for value in cells if str(value).startswith("@SUM"))
    assert cells[source].data_type == "s"


def test_the_sessions_export_is_named_and_marked(admin_client, world):  # noqa: F811
    add_sessions(world, 3)
    response = download(admin_client, "sessions/?by=month", "csv")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="loa-sessions-by-month-{today}.csv"'
    )
    assert csv_rows(response)[1] == ["10/2025", "3", "30"]


def test_figures_on_screen_are_grouped_the_vietnamese_way(admin_client, world):  # noqa: F811
    add_sessions(world, 2)
    Target.objects.create(
        campaign=world["campaign"],
        indicator=world["enrolments"],
        starts_on=datetime.date(2025, 10, 1),
        ends_on=datetime.date(2025, 10, 31),
        value=Decimal(3_200_000_000_000),
    )
    html = admin_client.get("/admin/reports/campaign-progress/").content.decode()
    assert "<td>3.200.000.000.000</td>" in html
