"""What the campaign reports share: a filter form above the table, and rows
computed in a fixed number of queries."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports import ReportView

from campaigns.models import Campaign


class CampaignChoiceForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=Campaign.objects.all(),
        required=False,
        empty_label=_("All campaigns"),
    )


class CampaignReportView(ReportView):
    """A report with filters given by `filter_form_class` (GET), whose rows
    are plain objects built by `get_rows(filters)`."""

    template_name = "campaigns/reports/report.html"
    filter_form_class = CampaignChoiceForm
    paginate_by = 100

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = self.filter_form_class(self.request.GET or None)
        return self._filter_form

    def get_queryset(self):
        form = self.get_filter_form()
        values = form.cleaned_data if form.is_valid() else {}
        return self.get_rows(values)

    def get_rows(self, filters: dict) -> list:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.get_filter_form()
        return context
