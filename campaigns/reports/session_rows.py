"""Every session as a row: when, which campaign, what kind, where, how many
came, in which languages, what came of it and what material was used, for
whoever follows campaigns in a spreadsheet.

Who came and what was said stays with those who may read sessions
(`campaigns.view_outreachsession`): only they get the staff, who logged the
session, its notes, the questions asked and how many photos were taken."""

from django.db.models import Count, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from campaigns.figures import plain
from campaigns.models import MaterialUse, OutreachSession, SessionOutcome, SessionPhoto
from campaigns.reports.base import DATE, NUMBER, CampaignReportView, Column
from campaigns.reports.filters import matching_sessions

SESSION_PERMISSION = "campaigns.view_outreachsession"


def outcomes_of(session) -> str:
    return "; ".join(
        f"{outcome.indicator.name} {plain(outcome.value)}"
        for outcome in session.outcomes.all()
    )


def material_of(session) -> str:
    formats = dict(MaterialUse.Format.choices)
    return "; ".join(
        f"{use.piece.title} ({use.language}, "
        f"{formats.get(use.format, use.format)}) × {use.quantity}"
        for use in session.material_uses.all()
    )


def names(users) -> str:
    return ", ".join(user.get_full_name() or user.get_username() for user in users)


SESSION_COLUMNS = [
    Column("day", _("Date"), DATE, value=lambda session: session.local_day),
    Column("campaign", _("Campaign"), value=lambda session: session.campaign.name),
    Column("kind", _("Kind"), value=lambda session: session.get_kind_display()),
    Column("area", _("Area"), value=lambda session: session.area.label),
    Column("venue", _("Venue")),
    Column("attendance", _("Attendance"), NUMBER, total=True),
    Column(
        "languages",
        _("Languages spoken"),
        # By code: the database keeps the rows in no particular order.
        value=lambda session: ", ".join(
            sorted(row.language for row in session.spoken_languages.all())
        ),
    ),
    Column("outcomes", _("Outcomes"), value=outcomes_of),
    Column("material", _("Material used"), value=material_of),
]

# In the spreadsheets only: on screen they would make each row a page long.
PERSONAL_COLUMNS = [
    Column(
        "staff",
        _("Staff"),
        value=lambda session: names(session.staff.all()),
        on_screen=False,
    ),
    Column(
        "logged_by",
        _("Logged by"),
        value=lambda session: names([session.logged_by] if session.logged_by else []),
        on_screen=False,
    ),
    Column("notes", _("Notes"), on_screen=False),
    Column(
        "questions",
        _("Questions asked"),
        value=lambda session: "; ".join(q.text for q in session.questions.all()),
        on_screen=False,
    ),
    Column(
        "photos",
        _("Photos"),
        NUMBER,
        value=lambda session: session.photo_count,
        on_screen=False,
    ),
]


class SessionRowsReportView(CampaignReportView):
    """Each session in the reader's areas and the filters chosen, one row
    apiece, on screen and in the CSV and XLSX exports; personal details only
    for those who may read sessions."""

    page_title = _("Sessions (rows)")
    header_icon = "list-ul"
    index_url_name = "session_rows_report"
    index_results_url_name = "session_rows_report_results"
    export_name = "session-rows"

    @property
    def report_columns(self):
        if self.request.user.has_perm(SESSION_PERMISSION):
            return SESSION_COLUMNS + PERSONAL_COLUMNS
        return SESSION_COLUMNS

    def get_rows(self, filters):
        sessions = matching_sessions(
            self.scope.narrow(OutreachSession.objects.counted()), filters
        )
        self.sessions = sessions
        rows = (
            OutreachSession.objects.filter(pk__in=sessions.values("pk"))
            .select_related("campaign", "area")
            .prefetch_related(
                "spoken_languages",
                Prefetch(
                    "outcomes",
                    SessionOutcome.objects.select_related("indicator"),
                ),
                Prefetch(
                    "material_uses",
                    MaterialUse.objects.select_related("piece"),
                ),
            )
            .order_by("-starts_at", "pk")
        )
        if self.request.user.has_perm(SESSION_PERMISSION):
            rows = (
                rows.select_related("logged_by")
                .prefetch_related("staff", "questions")
                # Counted for the rows shown only, not grouped over all.
                .annotate(
                    photo_count=Coalesce(
                        Subquery(
                            SessionPhoto.objects.filter(session=OuterRef("pk"))
                            .values("session")
                            .annotate(count=Count("pk"))
                            .values("count")
                        ),
                        0,
                    )
                )
            )
        return rows

    def totals(self, rows):
        if not hasattr(self, "sessions"):
            return None
        # Over every session, not only this page's, in one query.
        figures = self.sessions.aggregate(count=Count("pk"), people=Sum("attendance"))
        shown = [column.name for column in self.report_columns if column.on_screen]
        cells = [None] * len(shown)
        count = figures["count"]
        cells[0] = ngettext(
            "Total: %(count)s session", "Total: %(count)s sessions", count
        ) % {"count": count}
        cells[shown.index("attendance")] = figures["people"] or 0
        return cells
