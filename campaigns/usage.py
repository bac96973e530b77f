"""Where a piece of material was used: sessions, campaigns, languages,
quantities, and what came of those sessions."""

from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.template.loader import render_to_string

from campaigns.models import Campaign, Indicator, MaterialUse, SessionOutcome
from campaigns.plausibility import session_indicators


@dataclass
class PieceUsage:
    sessions: int = 0
    campaigns: list = field(default_factory=list)
    uses: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)


def usage_of(piece_id: int) -> PieceUsage:
    """Four queries, however many sessions used the piece."""
    uses = MaterialUse.objects.counted().filter(piece_id=piece_id)
    session_ids = uses.values("session_id")
    by_language = list(
        uses.values("language", "format")
        .annotate(quantity=Sum("quantity"), sessions=Count("session", distinct=True))
        .order_by("language", "format")
    )
    formats = dict(MaterialUse.Format.choices)
    for row in by_language:
        row["format_label"] = formats.get(row["format"], row["format"])
    return PieceUsage(
        sessions=uses.values("session_id").distinct().count(),
        campaigns=list(
            Campaign.objects.filter(sessions__in=session_ids)
            .distinct()
            .order_by("name")
        ),
        uses=by_language,
        outcomes=outcomes_of_sessions(session_ids),
    )


def outcomes_of_sessions(session_ids) -> list[dict]:
    """What the sessions achieved, summed per indicator. Only indicators a
    session can produce are summed: an outcome logged on a percentage before
    the rules refused it is listed for correction, never added up."""
    return list(
        SessionOutcome.objects.filter(session_id__in=session_ids)
        .filter(indicator__in=Indicator.objects.filter(session_indicators()))
        .values("indicator__name", "indicator__unit")
        .annotate(total=Sum("value"))
        .order_by("indicator__name")
    )


def outcomes_per_session(session_ids) -> list[dict]:
    """The same sums, per session: for a report that adds up the sessions of
    each of its rows itself."""
    return list(
        SessionOutcome.objects.filter(session_id__in=session_ids)
        .filter(indicator__in=Indicator.objects.filter(session_indicators()))
        .values("session_id", "indicator__name")
        .annotate(total=Sum("value"))
        .order_by()
    )


def where_used_html(piece) -> str:
    return render_to_string(
        "campaigns/panels/where_used.html",
        {"usage": usage_of(piece.pk), "piece": piece},
    )
