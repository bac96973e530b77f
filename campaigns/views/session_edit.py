"""Correcting a saved session and withdrawing one logged by mistake, from the
officer's screens. The officer who logged or held a session may do both, as
may those who keep the office's records; every change goes to the audit log
with what the session said before and after."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from campaigns.area_scope import scope_of
from campaigns.correction_forms import (
    CorrectionMaterialFormSet,
    CorrectionOutcomeFormSet,
    SessionCorrectionForm,
    WithdrawalForm,
    date_material_versions,
)
from campaigns.forms import toolkit_material
from campaigns.models import OutreachSession
from campaigns.session_admin import WITHDRAW_ACTION
from campaigns.session_history import record_correction, snapshot
from campaigns.session_rights import may_correct
from campaigns.views.officer import LOGIN_URL


def session_to_correct(request, pk) -> OutreachSession:
    """The session, if this person may correct it and it still counts."""
    sessions = scope_of(request.user).narrow(OutreachSession.objects.all())
    session = get_object_or_404(sessions.select_related("campaign", "area"), pk=pk)
    if not may_correct(request.user, session):
        raise PermissionDenied
    return session


@login_required(login_url=LOGIN_URL)
def correct_session(request, pk):
    """The session form, filled in with what the session says."""
    session = session_to_correct(request, pk)
    if session.withdrawn:
        messages.error(request, _("A withdrawn session cannot be corrected."))
        return redirect("officer:session", pk=session.pk)
    data = request.POST if request.method == "POST" else None
    form = SessionCorrectionForm(data, instance=session, officer=request.user)
    outcomes = CorrectionOutcomeFormSet(data, instance=session, prefix="outcome")
    materials = CorrectionMaterialFormSet(data, instance=session, prefix="material")
    if data is not None:
        if form.is_valid() and outcomes.is_valid() and materials.is_valid():
            with transaction.atomic():
                before = snapshot(session)
                form.save_changes()
                outcomes.save()
                materials.save()
                date_material_versions(session)
                changed = record_correction(session, before, request.user)
            if changed:
                messages.success(request, _("The session was corrected."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("officer:session", pk=session.pk)
        messages.error(
            request, _("The correction was not saved: see the marked fields.")
        )
    return render(
        request,
        "campaigns/officer/session_edit.html",
        {
            "session": session,
            "form": form,
            "outcomes": outcomes,
            "materials": materials,
            "toolkit_material": toolkit_material(),
        },
        status=400 if data is not None else 200,
    )


@login_required(login_url=LOGIN_URL)
def withdraw_session(request, pk):
    """Take a session logged by mistake out of every figure, with the
    reason; it stays on record."""
    session = session_to_correct(request, pk)
    if session.withdrawn:
        messages.info(request, _("This session was already withdrawn."))
        return redirect("officer:session", pk=session.pk)
    form = WithdrawalForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        with transaction.atomic():
            session.withdrawn_at = timezone.now()
            session.withdrawn_by = request.user
            session.withdrawal_reason = form.cleaned_data["reason"]
            session.save(
                update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"]
            )
            log(
                instance=session,
                action=WITHDRAW_ACTION,
                user=request.user,
                data={"reason": session.withdrawal_reason},
            )
        messages.success(
            request, _("The session was withdrawn: it no longer counts in figures.")
        )
        return redirect("officer:session", pk=session.pk)
    return render(
        request,
        "campaigns/officer/session_withdraw.html",
        {"session": session, "form": form},
        status=400 if form.is_bound else 200,
    )
