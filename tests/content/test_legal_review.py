"""Amending a law flags every piece citing it until the piece is republished."""

import pytest

from content.legal_review import pieces_needing_review
from content.models import LegalProvision, PolicyExplainerPage
from tests.factories import (
    FAQAnswerPageFactory,
    LegalProvisionFactory,
    PolicyExplainerPageFactory,
)


@pytest.fixture
def citing_pieces(explainer_index, faq_index):
    provision = LegalProvisionFactory(number="46/2014/QH13")
    explainer = PolicyExplainerPageFactory(parent=explainer_index)
    answer = FAQAnswerPageFactory(parent=faq_index)
    unrelated = PolicyExplainerPageFactory(parent=explainer_index)
    for piece in (explainer, answer):
        piece.legal_basis.add(provision)
        piece.save_revision().publish()
    return provision, explainer, answer, unrelated


def supersede(provision):
    provision.status = LegalProvision.Status.SUPERSEDED
    provision.save()


def test_report_lists_pieces_citing_a_superseded_provision(admin_client, citing_pieces):
    provision, explainer, answer, unrelated = citing_pieces
    assert (
        explainer.material_code
        not in admin_client.get("/admin/reports/legal-review/").content.decode()
    )

    supersede(provision)
    html = admin_client.get("/admin/reports/legal-review/").content.decode()
    assert explainer.material_code in html
    assert answer.material_code in html
    assert unrelated.material_code not in html
    assert "46/2014/QH13" in html


def test_republishing_after_review_clears_the_flag(admin_client, citing_pieces):
    provision, explainer, answer, _unrelated = citing_pieces
    supersede(provision)
    explainer.refresh_from_db()
    explainer.save_revision().publish()
    html = admin_client.get("/admin/reports/legal-review/").content.decode()
    assert explainer.material_code not in html
    assert answer.material_code in html


def test_report_exports_as_csv(admin_client, citing_pieces):
    provision, explainer, answer, _unrelated = citing_pieces
    supersede(provision)
    response = admin_client.get("/admin/reports/legal-review/?export=csv")
    assert response.status_code == 200
    rows = response.content.decode().splitlines()
    assert len(rows) == 3
    assert rows[1].startswith(f"{explainer.material_code},")
    assert rows[2].startswith(f"{answer.material_code},")
    assert "46/2014/QH13" in rows[1]


def test_only_staff_see_the_report(client, citing_pieces):
    response = client.get("/admin/reports/legal-review/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def flagged():
    """Each flagged piece's material code with the provisions it names."""
    return {
        piece.material_code: piece.changed_provisions
        for piece in pieces_needing_review()
    }


def test_an_amended_provision_flags_like_a_superseded_one(citing_pieces):
    provision, explainer, answer, _unrelated = citing_pieces
    provision.status = LegalProvision.Status.AMENDED
    provision.save()
    assert flagged() == {
        explainer.material_code: f"{provision} ({provision.get_status_display()})",
        answer.material_code: f"{provision} ({provision.get_status_display()})",
    }


def test_a_provision_back_in_force_clears_the_flag(citing_pieces):
    provision, *_pieces = citing_pieces
    supersede(provision)
    provision.status = LegalProvision.Status.IN_FORCE
    provision.save()
    assert flagged() == {}


def test_a_piece_never_published_is_not_flagged(explainer_index):
    provision = LegalProvisionFactory()
    draft = explainer_index.add_child(
        instance=PolicyExplainerPage(
            title="Bản nháp", summary_vi="Chưa xuất bản.", slug="draft", live=False
        )
    )
    draft.legal_basis.add(provision)
    draft.save()  # as the create view saves a new page before its first revision
    draft.save_revision()
    supersede(provision)
    draft.refresh_from_db()
    assert draft.last_published_at is None
    assert list(draft.legal_basis.all()) == [provision]
    assert flagged() == {}


def test_a_piece_first_published_after_the_change_is_not_flagged(explainer_index):
    provision = LegalProvisionFactory()
    supersede(provision)
    piece = PolicyExplainerPageFactory(parent=explainer_index)
    piece.legal_basis.add(provision)
    piece.save_revision().publish()
    assert flagged() == {}


def test_only_provisions_changed_since_publishing_are_named(explainer_index):
    earlier, later = LegalProvisionFactory(), LegalProvisionFactory()
    supersede(earlier)
    piece = PolicyExplainerPageFactory(parent=explainer_index)
    piece.legal_basis.add(earlier, later)
    piece.save_revision().publish()
    supersede(later)
    assert flagged() == {piece.material_code: f"{later} ({later.get_status_display()})"}
