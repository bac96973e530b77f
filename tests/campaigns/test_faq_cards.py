"""A field kit's FAQ card sheet: two cards a row on A4, to cut apart, each
saying what a reader must know about its translation."""

import re
import zipfile

from campaigns.models import FieldKit, ToolkitItem
from tests.factories import FAQAnswerPageFactory
from tests.officer_screens import KITS
from tests.pdf_files import poppler

A4_WIDTH_PT = 595


def code_positions(data: bytes, tmp_path) -> dict[str, tuple[float, float, int]]:
    """Where each FAQ code is printed: (x, y, page)."""
    layout = poppler("pdftotext", data, tmp_path, "-bbox", "-enc", "UTF-8")
    positions = {}
    for number, page in enumerate(layout.split("<page ")[1:], start=1):
        for x, y, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(FAQ-\d+)</word>', page
        ):
            positions[word] = (float(x), float(y), number)
    return positions


def test_faq_cards_come_two_a_row(client, officer, campaign, faq_index, tmp_path):
    for _ in range(5):
        ToolkitItem.objects.create(
            campaign=campaign, piece=FAQAnswerPageFactory(parent=faq_index)
        )
    client.force_login(officer)
    client.post(KITS, {"campaign": campaign.pk, "languages": ["vi"]})
    kit = FieldKit.objects.get()
    with kit.file.open("rb") as built, zipfile.ZipFile(built) as archive:
        sheet = archive.read("faq-cards-vi.pdf")
    positions = code_positions(sheet, tmp_path)
    cards = [positions[code] for code in sorted(positions)]
    assert len(cards) == 6
    assert len({page for _x, _y, page in cards}) == 1
    rows = [cards[i : i + 2] for i in range(0, 6, 2)]
    for (left_x, left_y, _), (right_x, right_y, _) in rows:
        assert abs(left_y - right_y) < 1
        assert left_x < A4_WIDTH_PT / 2 < right_x
    assert rows[0][0][1] < rows[1][0][1] < rows[2][0][1]


def test_each_card_says_when_its_text_is_not_in_the_sheets_language(
    client, officer, campaign, tmp_path
):
    """The FAQ answer has Vietnamese and English text only."""
    client.force_login(officer)
    client.post(KITS, {"campaign": campaign.pk, "languages": ["vi", "en", "rad"]})
    kit = FieldKit.objects.get()
    with kit.file.open("rb") as built, zipfile.ZipFile(built) as archive:
        sheets = {
            language: " ".join(
                poppler(
                    "pdftotext",
                    archive.read(f"faq-cards-{language}.pdf"),
                    tmp_path,
                    "-enc",
                    "UTF-8",
                ).split()
            )
            for language in ("vi", "en", "rad")
        }
    assert "About this translation" not in sheets["vi"]
    assert "Về bản dịch này" not in sheets["vi"]
    # Typed into the page, never reviewed.
    assert "About this translation: not checked by a reviewer" in sheets["en"]
    assert "Về bản dịch này: một phần hiển thị bằng Tiếng Việt" in sheets["rad"]
