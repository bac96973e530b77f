"""Filters on lists of sessions, shared by the officer screens and reports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.days import end_of, start_of
from campaigns.forms import AreaChoiceField
from campaigns.models import Area, Campaign, OutreachSession
from locales.registry import language_choices


class SessionFilterForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.all(), required=False
    )
    area = AreaChoiceField(
        label=_("Area"), queryset=Area.objects.order_by("path"), required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *OutreachSession.Kind.choices],
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=lambda: [
            ("", _("All languages")),
            *language_choices(label="{autonym} ({english_name})"),
        ],
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def filter(self, sessions):
        if not self.is_valid():
            return sessions
        values = self.cleaned_data
        if values["campaign"]:
            sessions = sessions.filter(
                campaign__in=values["campaign"].with_descendants()
            )
        if values["area"]:
            sessions = sessions.filter(area__path__startswith=values["area"].path)
        if values["kind"]:
            sessions = sessions.filter(kind=values["kind"])
        if values["language"]:
            sessions = sessions.filter(spoken_languages__language=values["language"])
        if values["since"]:
            sessions = sessions.filter(starts_at__gte=start_of(values["since"]))
        if values["until"]:
            sessions = sessions.filter(starts_at__lt=end_of(values["until"]))
        return sessions

    def query_without_page(self) -> str:
        """The filters as a query string, for links to other pages."""
        if not self.is_bound:
            return ""
        data = self.data.copy()
        data.pop("page", None)
        return data.urlencode()
