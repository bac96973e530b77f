"""A translator's and a reviewer's queue on the admin home, built from the
translation states of their languages only."""

import pytest

from locales.matrix import build_matrix
from locales.models import TranslationRecord
from locales.queue import TO_REVIEW, TO_TRANSLATE, matrix_url, queue
from locales.states import TranslationState
from tests.factories import PolicyExplainerPageFactory, translator_user

pytestmark = pytest.mark.django_db


def test_a_translator_queue_links_their_missing_pieces_to_the_translator_view(
    client, explainer_index
):
    piece = PolicyExplainerPageFactory(parent=explainer_index, title_vi="Lương hưu")
    client.force_login(translator_user("dich-gia", "rad"))
    html = client.get("/admin/").content.decode()
    assert 'id="translation-queue' in html
    assert "Lương hưu" in html
    assert f"/admin/translations/{piece.content_type_id}/{piece.pk}/rad/" in html
    assert f"/{piece.pk}/jra/" not in html


def test_the_queues_take_their_states(explainer_index):
    PolicyExplainerPageFactory(parent=explainer_index)
    matrix = build_matrix(languages=["rad"])
    to_translate = queue(matrix, TO_TRANSLATE)
    assert to_translate and {e.state for e in to_translate} == {
        TranslationState.MISSING
    }
    assert queue(matrix, TO_REVIEW) == []
    assert matrix_url("needs_review", "rad").endswith(
        "?state=needs_review&language=rad"
    )
    assert TranslationRecord.objects.count() == 0
