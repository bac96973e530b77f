"""Sessions as rows: one row per session in the reader's areas and filters,
personal details (staff, who logged it, notes, questions, photos) only for
those who may read sessions, and text a spreadsheet would run made inert."""

import csv
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

import pytest
from openpyxl import load_workbook

from tests.campaigns.provinces import HOSTILE_NOTES, held

pytestmark = pytest.mark.django_db

URL = "/admin/reports/session-rows/"


def report_reader():
    """Someone who may read the reports but not the sessions themselves."""
    user = get_user_model().objects.create_user("reader")
    for codename in ("access_admin", "view_campaign"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def csv_rows(client, query=""):
    response = client.get(f"{URL}?{query}&export=csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_province_manager_gets_their_sessions_with_the_details(client, provinces):
    client.force_login(provinces["manager_dlk"])
    heading, *rows = csv_rows(client)
    assert len(heading) == 14
    assert [row[4] for row in rows] == ["", "Nhà văn hoá buôn"]  # venue
    assert [row[5] for row in rows] == ["25", "40"]  # attendance
    assert rows[0][6] == "rad, vi"
    assert rows[1][7] == "Người đăng ký BHYT mới 3"
    assert rows[1][8].startswith(provinces["explainer"].title)
    assert rows[1][8].endswith("× 5")
    assert all(row[0].startswith("2025-10-") for row in rows)


def test_a_reader_of_reports_gets_no_personal_details(client, provinces):
    client.force_login(report_reader())
    response = client.get(URL)
    assert response.status_code == 200
    heading, *rows = csv_rows(client)
    assert len(heading) == 9
    text = "\n".join(",".join(row) for row in [heading, *rows])
    assert HOSTILE_NOTES not in text and "'" + HOSTILE_NOTES not in text
    assert "Đóng bao nhiêu?" not in text
    assert "Đóng bao nhiêu?" not in response.content.decode()


def test_notes_that_a_spreadsheet_would_run_are_inert(client, provinces):
    client.force_login(provinces["manager_gla"])
    heading, *rows = csv_rows(client)
    [row] = rows
    assert "'" + HOSTILE_NOTES in row
    assert not [cell for cell in row if cell.startswith(("=", "+", "-", "@"))]
    response = client.get(f"{URL}?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for line in sheet.iter_rows() for cell in line]
    assert not [cell for cell in cells if cell.data_type == "f"]
    [notes] = [cell for cell in cells if cell.value == HOSTILE_NOTES]
    assert notes.data_type == "s" and notes.quotePrefix


def test_the_totals_count_every_session(client, provinces):
    client.force_login(provinces["manager_hq"])
    response = client.get(f"{URL}?language=rad")
    table = response.context["table"]
    assert response.context["paginator"].count == 2
    assert "2" in str(table.totals[0])
    assert table.totals[list(table.columns).index("attendance")] == 65


@pytest.mark.parametrize("size", [1, 30])
def test_the_rows_read_in_a_few_queries_however_many(
    client, provinces, size, django_assert_max_num_queries
):
    for day in range(size):
        held(provinces["dlk"], provinces["cu_bao"], 1 + day % 20, "school", 5, ["rad"])
    client.force_login(provinces["manager_dlk"])
    with django_assert_max_num_queries(22):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get(f"{URL}?export=xlsx").status_code == 200
