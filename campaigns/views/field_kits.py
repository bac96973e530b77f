"""Field kits in the admin: ask for one, watch it build, download it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from campaigns.area_scope import scope_of
from campaigns.field_kit import FieldKitError, request_kit
from campaigns.field_kit_changes import changes_since, superseded
from campaigns.field_kit_jobs import notice_stopped_builds
from campaigns.forms import FieldKitForm
from campaigns.models import FieldKit


class FieldKitViewMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    model = FieldKit
    permission_required = "view"
    header_icon = "download"

    def kits(self):
        """The kits of the campaigns that reach the areas this person works in."""
        return scope_of(self.request.user).narrow(FieldKit.objects.all())

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("field_kits:index"), "label": _("Field kits")},
            {"url": "", "label": self.get_page_title()},
        ]


class FieldKitIndexView(FieldKitViewMixin, FormView):
    """Officers pick a campaign and languages; the kit builds in the
    background and is kept until something in it changes."""

    template_name = "campaigns/field_kit/admin_index.html"
    form_class = FieldKitForm
    page_title = _("Field kits")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        scope_of(self.request.user).limit_choices(form)
        return form

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("add"):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            kit = request_kit(
                form.cleaned_data["campaign"],
                form.cleaned_data["languages"],
                self.request.user,
            )
        except FieldKitError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        return redirect("field_kits:detail", pk=kit.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notice_stopped_builds()
        context["kits"] = list(self.kits().select_related("campaign")[:20])
        context["superseded"] = superseded(context["kits"])
        context["can_request"] = self.user_has_permission("add")
        return context


class FieldKitDetailView(FieldKitViewMixin, TemplateView):
    """One kit: its progress while it builds, then its download, and
    whether anything in it has a newer version since; or why it failed,
    with a button to build it again."""

    template_name = "campaigns/field_kit/admin_detail.html"
    page_title = _("Field kit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kit = get_object_or_404(self.kits().select_related("campaign"), pk=kwargs["pk"])
        if notice_stopped_builds(FieldKit.objects.filter(pk=kit.pk)):
            kit.refresh_from_db()
        context["kit"] = kit
        context["building"] = kit.in_flight
        context["can_request"] = self.user_has_permission("add")
        if kit.status == FieldKit.Status.READY:
            context["changes"] = changes_since(kit)
        return context


class FieldKitRetryView(FieldKitViewMixin, View):
    """Build a failed (or superseded) kit again: the kit as things stand
    now, in the same languages."""

    permission_required = "add"
    http_method_names = ["post"]

    def post(self, request, pk):
        kit = get_object_or_404(self.kits().select_related("campaign"), pk=pk)
        try:
            kit = request_kit(kit.campaign, kit.languages, request.user)
        except FieldKitError as error:
            messages.error(request, str(error))
        return redirect("field_kits:detail", pk=kit.pk)
