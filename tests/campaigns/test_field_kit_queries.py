"""A field kit's plan in a fixed number of queries, however many pieces the
toolkit holds: a ready kit's page (which compares the kit with the plan of
now) takes the same queries for 10 pieces as for 1,000."""

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from wagtail.models import Page

import pytest

from campaigns.models import FieldKit, ToolkitItem
from content.models import (
    FAQAnswerPage,
    PolicyExplainerPage,
    RadioRecording,
    RadioScriptPage,
)
from tests.factories import CampaignFactory, TopicFactory
from tests.media_files import document, wav_bytes

KINDS = [
    (PolicyExplainerPage, "EXP", {"summary_vi": "Tóm tắt."}),
    (RadioScriptPage, "RAD", {"slot_seconds": 60}),
    (FAQAnswerPage, "FAQ", {"short_answer_vi": "Có."}),
]


def bulk_pieces(parent, count: int) -> list[Page]:
    """`count` live pieces of every kind under `parent`: their page rows in
    one insert, with the tree paths treebeard would give them."""
    parent = Page.objects.get(pk=parent.pk)
    pieces = []
    for number in range(count):
        model, prefix, fields = KINDS[number % len(KINDS)]
        title = f"{prefix} {number}"
        pieces.append(
            model(
                title=title,
                title_vi=title,
                draft_title=title,
                slug=f"piece-{number}",
                material_code=f"{prefix}-{5000 + number}",
                content_type=ContentType.objects.get_for_model(model),
                locale_id=parent.locale_id,
                path=Page._get_path(parent.path, parent.depth + 1, number + 1),
                depth=parent.depth + 1,
                url_path=f"{parent.url_path}piece-{number}/",
                live=True,
                **fields,
            )
        )
    Page.objects.bulk_create(pieces)
    for piece in pieces:
        # Each kind's own row: Django inserts these one model at a time.
        piece.page_ptr_id = piece.id
        piece.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=parent.pk).update(numchild=count)
    return pieces


@pytest.fixture
def kit_of(home_page):
    topic = TopicFactory()
    audio = document("loa-rad.wav", wav_bytes(1))

    def kit_of(count):
        campaign = CampaignFactory()
        pieces = bulk_pieces(home_page, count)
        ToolkitItem.objects.bulk_create(
            ToolkitItem(campaign=campaign, piece=piece, sort_order=number)
            for number, piece in enumerate(pieces)
        )
        for model, _prefix, _fields in KINDS:
            model.topics.through.objects.bulk_create(
                model.topics.through(**{model._meta.model_name: piece, "topic": topic})
                for piece in pieces
                if isinstance(piece, model)
            )
        RadioRecording.objects.bulk_create(
            RadioRecording(page=piece, language="rad", audio=audio)
            for piece in pieces
            if isinstance(piece, RadioScriptPage)
        )
        return FieldKit.objects.create(
            campaign=campaign,
            languages=["vi", "rad"],
            fingerprint="0" * 64,
            status=FieldKit.Status.READY,
            file=ContentFile(b"", name="field-kit.zip"),
        )

    return kit_of


@pytest.mark.parametrize("size", [10, 1_000])
def test_a_ready_kits_page_compares_it_with_the_plan(
    admin_client, kit_of, size, django_assert_max_num_queries
):
    kit = kit_of(size)
    # One more than before versions were numbered: the pieces' versions.
    with django_assert_max_num_queries(28):
        response = admin_client.get(f"/admin/field_kits/{kit.pk}/")
    assert response.status_code == 200
    # Nothing was in the kit: each piece in each language is new, and each
    # script's recording, and the FAQ cards in each language.
    scripts = len(range(1, size, len(KINDS)))
    assert len(response.context["changes"]) == 2 * size + scripts + 2
