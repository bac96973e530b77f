"""The translator view: one piece in one language, source beside target."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from locales.matrix import PIECE_MODELS
from locales.permissions import can_review, can_translate
from locales.registry import get_language
from locales.states import TranslationState, target_languages
from locales.translation_sheet import (
    baseline_of,
    build_sheet,
    posted_texts,
    working_texts,
)
from locales.workflow import record_translation, records_for, review, working_text


def translate_url(piece, language: str) -> str:
    content_type = ContentType.objects.get_for_model(piece)
    return reverse("translate_piece", args=[content_type.pk, piece.pk, language])


class TranslatePieceView(WagtailAdminTemplateMixin, TemplateView):
    """Translate a piece field by field: the source on the left, the
    translation on the right, with what changed in the source, glossary
    hints and quality warnings. Reviewers approve or send back here."""

    template_name = "locales/translate_piece.html"
    header_icon = "globe"
    page_title = gettext_lazy("Translate")

    def dispatch(self, request, content_type_id, pk, language):
        self.piece = self.get_piece(content_type_id, pk)
        if language not in target_languages():
            raise Http404(_("Loa does not translate into “%s”.") % language)
        self.language = get_language(language)
        if not can_translate(request.user, self.piece, language):
            raise PermissionDenied
        self.can_review = can_review(request.user, self.piece, language)
        return super().dispatch(request)

    def get_piece(self, content_type_id, pk):
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist as error:
            raise Http404 from error
        if model not in PIECE_MODELS:
            raise Http404
        piece = model.objects.filter(pk=pk).first()
        if piece is None:
            raise Http404
        return piece.specific if hasattr(piece, "specific") else piece

    def get_page_subtitle(self):
        return f"{self.piece} → {self.language.autonym}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("translation_matrix"), "label": _("Translation matrix")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, posted=None, **kwargs):
        context = super().get_context_data(**kwargs)
        sheet = build_sheet(self.piece, self.language.code, posted)
        context.update(
            sheet=sheet,
            piece=self.piece,
            content_type_id=ContentType.objects.get_for_model(self.piece).pk,
            language=self.language,
            can_review=self.can_review,
            other_languages=[
                get_language(code)
                for code in target_languages()
                if code != self.language.code
                and can_translate(self.request.user, self.piece, code)
            ],
            States=TranslationState,
        )
        return context

    def post(self, request):
        action = request.POST.get("action")
        if action in ("save", "submit"):
            return self.save(submit=action == "submit")
        if action in ("approve", "send_back") and self.can_review:
            return self.review(approve=action == "approve")
        raise PermissionDenied

    def save(self, submit: bool):
        current = working_texts(
            self.piece, self.language.code, records_for(self.piece, self.language.code)
        )
        if request_baseline(self.request) != baseline_of(current):
            messages.error(
                self.request,
                _(
                    "Someone else saved this translation after you opened it, so "
                    "yours was not saved. Your text is still below; saving again "
                    "replaces theirs."
                ),
            )
            posted = {
                key: value
                for key, value in self.request.POST.items()
                if key.startswith("unit:")
            }
            return self.render_to_response(
                self.get_context_data(posted=posted), status=409
            )
        changed = posted_texts(self.piece, self.language.code, self.request.POST)
        for field, text in changed.items():
            record_translation(
                self.piece, field, self.language.code, self.request.user, text=text
            )
        if submit:
            self.submit()
        elif changed:
            messages.success(self.request, _("Saved as a draft."))
        else:
            messages.info(self.request, _("Nothing changed."))
        return redirect(self.request.path)

    def submit(self):
        sheet = build_sheet(self.piece, self.language.code)
        empty = [
            row.unit.label or section.label
            for section in sheet.sections
            for row in section.rows
            if not row.target.strip()
        ]
        if empty:
            messages.warning(
                self.request,
                _("Saved as a draft, not submitted: %(count)d parts are empty.")
                % {"count": len(empty)},
            )
            return
        for section in sheet.sections:
            if section.state != TranslationState.APPROVED:
                record_translation(
                    self.piece,
                    section.name,
                    self.language.code,
                    self.request.user,
                    submit=True,
                    text=working_text(
                        self.piece, section.name, self.language.code, section.record
                    ),
                )
        messages.success(self.request, _("Submitted for review."))

    def review(self, approve: bool):
        sheet = build_sheet(self.piece, self.language.code)
        waiting = sheet.waiting_for_review
        comment = self.request.POST.get("comment", "").strip()
        if not waiting:
            messages.info(self.request, _("Nothing here is waiting for review."))
        elif not approve and not comment:
            messages.error(
                self.request,
                _("Say what needs changing: send a translation back with a comment."),
            )
        else:
            try:
                review(self.piece, waiting, self.request.user, approve, comment)
            except ValidationError as error:
                messages.error(self.request, " ".join(error.messages))
            else:
                messages.success(
                    self.request,
                    _("Approved and published.") if approve else _("Sent back."),
                )
        return redirect(self.request.path)


def request_baseline(request) -> str:
    return request.POST.get("baseline", "")
