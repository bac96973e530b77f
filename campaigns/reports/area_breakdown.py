"""Progress by area: for a target (or a campaign and an indicator), each area
under it that has figures, with its own target and shortfall, and the
sessions, attendance and material that reached it, rolled up the tree."""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.ui import tables

from campaigns.area_rollup import AreaFigures, Question, breakdown
from campaigns.area_scope import scope_of
from campaigns.figures import plain
from campaigns.models import Area, Campaign, Indicator, Target
from campaigns.reports.base import NUMBER, PERCENT, CampaignReportView, Column


class TargetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, target):
        where = target.area.label if target.area else target.campaign
        return (
            f"{target.indicator} — {where} "
            f"({target.starts_on:%d/%m/%Y} – {target.ends_on:%d/%m/%Y})"
        )


class AreaBreakdownForm(forms.Form):
    target = TargetChoiceField(
        label=_("Target"), queryset=Target.objects.none(), required=False
    )
    campaign = forms.ModelChoiceField(
        label=_("or campaign"), queryset=Campaign.objects.none(), required=False
    )
    indicator = forms.ModelChoiceField(
        label=_("and indicator"), queryset=Indicator.objects.all(), required=False
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("tree", _("By area")), ("shortfall", _("Largest shortfall first"))],
    )

    def __init__(self, data=None, *, scope, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["target"].queryset = scope.narrow(
            Target.objects.select_related("indicator", "area", "campaign")
        ).order_by("indicator__name", "area__path", "-starts_on", "pk")
        self.fields["campaign"].queryset = scope.narrow(Campaign.objects.all())

    def question(self) -> Question | None:
        """What the choices ask, or None until a target or a campaign and an
        indicator are chosen."""
        if not self.is_valid():
            return None
        target = self.cleaned_data.get("target")
        if target is not None:
            return Question(
                target.indicator,
                [target.area] if target.area else list(target.campaign.areas.all()),
                target.starts_on,
                target.ends_on,
                target.campaign,
            )
        campaign = self.cleaned_data.get("campaign")
        indicator = self.cleaned_data.get("indicator")
        if campaign is None or indicator is None:
            return None
        # A campaign without areas is a national one.
        roots = list(campaign.areas.all()) or list(Area.get_root_nodes())
        return Question(
            indicator, roots, campaign.starts_on, campaign.ends_on, campaign
        )


class IndentedColumn(tables.Column):
    """The area's name, set in under the area that holds it."""

    cell_template_name = "campaigns/reports/area_cell.html"


class TargetColumn(tables.Column):
    """The area's own target, leading to its progress over time."""

    cell_template_name = "campaigns/reports/target_cell.html"


class PercentColumn(tables.Column):
    cell_template_name = "campaigns/reports/percent_cell.html"


def _number(value):
    return "" if value is None else plain(value)


@dataclass
class BreakdownRow:
    figures: AreaFigures

    @property
    def area(self) -> str:
        return self.figures.area.name

    @property
    def indent(self) -> str:
        return "\u00a0" * 4 * self.figures.depth

    @property
    def level(self) -> str:
        return self.figures.area.get_level_display()

    @property
    def measured(self):
        return _number(self.figures.measured)

    @property
    def basis(self) -> str:
        return {"reported": _("Reported"), "sessions": _("Logged at sessions")}.get(
            self.figures.basis, ""
        )

    @property
    def target_value(self):
        target = self.figures.target
        return "" if target is None else plain(target.value)

    @property
    def share(self):
        return _number(self.figures.share)

    @property
    def shortfall(self):
        return _number(self.figures.shortfall)

    @property
    def sessions(self) -> int:
        return self.figures.sessions

    @property
    def attendance(self) -> int:
        return self.figures.attendance

    @property
    def material(self) -> int:
        return self.figures.material


def _by_shortfall(row: BreakdownRow):
    shortfall = row.figures.shortfall
    return (shortfall is None, -(shortfall or Decimal(0)), row.figures.area.path)


class AreaBreakdownReportView(CampaignReportView):
    """Where a target stands area by area, for who follows campaigns: what
    each district, commune and village reported against its own target, and
    the sessions held there. Only areas in the reader's own areas appear."""

    page_title = _("Progress by area")
    header_icon = "site"
    index_url_name = "area_breakdown_report"
    index_results_url_name = "area_breakdown_report_results"
    filter_form_class = AreaBreakdownForm
    export_name = "progress-by-area"
    report_columns = [
        Column("area", _("Area"), cell=IndentedColumn),
        Column("level", _("Level")),
        Column("measured", _("Measured"), NUMBER),
        Column("basis", pgettext_lazy("where a figure comes from", "Source")),
        Column("target_value", _("Target"), NUMBER, cell=TargetColumn),
        Column("share", _("Share of target"), PERCENT, cell=PercentColumn),
        Column("shortfall", _("Shortfall"), NUMBER),
        Column("sessions", _("Sessions"), NUMBER),
        Column("attendance", _("Attendance"), NUMBER),
        Column("material", _("Material used (copies, broadcasts)"), NUMBER),
    ]

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = AreaBreakdownForm(
                self.request.GET or None, scope=scope_of(self.request.user)
            )
        return self._filter_form

    def export_about(self) -> list[str]:
        form = self.get_filter_form()
        question = form.question()
        if question is None:
            return [self.export_name]
        return [self.export_name, str(question.indicator), *map(str, question.roots)]

    @cached_property
    def no_results_message(self):
        if self.get_filter_form().question() is None:
            return _("Choose a target, or a campaign and an indicator.")
        return _("No area under it has figures, sessions or material.")

    def get_queryset(self):
        form = self.get_filter_form()
        question = form.question()
        if question is None:
            return []
        rows = [
            BreakdownRow(figures)
            for figures in breakdown(question, scope_of(self.request.user))
        ]
        if form.cleaned_data.get("order") == "shortfall":
            rows.sort(key=_by_shortfall)
        return rows
