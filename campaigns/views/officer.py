"""Screens for outreach officers: log a session from a phone, find sessions,
read one. Plain pages, light enough for a slow connection."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.log_actions import log

from campaigns.area_scope import scope_of
from campaigns.area_search import described, recent_areas, search_areas
from campaigns.filters import SessionFilterForm
from campaigns.forms import (
    MaterialUseFormSet,
    OutcomeFormSet,
    QuickSessionForm,
    toolkit_material,
)
from campaigns.models import OutreachSession, SessionQuestion
from campaigns.questions import can_promote, promote_to_faq
from campaigns.session_history import history_of
from campaigns.session_rights import CHANGE_ANY, CORRECT_OWN, may_correct

LOGIN_URL = "wagtailadmin_login"


def officer_required(permission):
    def decorate(view):
        return login_required(
            permission_required(permission, raise_exception=True)(view),
            login_url=LOGIN_URL,
        )

    return decorate


@officer_required("campaigns.add_outreachsession")
def new_session(request):
    """Log a session: the main facts first, the rest under “More details”."""
    data = request.POST if request.method == "POST" else None
    if data is not None and (saved := already_saved(data.get("submission_id"))):
        messages.info(request, _("This session was already saved."))
        return redirect("officer:session", pk=saved.pk)
    form = QuickSessionForm(
        data,
        request.FILES or None,
        initial={"submission_id": uuid.uuid4()},
        officer=request.user,
    )
    outcomes = OutcomeFormSet(data, prefix="outcome")
    materials = MaterialUseFormSet(data, prefix="material")
    if data is not None:
        if form.is_valid() and outcomes.is_valid() and materials.is_valid():
            try:
                with transaction.atomic():
                    session = form.save_for(request.user)
                    for formset in (outcomes, materials):
                        formset.instance = session
                        formset.save()
                    log(instance=session, action="wagtail.create", user=request.user)
            except IntegrityError:
                # The same form, sent twice at the same moment.
                if saved := already_saved(data.get("submission_id")):
                    return redirect("officer:session", pk=saved.pk)
                raise
            messages.success(request, _("Session saved."))
            return redirect("officer:session", pk=session.pk)
        if request.accepts("application/json") and not request.accepts("text/html"):
            # A session kept on the phone, sent by its service worker: the
            # reasons are kept with it for the officer to read and fix.
            return JsonResponse(
                {
                    "reasons": refusal_reasons(
                        form, (_("Outcomes"), outcomes), (_("Material used"), materials)
                    )
                },
                status=400,
            )
        messages.error(request, _("The session was not saved: see the marked fields."))
    return render(
        request,
        "campaigns/officer/session_form.html",
        {
            "form": form,
            "outcomes": outcomes,
            "materials": materials,
            "toolkit_material": toolkit_material(),
        },
        status=400 if data is not None else 200,
    )


def refusal_reasons(form, *headed_formsets) -> list[str]:
    """Every error of the form and of its (heading, formset) rows as
    "Label: message" lines."""
    reasons = list(form.non_field_errors())
    for name, errors in form.errors.items():
        if name != "__all__":
            reasons += [f"{form[name].label}: {error}" for error in errors]
    for heading, formset in headed_formsets:
        reasons += list(formset.non_form_errors())
        for number, row in enumerate(formset.forms, start=1):
            for name, errors in row.errors.items():
                label = row[name].label if name in row.fields else ""
                reasons += [f"{heading} {number}, {label}: {error}" for error in errors]
    return reasons


def already_saved(submission_id) -> OutreachSession | None:
    """The session a form with this `submission_id` already made, if any."""
    try:
        submission = uuid.UUID(submission_id or "")
    except ValueError:
        return None
    return OutreachSession.objects.filter(submission_id=submission).first()


def period_warning(session) -> str:
    return _(
        "This session is dated outside its campaign's period (%(start)s – %(end)s)."
    ) % {
        "start": session.campaign.starts_on.strftime("%d/%m/%Y"),
        "end": session.campaign.ends_on.strftime("%d/%m/%Y"),
    }


@login_required(login_url=LOGIN_URL)
def area_choices(request):
    """The areas the session form's area chooser offers, as JSON: those whose
    name matches `q` (typed with or without tone marks), or with no `q` the
    areas this officer logged sessions in last."""
    if not any(
        request.user.has_perm(permission)
        for permission in ("campaigns.add_outreachsession", CHANGE_ANY, CORRECT_OWN)
    ):
        raise PermissionDenied
    text = request.GET.get("q", "")
    if text.strip():
        areas = search_areas(text, scope_of(request.user))
    else:
        areas = recent_areas(request.user)
    response = JsonResponse({"results": described(areas)})
    # Personal (the officer's recent areas) and soon stale: never kept by a
    # shared cache, nor by the phone's service worker.
    response["Cache-Control"] = "private, no-store"
    return response


@officer_required("campaigns.view_outreachsession")
def session_list(request):
    """Sessions, newest first, filtered by campaign, area, kind, language and
    date."""
    scope = scope_of(request.user)
    filters = SessionFilterForm(request.GET or None)
    scope.limit_choices(filters)
    sessions = filters.filter(
        scope.narrow(OutreachSession.objects.all())
        .select_related("campaign", "area")
        .prefetch_related("spoken_languages")
    )
    page = Paginator(sessions, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "campaigns/officer/session_list.html",
        {"filters": filters, "page": page, "query": filters.query_without_page()},
    )


@officer_required("campaigns.view_outreachsession")
def session_detail(request, pk):
    sessions = scope_of(request.user).narrow(OutreachSession.objects.all())
    session = get_object_or_404(
        sessions.select_related("campaign", "area", "logged_by", "withdrawn_by"),
        pk=pk,
    )
    return render(
        request,
        "campaigns/officer/session_detail.html",
        {
            "session": session,
            "material_uses": session.material_uses.select_related("piece", "revision"),
            "outcomes": session.outcomes.select_related("indicator"),
            "questions": session.questions.select_related("faq_answer"),
            "can_promote": can_promote(request.user),
            "may_correct": may_correct(request.user, session),
            "history": history_of(session),
            "period_warning": period_warning(session)
            if session.outside_campaign_period
            else "",
        },
    )


@require_POST
@officer_required("campaigns.view_outreachsession")
def promote_question(request, pk):
    """Turn a question asked at a session into a draft FAQ answer."""
    question = get_object_or_404(
        SessionQuestion.objects.filter(scope_of(request.user).inside("session__area")),
        pk=pk,
    )
    if not can_promote(request.user):
        raise PermissionDenied
    if question.faq_answer_id is None:
        promote_to_faq(question, request.user)
        messages.success(
            request, _("A draft FAQ answer was created; write its answer in the admin.")
        )
    return redirect("officer:session", pk=question.session_id)
