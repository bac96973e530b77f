"""Figures recorded before the plausibility rules are listed for an editor,
with the rule's own message and a link to where the figure is corrected; a
corrected figure leaves the list."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils.form_data import querydict_from_html

import pytest

from campaigns.models import (
    Indicator,
    MaterialUse,
    Measurement,
    OutreachSession,
    SessionOutcome,
)
from content.models import PrintRun
from tests.factories import IndicatorFactory, PolicyExplainerPageFactory

REPORT = "/admin/reports/figures-to-check/"


@pytest.fixture
def old_figures(setting):
    """Rows as they could be saved before the rules: written straight to
    the database, as a migration finds them."""
    campaign, province, piece, enrolments = setting
    coverage = IndicatorFactory(
        unit=Indicator.Unit.PERCENT, aggregation=Indicator.Aggregation.LATEST
    )
    session = OutreachSession.objects.create(
        campaign=campaign,
        kind="village_meeting",
        area=province,
        starts_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC),
        attendance=5000,
    )
    SessionOutcome.objects.create(session=session, indicator=coverage, value=80)
    SessionOutcome.objects.create(session=session, indicator=enrolments, value=12.5)
    MaterialUse.objects.create(
        session=session, piece=piece, language="rad", format="print", quantity=60
    )
    PrintRun.objects.create(piece=piece, language="rad", copies=60)
    measurement = Measurement.objects.create(
        indicator=coverage,
        area=province,
        measured_on=datetime.date(2025, 10, 31),
        value=Decimal(150),
        source="BHXH",
    )
    fine = Measurement.objects.create(
        indicator=coverage,
        area=province,
        measured_on=datetime.date(2025, 9, 30),
        value=Decimal("89.9"),
        source="BHXH",
    )
    return {"measurement": measurement, "fine": fine, "session": session}


def listed(admin_client) -> list:
    response = admin_client.get(REPORT)
    assert response.status_code == 200
    return response.context["object_list"]


def test_every_old_implausible_figure_is_listed_once_with_its_reason(
    admin_client, old_figures
):
    rows = listed(admin_client)
    found = sorted((row.record.split(" — ")[-1][:12], row.problem[:12]) for row in rows)
    # The session twice (dated 2099; 5,000 people unconfirmed), the coverage
    # of 150 %, both outcomes, the Ede copies used and printed.
    assert len(rows) == 7, found
    session = str(old_figures["session"])
    assert [row.record for row in rows].count(session) == 2
    assert all(row.edit_url.startswith("/admin/") for row in rows)
    problems = " ".join(row.problem for row in rows)
    assert "12,5" in problems and "Êđê (rad)" in problems
    fine = f"/admin/measurements/edit/{old_figures['fine'].pk}/"
    assert fine not in [row.edit_url for row in rows]


def test_a_corrected_measurement_leaves_the_list(admin_client, old_figures):
    measurement = old_figures["measurement"]
    edit_url = f"/admin/measurements/edit/{measurement.pk}/"
    [row] = [row for row in listed(admin_client) if row.edit_url == edit_url]
    data = querydict_from_html(
        admin_client.get(row.edit_url).content.decode(), form_id="w-editor-form"
    )
    data["value"] = "89.89"
    assert admin_client.post(row.edit_url, data).status_code == 302
    measurement.refresh_from_db()
    assert measurement.value == Decimal("89.89")
    assert edit_url not in [row.edit_url for row in listed(admin_client)]


def test_the_list_reads_the_same_number_of_queries_however_many_pieces(
    admin_client, old_figures, explainer_index
):
    def use_new_pieces(count):
        for _ in range(count):
            piece = PolicyExplainerPageFactory(parent=explainer_index)
            MaterialUse.objects.create(
                session=old_figures["session"],
                piece=piece,
                language="km",
                format="print",
                quantity=3,
            )
        listed(admin_client)  # new pages: the site's root is read again once

    use_new_pieces(1)
    with CaptureQueriesContext(connection) as few:
        before = len(listed(admin_client))
    use_new_pieces(5)
    with CaptureQueriesContext(connection) as many:
        after = len(listed(admin_client))
    assert after == before + 5
    assert len(many) == len(few)
