"""Versions people can tell apart: a number per piece and language, moved
on only when what that language's readers see changed, with the editor's
note on what changed; a printout's QR code opens the page saying whether
that copy is still current; print runs record the version they printed."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from content.models import PieceVersion, PrintRun
from tests.factories import PolicyExplainerPageFactory, stream, translator_user
from tests.locales.sheet import approve, translate
from tests.page_forms import publish_in_editor
from tests.pdf_files import fetch_pdf, page_texts, qr_codes

EDE = {
    "Đóng theo khả năng": "Bi mnga tui si dưi",
    "Ai được tham gia": "Hlei dưi mŭt",
    "Người dân từ đủ 15 tuổi.": "Mnuih mâo 15 thŭn.",
}
NOTE = "Mức đóng mới từ 01/07/2025"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("lan")


@pytest.fixture
def explainer(explainer_index):
    return PolicyExplainerPageFactory(parent=explainer_index)


def numbers(piece) -> dict[str, int]:
    """{language: current version number}."""
    found = {}
    for version in PieceVersion.objects.filter(piece=piece).order_by("number"):
        found[version.language] = version.number
    return found


def in_ede(client, piece):
    """A translator puts the whole piece into Ede and a reviewer approves it."""
    number = piece.title_vi.split()[-1]  # titles are numbered by the factory
    texts = {**EDE, "unit:title:": f"Klei mgang mnuih kđi {number}"}
    translate(client, piece, translator_user("h-nie", "rad"), texts)
    response = approve(client, piece, translator_user("y-jut", "rad", reviewer=True))
    assert response.status_code == 302
    client.logout()
    piece.refresh_from_db()


def publish_new_summary(client, piece, editor):
    """The editor changes the Vietnamese summary and says what changed."""
    publish_in_editor(
        client,
        piece,
        editor,
        summary_vi="Đóng theo khả năng, từ 2025.",
        change_note=NOTE,
    )


def test_a_language_moves_on_only_when_its_readers_see_a_change(
    client, explainer, editor
):
    first = numbers(explainer)
    assert set(first.values()) == {1} and {"vi", "en", "rad", "blt"} <= first.keys()
    in_ede(client, explainer)
    # Ede now reads its own text; nobody else's page changed.
    assert numbers(explainer) == first | {"rad": 2}

    publish_new_summary(client, explainer, editor)
    after_edit = numbers(explainer)
    # Vietnamese changed, and every language showing the Vietnamese summary in
    # its place; English and Ede keep their own text.
    assert after_edit == {code: 1 if code == "en" else 2 for code in first}
    vi = PieceVersion.objects.get(piece=explainer, language="vi", number=2)
    assert vi.change_note == NOTE and vi.revision_id == explainer.live_revision_id

    publish_in_editor(client, explainer, editor)
    assert numbers(explainer) == after_edit  # published unchanged: no version
    publish_in_editor(client, explainer, editor, summary_vi="Đóng tùy khả năng.")
    third = PieceVersion.objects.get(piece=explainer, language="vi", number=3)
    assert third.change_note == ""  # the note was said once, with v2


def test_the_page_and_the_api_say_the_version(client, explainer, editor):
    publish_new_summary(client, explainer, editor)
    today = timezone.localdate().isoformat()
    html = client.get(f"/vi/explainers/{explainer.slug}/").content.decode()
    assert f"v2 · {today}" in html and NOTE in html
    english = client.get(f"/en/explainers/{explainer.slug}/").content.decode()
    assert f"v1 · {today}" in english
    api = client.get(f"/api/v2/pages/{explainer.pk}/?locale=vi").json()
    assert api["version"]["number"] == 2 and api["version"]["change_note"] == NOTE


def test_an_old_printouts_qr_code_opens_the_page_saying_it_was_replaced(
    client, explainer, editor, tmp_path
):
    page_url = f"/vi/explainers/{explainer.slug}/"
    old_pdf = fetch_pdf(client, f"{page_url}pdf/")
    assert "v1 · " in page_texts(old_pdf, tmp_path)[0]
    (old_code,) = qr_codes(old_pdf, tmp_path)
    assert old_code == f"https://loa.example{page_url}v/1/"
    publish_new_summary(client, explainer, editor)

    scanned = client.get(old_code.removeprefix("https://loa.example"))
    html = scanned.content.decode()
    assert scanned.status_code == 200
    assert "phiên bản 1" in html.lower() and "thay" in html and NOTE in html
    assert "Đóng theo khả năng, từ 2025." in html  # the current text below

    new_pdf = fetch_pdf(client, f"{page_url}pdf/")
    (new_code,) = qr_codes(new_pdf, tmp_path)
    assert new_code.endswith("/v/2/")
    current = client.get(new_code.removeprefix("https://loa.example"))
    assert "printed-version" in current.content.decode()
    assert NOTE not in current.content.decode().split("printed-version")[1][:300]
    assert client.get(f"{page_url}v/3/").status_code == 404


def test_a_print_run_records_the_version_current_on_the_day_it_was_printed(
    client, explainer, editor
):
    PieceVersion.objects.filter(piece=explainer).update(
        published_at=timezone.make_aware(datetime.datetime(2025, 7, 1, 9))
    )
    in_ede(client, explainer)  # Ede v2, today
    run = PrintRun.objects.create(
        piece=explainer,
        language="rad",
        copies=500,
        printed_on=datetime.date(2025, 8, 4),
    )
    assert run.version.number == 1
    client.force_login(editor)
    html = client.get(f"/admin/pages/{explainer.pk}/edit/").content.decode()
    # The admin speaks Vietnamese to this editor.
    assert "500 bản v1 · 2025-07-01 bằng Êđê, in ngày 04/08/2025" in html


def test_publishing_in_the_editor_unchanged_makes_no_version(client, explainer_index):
    """Text as `load_demo` stored it (an apostrophe as `&#x27;`, paragraphs
    without block keys) and as the editor saves it back read the same."""
    piece = PolicyExplainerPageFactory(
        parent=explainer_index,
        body_vi=stream(("paragraph", "<p>Hộ gia đình&#x27;s  <b>30 %</b></p>")),
        body_en=stream(("paragraph", "<p>The household&#x27;s share</p>")),
    )
    first = numbers(piece)
    editor = get_user_model().objects.create_superuser("lan")
    publish_in_editor(client, piece, editor)
    assert numbers(piece) == first
    # Nor does a new title for search engines: readers do not see it.
    publish_in_editor(client, piece, editor, seo_title_vi="BHXH tự nguyện")
    assert numbers(piece) == first


def test_a_note_goes_with_the_publish_that_wrote_it(client, explainer, editor):
    publish_in_editor(client, explainer, editor, summary_vi="Đóng từ 2025.")
    # The note written afterwards, nothing else changed: it tells of v2.
    publish_in_editor(client, explainer, editor, change_note=NOTE)
    vi = PieceVersion.objects.filter(piece=explainer, language="vi")
    assert [(v.number, v.change_note) for v in vi] == [(1, ""), (2, NOTE)]
    # A translation approved later is not that change: no note goes with it.
    in_ede(client, explainer)
    ede = PieceVersion.objects.filter(piece=explainer, language="rad").last()
    assert (ede.number, ede.change_note) == (3, "")
    # Nor with a later correction, the note left as it was.
    publish_in_editor(client, explainer, editor, summary_vi="Đóng từ năm 2025.")
    assert vi.last().number == 3 and vi.last().change_note == ""


def test_a_publish_scheduled_for_later_makes_no_version_until_it_goes_live(
    explainer, editor
):
    explainer.summary_vi = "Mức mới, từ tháng sau."
    later = timezone.now() + datetime.timedelta(days=30)
    explainer.go_live_at = later
    explainer.save_revision(user=editor, approved_go_live_at=later).publish()
    assert numbers(explainer)["vi"] == 1


def test_a_printouts_page_links_to_the_piece_in_other_languages(client, explainer):
    html = client.get(f"/rad/explainers/{explainer.slug}/v/1/").content.decode()
    assert f'href="/vi/explainers/{explainer.slug}/"' in html
    assert f"/vi/explainers/{explainer.slug}/v/1/" not in html
    canonical = f'<link rel="canonical" href="https://loa.example/rad/explainers/{explainer.slug}/">'
    assert canonical in html


def test_a_print_run_is_dated_when_a_version_existed_and_keeps_it(
    client, explainer, editor
):
    PieceVersion.objects.filter(piece=explainer).update(
        # 03:00 on 5 August in Hanoi: still 4 August in UTC.
        published_at=datetime.datetime(2025, 8, 4, 20, tzinfo=datetime.UTC)
    )
    run = PrintRun(
        piece=explainer, language="vi", copies=100, printed_on=datetime.date(2025, 8, 4)
    )
    with pytest.raises(ValidationError) as refused:
        run.full_clean()
    assert "printed_on" in refused.value.error_dict
    run.printed_on = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        run.full_clean()
    run.printed_on = datetime.date(2025, 8, 5)
    run.full_clean()
    run.save()
    assert run.version.number == 1
    # v2 today; the run corrected for its copies still printed v1.
    publish_in_editor(client, explainer, editor, summary_vi="Đóng từ 2025.")
    run.copies = 120
    run.save()
    run.refresh_from_db()
    assert run.version.number == 1
