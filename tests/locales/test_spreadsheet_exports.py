"""The translation matrix and the translators' spreadsheet: text that a
spreadsheet would run as a formula comes out inert, CSV with a byte-order
mark, files named after what they hold and the day."""

import csv
import datetime
import io

from django.urls import reverse
from django.utils import timezone

from openpyxl import load_workbook

from campaigns.models import OutreachSession, SessionQuestion
from content.models import FAQAnswerPage
from tests.factories import CampaignFactory, PolicyExplainerPageFactory, area

QUESTION = "@SUM(1+1)*cmd|' /C calc'!A0"


def promoted_question(client, faq_index) -> FAQAnswerPage:
    """A question asked at a session, made a draft FAQ answer by an editor."""
    session = OutreachSession.objects.create(
        campaign=CampaignFactory(),
        kind="village_meeting",
        starts_at=timezone.make_aware(datetime.datetime(2025, 10, 2, 8)),
        area=area("DLK", "Đắk Lắk", "province"),
        attendance=12,
    )
    question = SessionQuestion.objects.create(session=session, text=QUESTION)
    response = client.post(reverse("officer:promote-question", args=[question.pk]))
    assert response.status_code == 302
    return FAQAnswerPage.objects.get(title=QUESTION)


def test_the_matrix_csv_keeps_a_formula_inert(admin_client, faq_index):
    promoted_question(admin_client, faq_index)
    response = admin_client.get("/admin/translations/matrix/", {"export": "csv"})
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    titles = [row[1] for row in rows[1:]]
    assert f"'{QUESTION}" in titles
    assert not [cell for row in rows for cell in row if cell.startswith("@")]
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="loa-translation-matrix-{today}.csv"'
    )


def test_the_matrix_xlsx_holds_the_question_as_text(admin_client, faq_index):
    promoted_question(admin_client, faq_index)
    response = admin_client.get("/admin/translations/matrix/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    question = next(cell for cell in cells if cell.value == QUESTION)
    assert question.data_type == "s" and question.quotePrefix
    assert response["Content-Disposition"].endswith(
        f'translation-matrix-{timezone.localdate().isoformat()}.xlsx"'
    )


def test_the_translators_xlsx_holds_formulas_as_text(admin_client, explainer_index):
    PolicyExplainerPageFactory(
        parent=explainer_index, summary="=1+2", summary_vi="=1+2"
    )
    response = admin_client.post(
        "/admin/translations/export/", {"language": "rad", "format": "xlsx"}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["Translations"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    # Kept as the source says, so that the file can come back in.
    formula = next(cell for cell in cells if cell.value == "=1+2")
    assert formula.data_type == "s" and formula.quotePrefix
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="loa-translations-rad-{today}.xlsx"'
    )
