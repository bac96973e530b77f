"""Tai Viet on the public site: a phone's browser cannot split it into
words, so pages in Tai Dam are sent with a break opportunity between
syllables; stored text and the admin's forms never get one."""

from locales.segmentation import ZERO_WIDTH_SPACE
from tests.factories import PolicyExplainerPageFactory, stream
from tests.texts_without_spaces import KHMER_TEXT, TAI_VIET_TEXT


def explainer(parent):
    return PolicyExplainerPageFactory(
        parent=parent,
        title_blt=TAI_VIET_TEXT[:60],
        body_blt=stream(("paragraph", f"<p>{TAI_VIET_TEXT}</p>")),
        title_km=KHMER_TEXT[:60],
        body_km=stream(("paragraph", f"<p>{KHMER_TEXT}</p>")),
    )


def test_a_tai_dam_page_breaks_between_syllables(client, explainer_index):
    page = explainer(explainer_index)
    html = client.get(f"/blt/explainers/{page.slug}/").content.decode()
    body = html.split("<main", 1)[1]
    assert TAI_VIET_TEXT not in body
    assert html.count(ZERO_WIDTH_SPACE) > 100
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert ZERO_WIDTH_SPACE not in title
    page.refresh_from_db()
    assert ZERO_WIDTH_SPACE not in page.body_blt.raw_data[0]["value"]


def test_khmer_is_left_to_the_browsers_dictionary(client, explainer_index):
    page = explainer(explainer_index)
    html = client.get(f"/km/explainers/{page.slug}/").content.decode()
    assert KHMER_TEXT in html
    assert ZERO_WIDTH_SPACE not in html


def test_the_editor_gets_the_text_as_stored(admin_client, explainer_index):
    page = explainer(explainer_index)
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert ZERO_WIDTH_SPACE not in html
