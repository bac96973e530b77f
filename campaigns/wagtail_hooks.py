"""Admin set-up for campaigns: one menu for campaigns, sessions, targets,
measurements, indicators, areas and partners, and the campaign reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from campaigns.admin_columns import day_column, value_column
from campaigns.admin_scope import InScopeModelViewSet
from campaigns.dashboard import campaign_panels
from campaigns.models import (
    Area,
    AreaAssignment,
    Campaign,
    Indicator,
    Measurement,
    OutreachSession,
    Partner,
    Target,
)
from campaigns.reports.area_breakdown import AreaBreakdownReportView
from campaigns.reports.base import may_read_reports
from campaigns.reports.figures_to_check import FiguresToCheckReportView
from campaigns.reports.language_gap import LanguageGapReportView
from campaigns.reports.outcomes import OutcomesReportView
from campaigns.reports.print_runs import PrintRunsReportView
from campaigns.reports.progress import CampaignProgressReportView
from campaigns.reports.progress_history import ProgressHistoryView
from campaigns.reports.session_rows import SessionRowsReportView
from campaigns.reports.sessions import SessionsReportView
from campaigns.reports.where_used import WhereUsedReportView
from campaigns.session_admin import (
    WITHDRAW_ACTION,
    WITHDRAW_LABELS,
    SessionEditView,
    register_session_actions,
)
from campaigns.views.field_kits import (
    FieldKitDetailView,
    FieldKitIndexView,
    FieldKitRetryView,
)


class CampaignViewSet(InScopeModelViewSet):
    """Campaigns with their period, areas, toolkit and languages."""

    model = Campaign
    icon = "calendar-alt"
    list_display = ["name", "kind", "starts_on", "ends_on", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "organising_unit"]


class OutreachSessionViewSet(InScopeModelViewSet):
    """Every session logged, with its material, outcomes and questions."""

    model = OutreachSession
    icon = "group"
    edit_view_class = SessionEditView
    list_display = ["__str__", "campaign", "attendance", "logged_by", "withdrawn_at"]
    list_filter = ["campaign", "kind"]
    ordering = ["-starts_at"]


class TargetViewSet(InScopeModelViewSet):
    """What campaigns and areas aim to reach."""

    model = Target
    icon = "pick"
    list_display = [
        "indicator",
        "campaign",
        "area",
        day_column(Target, "starts_on"),
        day_column(Target, "ends_on"),
        value_column(Target),
    ]
    list_filter = ["campaign", "indicator"]


class MeasurementViewSet(InScopeModelViewSet):
    """Figures reported for areas, with their source."""

    model = Measurement
    icon = "table"
    list_display = [
        "indicator",
        "area",
        day_column(Measurement, "measured_on"),
        value_column(Measurement),
        "source",
    ]
    list_filter = ["indicator"]


class IndicatorViewSet(ModelViewSet):
    """What campaigns count."""

    model = Indicator
    icon = "order"
    list_display = ["name", "code", "unit", "aggregation"]


class AreasFromFilesOnly(ModelPermissionPolicy):
    """Areas are created by loading a CSV file, which places them in the
    tree; the admin corrects names, codes and levels."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Area, AreasFromFilesOnly(Area))


class AreaViewSet(InScopeModelViewSet):
    """The administrative tree (load it with `manage.py load_areas FILE`)."""

    model = Area
    icon = "site"
    list_display = ["name", "level", "code"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    form_fields = ["name", "code", "level"]
    add_to_admin_menu = False
    inspect_view_enabled = True


class PartnerViewSet(ModelViewSet):
    """Organisations that hold sessions with the office."""

    model = Partner
    icon = "user"
    form_fields = ["name"]


class AreaAssignmentViewSet(ModelViewSet):
    """Who works in which areas: a person given a province, district or
    commune sees and logs only what lies inside it; a person given none works
    for the whole country."""

    model = AreaAssignment
    icon = "site"
    menu_label = _("Areas of work")
    add_to_settings_menu = True
    list_display = ["user", "area"]
    search_fields = ["user__username", "area__name"]
    form_fields = ["user", "area"]


class FieldKitMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("campaigns.view_fieldkit")


class FieldKitViewSet(ViewSet):
    """Field kits: a campaign's material in chosen languages, in one ZIP."""

    icon = "download"
    menu_label = _("Field kits")
    menu_item_class = FieldKitMenuItem

    def get_urlpatterns(self):
        return [
            path("", FieldKitIndexView.as_view(), name="index"),
            path("<int:pk>/", FieldKitDetailView.as_view(), name="detail"),
            path("<int:pk>/retry/", FieldKitRetryView.as_view(), name="retry"),
        ]


class CampaignsGroup(ViewSetGroup):
    menu_label = _("Campaigns")
    menu_icon = "calendar-alt"
    menu_order = 250
    items = (
        CampaignViewSet("campaigns"),
        OutreachSessionViewSet("outreach_sessions"),
        TargetViewSet("targets"),
        MeasurementViewSet("measurements"),
        IndicatorViewSet("indicators"),
        AreaViewSet("areas"),
        PartnerViewSet("partners"),
        FieldKitViewSet("field_kits"),
    )


@hooks.register("register_admin_viewset")
def register_campaigns():
    return CampaignsGroup()


@hooks.register("register_admin_viewset")
def register_area_assignments():
    return AreaAssignmentViewSet("area_assignments")


hooks.register("register_actions", register_session_actions)


@hooks.register("register_log_actions")
def register_withdrawal(actions):
    actions.register_action(WITHDRAW_ACTION, *WITHDRAW_LABELS)


REPORTS = [
    ("campaign-progress", "campaign_progress_report", CampaignProgressReportView),
    ("sessions", "sessions_report", SessionsReportView),
    ("session-rows", "session_rows_report", SessionRowsReportView),
    ("outcomes", "outcomes_report", OutcomesReportView),
    ("where-used", "where_used_report", WhereUsedReportView),
    ("language-gap", "language_gap_report", LanguageGapReportView),
    ("figures-to-check", "figures_to_check_report", FiguresToCheckReportView),
    ("progress-by-area", "area_breakdown_report", AreaBreakdownReportView),
    ("print-runs", "print_runs_report", PrintRunsReportView),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = [
        path(
            "reports/campaign-progress/<int:target_pk>/",
            ProgressHistoryView.as_view(),
            name="campaign_progress_history",
        )
    ]
    for slug, name, view in REPORTS:
        urls += [
            path(f"reports/{slug}/", view.as_view(), name=name),
            path(
                f"reports/{slug}/results/",
                view.as_view(results_only=True),
                name=f"{name}_results",
            ),
        ]
    return urls


class CampaignReportMenuItem(MenuItem):
    """Shown only to those who may read the campaign reports."""

    def is_shown(self, request):
        return may_read_reports(request.user)


def _report_menu_item(name, view, order):
    return CampaignReportMenuItem(
        view.page_title, reverse(name), icon_name=view.header_icon, order=order
    )


for _order, (_slug, _name, _view) in enumerate(REPORTS):
    hooks.register(
        "register_reports_menu_item",
        lambda name=_name, view=_view, order=_order: _report_menu_item(
            name, view, 800 + order
        ),
    )


@hooks.register("construct_homepage_panels")
def add_campaign_panels(request, panels):
    panels.extend(campaign_panels(request))
