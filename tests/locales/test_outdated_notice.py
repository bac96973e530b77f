"""A public page whose translation was made from an older source says so, with
the date the source changed, on the web and in its PDF."""

import subprocess

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.dateformat import format as format_date

from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from locales.outdated import outdated_translation
from locales.workflow import record_translation, review
from tests.factories import PolicyExplainerPageFactory, stream, translator_user
from tests.page_forms import HEADING, explainer_edit_data

NOTICE = "This translation was made from an earlier version of the original text"
ENGLISH_BODY = [("heading", {"text": "Who can join"})]


@pytest.fixture
def page(explainer_index):
    """An explainer whose English translation is approved."""
    page = PolicyExplainerPageFactory(
        parent=explainer_index,
        body_vi=stream(("heading", {"text": HEADING})),
        body_en=stream(*ENGLISH_BODY),
    )
    reviewer = translator_user("mary", "en", reviewer=True)
    records = [
        record
        for field in ("title", "summary", "body")
        for record in record_translation(page, field, "en", reviewer, submit=True)
    ]
    review(page, records, reviewer, approve=True)
    return page


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("lan")


def publish_summary(client, editor, page, summary: str) -> None:
    """The editor changes the Vietnamese summary in the page editor and
    publishes it."""
    client.force_login(editor)
    url = f"/admin/pages/{page.pk}/edit/"
    data = explainer_edit_data(client.get(url).content.decode())
    for key, value in nested_form_data({"body_en": streamfield(ENGLISH_BODY)}).items():
        data[key] = value
    data["summary_vi"] = summary
    data["action-publish"] = "action-publish"
    assert client.post(url, data).status_code == 302
    client.logout()


def test_an_outdated_translation_says_since_when(client, editor, page):
    public = f"/en/explainers/{page.slug}/"
    assert NOTICE not in client.get(public).content.decode()

    publish_summary(client, editor, page, "Đóng theo khả năng, từ 2026.")
    edit = PageLogEntry.objects.filter(
        page=page, action="wagtail.publish", user=editor
    ).get()
    # A later approval in another language publishes too; the date stays.
    page.refresh_from_db()
    ede = translator_user("h-nie", "rad", reviewer=True)
    title = record_translation(page, "title", "rad", ede, text="Klei mgang")
    review(page, title, ede, approve=True)

    page.refresh_from_db()
    outdated = outdated_translation(page, "en")
    assert outdated.fields == ("summary",)
    assert outdated.source_changed_at == edit.timestamp
    changed_on = timezone.localtime(edit.timestamp)
    html = client.get(public).content.decode()
    assert NOTICE in html
    assert (
        f'The original changed on <time datetime="{changed_on.date().isoformat()}">'
        f"{format_date(changed_on, 'j F Y')}</time>."
    ) in html
    assert '<span lang="vi">Tiếng Việt</span>' in html
    # Nothing to say in the source, nor where the text shown is not a translation.
    for language in ("vi", "rad"):
        html = client.get(f"/{language}/explainers/{page.slug}/").content.decode()
        assert "earlier version" not in html and "phiên bản cũ" not in html


def test_the_pdf_says_so_too(client, editor, page, tmp_path):
    publish_summary(client, editor, page, "Đóng theo khả năng, từ 2026.")
    response = client.get(f"/en/explainers/{page.slug}/pdf/")
    path = tmp_path / "piece.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "earlier version of the original text" in " ".join(text.split())


def test_an_outdated_page_renders_in_few_queries(
    client, editor, page, django_assert_max_num_queries
):
    publish_summary(client, editor, page, "Đóng theo khả năng, từ 2026.")
    client.get(f"/vi/explainers/{page.slug}/")
    with django_assert_max_num_queries(8):
        html = client.get(f"/en/explainers/{page.slug}/").content.decode()
    assert NOTICE in html
