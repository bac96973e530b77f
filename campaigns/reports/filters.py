"""The filters above every campaign report: campaign (with the campaigns
under it), area (with everything inside it), kind, language and a range of
days, each report keeping the ones that make sense for its rows.

Campaigns and areas are those of the reader's scope: a choice outside it,
even typed into the address, is refused as not one of the available choices,
and the report then shows nothing."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.area_scope import AreaScope, scope_of
from campaigns.days import end_of, start_of
from campaigns.filters import SessionFilterForm
from campaigns.models import Area, Campaign

ALL_FILTERS = ("campaign", "area", "kind", "language", "since", "until")


class ReportFilterForm(SessionFilterForm):
    """`SessionFilterForm` for one reader: `fields` names the filters the
    report keeps (and any the subclass adds are kept too)."""

    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("All areas"),
    )

    def __init__(self, data=None, *, user, fields=ALL_FILTERS, **kwargs):
        super().__init__(data, **kwargs)
        self.scope = scope_of(user)
        for name in set(ALL_FILTERS) - set(fields):
            del self.fields[name]
        if "campaign" in self.fields:
            campaign = self.fields["campaign"]
            campaign.queryset = self.scope.narrow(Campaign.objects.order_by("name"))
            campaign.empty_label = _("All campaigns")
        if "area" in self.fields:
            self.fields["area"].queryset = self.scope.areas().order_by("path")
            # Called only when the form is drawn: exports do not ask.
            self.fields["area"].widget.choices = self._offered_areas

    def _offered_areas(self) -> list:
        """The reader's own areas and the level under them (nationally, the
        provinces), and the area chosen: the whole country's communes would
        make a list of thousands. Any area in scope is accepted."""
        if hasattr(self, "_offered"):
            return self._offered
        areas = self.scope.areas()
        if self.scope.national:
            shown = Q(depth=1)
        else:
            top = min(map(len, self.scope.paths), default=0) // Area.steplen
            shown = Q(depth__lte=top + 1)
        chosen = self.data.get("area") if self.is_bound else None
        if chosen and str(chosen).isdigit():
            shown |= Q(pk=chosen)
        self._offered = [("", _("All areas"))] + [
            (area.pk, area.label)
            for area in areas.filter(shown).order_by("path").only("name", "level")
        ]
        return self._offered

    def values(self) -> dict | None:
        """The filters chosen; None when one is refused (nothing is shown)."""
        if not self.is_bound:
            return {}
        return self.cleaned_data if self.is_valid() else None


def matching_sessions(queryset, filters: dict, prefix: str = ""):
    """Rows of `queryset` whose session (reached through `prefix`, e.g.
    "session__") matches the filters. A language is one spoken there."""
    if campaign := filters.get("campaign"):
        queryset = queryset.filter(
            **{f"{prefix}campaign__in": campaign.with_descendants()}
        )
    if area := filters.get("area"):
        queryset = queryset.filter(AreaScope((area.path,)).inside(f"{prefix}area"))
    if kind := filters.get("kind"):
        queryset = queryset.filter(**{f"{prefix}kind": kind})
    if language := filters.get("language"):
        queryset = queryset.filter(**{f"{prefix}spoken_languages__language": language})
    if since := filters.get("since"):
        queryset = queryset.filter(**{f"{prefix}starts_at__gte": start_of(since)})
    if until := filters.get("until"):
        queryset = queryset.filter(**{f"{prefix}starts_at__lt": end_of(until)})
    return queryset
