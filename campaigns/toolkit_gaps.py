"""Toolkit pieces missing in the languages their campaigns need: for each
campaign planned or running, each piece of its toolkit with no translation
yet in one of the campaign's toolkit languages."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page

from campaigns.models import Campaign
from locales.matrix import worst_states
from locales.queue import translate_url
from locales.registry import language_label, source_language_code
from locales.states import TranslationState


@dataclass(frozen=True)
class MissingPiece:
    title: str
    code: str
    language: str
    url: str

    @property
    def language_label(self) -> str:
        return language_label(self.language)


@dataclass
class CampaignGaps:
    campaign: Campaign
    missing: list[MissingPiece] = field(default_factory=list)


def toolkit_gaps(campaigns=None) -> list[CampaignGaps]:
    """The campaigns still to be run (planned or running) whose toolkit
    lacks a language they need, each with the pieces missing. The state of
    every piece is read at once (`locales.matrix.worst_states`)."""
    if campaigns is None:
        campaigns = Campaign.objects.filter(
            status__in=[Campaign.Status.PLANNED, Campaign.Status.RUNNING]
        )
    campaigns = list(campaigns.prefetch_related("toolkit").order_by("ends_on", "name"))
    piece_ids = {item.piece_id for c in campaigns for item in c.toolkit.all()}
    pieces = {
        page.pk: page for page in Page.objects.filter(pk__in=piece_ids).specific()
    }
    worst = worst_states(pieces.values())
    source = source_language_code()
    found = []
    for campaign in campaigns:
        gaps = CampaignGaps(campaign)
        for item in campaign.toolkit.all():
            piece = pieces.get(item.piece_id)
            if piece is None:
                continue
            content_type = ContentType.objects.get_for_model(piece)
            for language in campaign.languages or []:
                if language == source:
                    continue
                state = worst.get((piece.pk, language), TranslationState.MISSING)
                if state == TranslationState.MISSING:
                    gaps.missing.append(
                        MissingPiece(
                            piece.title,
                            getattr(piece, "material_code", ""),
                            language,
                            translate_url(content_type.pk, piece.pk, language),
                        )
                    )
        if gaps.missing:
            found.append(gaps)
    return found
