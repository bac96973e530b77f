"""For each campaign: the languages its people speak against the languages
its toolkit exists in."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from campaigns.area_scope import AreaScope
from campaigns.models import Campaign, OutreachSession, SessionLanguage
from campaigns.reports.base import NUMBER, CampaignReportView, Column
from campaigns.reports.filters import matching_sessions
from locales.matrix import worst_states
from locales.registry import language_label, source_language_code
from locales.states import TranslationState


@dataclass
class GapRow:
    campaign: Campaign
    language: str
    needed_by: str
    pieces: int
    approved: int
    missing: int
    outdated: int
    unreviewed: int

    @property
    def ready(self) -> str:
        return f"{self.approved}/{self.pieces}"

    @property
    def status(self) -> str:
        """A campaign with no pieces has nothing to hand out in any language."""
        if not self.pieces:
            return _("No toolkit pieces")
        return _("Ready") if self.approved == self.pieces else _("Gap")


class LanguageGapReportView(CampaignReportView):
    """Languages a campaign needs (its toolkit languages, its audiences'
    languages, languages spoken at its sessions) and, for each, how many of
    its toolkit pieces are approved, missing, outdated or not yet reviewed."""

    page_title = _("Language gap")
    header_icon = "globe"
    index_url_name = "language_gap_report"
    index_results_url_name = "language_gap_report_results"
    filter_fields = ("campaign", "area", "kind", "since", "until")
    export_name = "language-gap"
    report_columns = [
        Column("campaign", _("Campaign")),
        Column("language", _("Language")),
        Column("needed_by", _("Needed because")),
        # The screen reads "approved of how many" in one column ("3/5"); the
        # spreadsheets keep both as numbers.
        Column("pieces", _("Toolkit pieces"), NUMBER, on_screen=False),
        Column("approved", _("Approved"), NUMBER, on_screen=False),
        Column("ready", _("Approved"), exported=False),
        Column("missing", _("Missing"), NUMBER, total=True),
        Column("outdated", _("Outdated"), NUMBER, total=True),
        Column("unreviewed", _("Draft or in review"), NUMBER, total=True),
        Column("status", _("Status")),
    ]

    def get_rows(self, filters):
        campaigns = self.scope.narrow(Campaign.objects.all())
        if campaign := filters.get("campaign"):
            campaigns = campaigns.filter(pk__in=campaign.with_descendants())
        if area := filters.get("area"):
            campaigns = AreaScope((area.path,)).campaigns(campaigns)
        campaigns = list(
            Campaign.objects.filter(pk__in=campaigns.values("pk"))
            .prefetch_related("toolkit")
            .order_by("name")
        )
        sessions = matching_sessions(
            self.scope.narrow(OutreachSession.objects.counted()),
            {**filters, "campaign": None},
        )
        needs = needed_languages(campaigns, sessions)
        piece_ids = {item.piece_id for c in campaigns for item in c.toolkit.all()}
        pieces = Page.objects.filter(pk__in=piece_ids).specific()
        worst = worst_states(pieces)
        rows = []
        for campaign in campaigns:
            toolkit = [item.piece_id for item in campaign.toolkit.all()]
            if not toolkit and not needs[campaign.pk]:
                # No pieces and no language asked for yet: still a gap.
                rows.append(GapRow(campaign, "—", "", 0, 0, 0, 0, 0))
            for code, reasons in sorted(needs[campaign.pk].items()):
                counts = defaultdict(int)
                for piece_id in toolkit:
                    counts[worst.get((piece_id, code), TranslationState.MISSING)] += 1
                rows.append(
                    GapRow(
                        campaign=campaign,
                        language=language_label(code),
                        needed_by=", ".join(str(reason) for reason in sorted(reasons)),
                        pieces=len(toolkit),
                        approved=counts[TranslationState.APPROVED],
                        missing=counts[TranslationState.MISSING],
                        outdated=counts[TranslationState.OUTDATED],
                        unreviewed=counts[TranslationState.DRAFT]
                        + counts[TranslationState.NEEDS_REVIEW],
                    )
                )
        return rows


def needed_languages(campaigns, sessions) -> dict:
    """{campaign pk: {language: reasons}}, in four queries: the toolkit's
    languages, and those spoken at, or of the audiences of, `sessions` of the
    campaign or of any campaign under it."""
    needs = defaultdict(lambda: defaultdict(set))
    trees = Campaign.descendants_of([campaign.pk for campaign in campaigns])
    tops = defaultdict(set)
    for top, tree in trees.items():
        for pk in tree:
            tops[pk].add(top)
    for campaign in campaigns:
        for code in campaign.languages:
            needs[campaign.pk][code].add(_("toolkit"))
    sessions = sessions.filter(campaign__in=list(tops))
    spoken = (
        SessionLanguage.objects.filter(session__in=sessions)
        .values_list("session__campaign_id", "language")
        .distinct()
    )
    for campaign_id, code in spoken:
        for top in tops[campaign_id]:
            needs[top][code].add(_("spoken at sessions"))
    audiences = (
        OutreachSession.audiences.through.objects.filter(outreachsession__in=sessions)
        .values_list("outreachsession__campaign_id", "audience__languages")
        .distinct()
    )
    for campaign_id, languages in audiences:
        for code in languages or []:
            for top in tops[campaign_id]:
                needs[top][code].add(_("audiences"))
    source = source_language_code()
    return {
        pk: {code: reasons for code, reasons in needs[pk].items() if code != source}
        for pk in trees
    }
