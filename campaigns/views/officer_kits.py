"""Field kits on the officer's screens: ask for a campaign's kit in the
languages of the next sessions, and download it when it is built, to use
where there is no connection."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from campaigns.area_scope import scope_of
from campaigns.field_kit import FieldKitError, request_kit
from campaigns.field_kit_changes import changes_since, superseded
from campaigns.field_kit_jobs import notice_stopped_builds
from campaigns.forms import FieldKitForm
from campaigns.models import FieldKit
from campaigns.views.officer import officer_required

RECENT_KITS = 20


@officer_required("campaigns.view_fieldkit")
def field_kit_list(request):
    """Recent kits, and the form to ask for one (with the permission to)."""
    can_request = request.user.has_perm("campaigns.add_fieldkit")
    if request.method == "POST" and not can_request:
        raise PermissionDenied
    scope = scope_of(request.user)
    form = FieldKitForm(request.POST if request.method == "POST" else None)
    scope.limit_choices(form)
    if form.is_valid():
        try:
            kit = request_kit(
                form.cleaned_data["campaign"],
                form.cleaned_data["languages"],
                request.user,
            )
        except FieldKitError as error:
            form.add_error(None, str(error))
        else:
            return redirect("officer:field-kit", pk=kit.pk)
    notice_stopped_builds()
    kits = list(scope.narrow(FieldKit.objects.select_related("campaign"))[:RECENT_KITS])
    return render(
        request,
        "campaigns/officer/field_kit_list.html",
        {
            "form": form if can_request else None,
            "kits": kits,
            "superseded": superseded(kits),
        },
        status=400 if form.errors else 200,
    )


@officer_required("campaigns.view_fieldkit")
def field_kit_detail(request, pk):
    """One kit: building, ready to download (and whether it is still
    current), or failed, with why and a button to build it again."""
    kits = scope_of(request.user).narrow(FieldKit.objects.all())
    kit = get_object_or_404(kits.select_related("campaign"), pk=pk)
    if notice_stopped_builds(FieldKit.objects.filter(pk=kit.pk)):
        kit.refresh_from_db()
    ready = kit.status == FieldKit.Status.READY
    return render(
        request,
        "campaigns/officer/field_kit_detail.html",
        {
            "kit": kit,
            "building": kit.in_flight,
            "changes": changes_since(kit) if ready else [],
            "can_request": request.user.has_perm("campaigns.add_fieldkit"),
        },
    )


@require_POST
@officer_required("campaigns.add_fieldkit")
def field_kit_retry(request, pk):
    """Build a failed (or superseded) kit again: the kit as things stand now,
    in the same languages."""
    kits = scope_of(request.user).narrow(FieldKit.objects.all())
    kit = get_object_or_404(kits.select_related("campaign"), pk=pk)
    try:
        kit = request_kit(kit.campaign, kit.languages, request.user)
    except FieldKitError as error:
        messages.error(request, str(error))
    return redirect("officer:field-kit", pk=kit.pk)
