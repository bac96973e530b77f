"""Each province sees its own: a manager of Đắk Lắk reads every report and
export with Đắk Lắk's rows only, a manager of Gia Lai with Gia Lai's, a
campaign or area of the other province typed into the address is refused,
and national staff see both."""

import csv
import io

from django.utils.html import escape

import pytest
from openpyxl import load_workbook

REPORTS = [
    "campaign-progress",
    "sessions",
    "sessions?by=area",
    "session-rows",
    "outcomes",
    "where-used",
    "language-gap",
    "figures-to-check",
]
# What only each province's rows say.
OWN = {
    "manager_dlk": ("Krông Búk", "Chiến dịch Đắk Lắk", "Cư Bao"),
    "manager_gla": ("Pleiku", "Chiến dịch Gia Lai", "Gia Lai"),
}
OTHER = {"manager_dlk": OWN["manager_gla"], "manager_gla": OWN["manager_dlk"]}
# Most queries a report may make for a manager of one province: what it
# makes today, and two to spare.
CEILINGS = {
    "campaign-progress": 21,
    "sessions": 15,
    "sessions?by=area": 16,
    "session-rows": 22,
    "outcomes": 16,
    "where-used": 20,
    "language-gap": 23,
    "figures-to-check": 22,
}


def url(report: str, query: str = "") -> str:
    path, _, given = report.partition("?")
    joined = "&".join(part for part in (given, query) if part)
    return f"/admin/reports/{path}/" + (f"?{joined}" if joined else "")


def exported_text(client, report: str, query: str = "") -> dict[str, str]:
    """The CSV and XLSX files of the report, each as one text."""
    texts = {}
    for file_format in ("csv", "xlsx"):
        response = client.get(url(report, f"{query}&export={file_format}"))
        assert response.status_code == 200
        if file_format == "csv":
            rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
        else:
            sheet = load_workbook(io.BytesIO(response.content)).active
            rows = sheet.iter_rows(values_only=True)
        texts[file_format] = "\n".join(
            "\t".join("" if cell is None else str(cell) for cell in row) for row in rows
        )
    return texts


@pytest.mark.django_db
@pytest.mark.parametrize("report", REPORTS)
@pytest.mark.parametrize("manager", ["manager_dlk", "manager_gla"])
def test_a_province_manager_reads_only_their_province(
    client,
    provinces,
    report,
    manager,
):
    client.force_login(provinces[manager])
    response = client.get(url(report))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["paginator"].count > 0
    assert not [word for word in OTHER[manager] if word in html]
    assert [word for word in OWN[manager] if word in html]
    for text in exported_text(client, report).values():
        assert not [word for word in OTHER[manager] if word in text]
        assert text.count("\n") >= 1  # a heading and at least one row


@pytest.mark.django_db
@pytest.mark.parametrize("report", REPORTS)
@pytest.mark.parametrize("field", ["area", "campaign"])
def test_a_choice_outside_the_scope_is_refused_and_shows_nothing(
    client,
    provinces,
    report,
    field,
):
    client.force_login(provinces["manager_dlk"])
    outside = provinces["gia_lai" if field == "area" else "gla"]
    response = client.get(url(report, f"{field}={outside.pk}"))
    assert response.status_code == 200
    form = response.context["filter_form"]
    if field not in form.fields:
        pytest.skip(f"{report} has no {field} filter")
    refusal = form.fields[field].error_messages["invalid_choice"]
    assert form.errors[field] == [str(refusal)]
    assert response.context["paginator"].count == 0
    html = response.content.decode()
    assert escape(str(refusal)) in html
    assert not [word for word in OWN["manager_gla"] if word in html]
    for text in exported_text(client, report, f"{field}={outside.pk}").values():
        assert text.count("\n") == 0  # the heading only
        assert not [word for word in OWN["manager_gla"] if word in text]


@pytest.mark.django_db
def test_the_choices_offered_are_the_readers_own(client, provinces):
    client.force_login(provinces["manager_dlk"])
    form = client.get(url("sessions")).context["filter_form"]
    assert set(form.fields["campaign"].queryset) == {provinces["dlk"]}
    offered = [label for _value, label in form.fields["area"].widget.choices]
    assert [label.split(" (")[0] for label in offered[1:]] == [
        "Đắk Lắk",
        "Krông Búk",
        "Cư Bao",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("report", ["sessions?by=area", "session-rows", "outcomes"])
def test_national_staff_see_every_province(client, provinces, report):
    client.force_login(provinces["manager_hq"])
    html = client.get(url(report)).content.decode()
    assert "Krông Búk" in html or "Chiến dịch Đắk Lắk" in html
    assert "Pleiku" in html or "Chiến dịch Gia Lai" in html


@pytest.mark.django_db
def test_national_staff_see_every_figure_to_check(client, provinces):
    client.force_login(provinces["manager_hq"])
    rows = client.get(url("figures-to-check")).context["object_list"]
    assert {row.record.split("(")[1].split(",")[0] for row in rows} >= {
        "Krông Búk",
        "Pleiku",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("report", REPORTS)
def test_each_report_reads_in_a_few_queries(
    client,
    provinces,
    report,
    django_assert_max_num_queries,
):
    client.force_login(provinces["manager_dlk"])
    client.get(url(report))  # caches warmed as in use
    with django_assert_max_num_queries(CEILINGS[report]):
        assert client.get(url(report)).status_code == 200
    with django_assert_max_num_queries(CEILINGS[report]):
        assert client.get(url(report, "export=csv")).status_code == 200
