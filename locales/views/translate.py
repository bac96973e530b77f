"""The translator view: one piece in one language, source beside target."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from locales.matrix import PIECE_MODELS
from locales.models import TranslationRecord
from locales.permissions import can_review, can_translate
from locales.placeholders import problems as placeholder_problems
from locales.registry import get_language
from locales.states import TranslationState, target_languages
from locales.translation_sheet import baseline_of, build_sheet, posted_units
from locales.units import units_for
from locales.workflow import review, save_unit, submit, working_units


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
        if self.holds_null_characters():
            return self.show_again(status=400)
        action = request.POST.get("action")
        if action in ("save", "submit"):
            return self.save(submit=action == "submit")
        if action in ("approve", "send_back") and self.can_review:
            return self.review(approve=action == "approve")
        raise PermissionDenied

    def posted(self) -> dict[str, str]:
        return {
            key: value.replace("\x00", "")
            for key, value in self.request.POST.items()
            if key.startswith(("unit:", "comment:"))
        }

    def holds_null_characters(self) -> bool:
        """Whether any text sent holds a null character, which no text in
        Loa may hold (PostgreSQL refuses it); says which parts. The form is
        shown again without them."""
        sent = {key for key, value in self.request.POST.items() if "\x00" in value}
        if not sent:
            return False
        labels = {
            "comment": _("Comment for the translator"),
            "override": _("Reason to approve"),
        }
        model = type(self.piece)
        for unit in units_for(self.piece, {}):
            label = unit.label or model._meta.get_field(unit.field).verbose_name
            for prefix in ("unit", "comment"):
                labels[f"{prefix}:{unit.field}:{unit.path}"] = label
        messages.error(
            self.request,
            _(
                "Text cannot contain null characters, and these parts did: "
                "%(parts)s. They were taken out below; check the text and save "
                "again."
            )
            % {"parts": ", ".join(sorted({str(labels.get(key, "?")) for key in sent}))},
        )
        return True

    def show_again(self, status: int):
        """The form as it was posted, so nothing typed is lost."""
        return self.render_to_response(
            self.get_context_data(posted=self.posted()), status=status
        )

    def overtaken(self) -> bool:
        """Whether someone saved this translation after the form was opened
        (the form's baseline no longer matches); says so if it was. A post
        with no baseline carries no text to lose."""
        if "baseline" not in self.request.POST:
            return False
        current = working_units(self.piece, self.language.code)
        if self.request.POST.get("baseline", "") == baseline_of(current):
            return False
        messages.error(
            self.request,
            _(
                "Someone else saved this translation after you opened it, so "
                "yours was not saved. Your text is still below; saving again "
                "replaces theirs."
            ),
        )
        return True

    def broken_placeholders(self, changed) -> bool:
        """Whether any changed unit lost, repeated or invented a placeholder;
        says which, by label."""
        units = {
            (unit.field, unit.path): unit
            for unit in units_for(self.piece, {})
            if (unit.field, unit.path) in changed
        }
        found = False
        for key, unit in units.items():
            for problem in placeholder_problems(unit.source, changed[key]):
                found = True
                messages.error(
                    self.request,
                    f"{unit.label or unit.field}: {problem}",
                )
        return found

    def save(self, submit: bool):
        if self.overtaken():
            return self.show_again(status=409)
        changed = posted_units(self.piece, self.language.code, self.request.POST)
        if self.broken_placeholders(changed):
            return self.show_again(status=400)
        for (field, path), text in changed.items():
            save_unit(
                self.piece, field, path, self.language.code, self.request.user, text
            )
        if submit:
            self.submit()
        elif changed:
            messages.success(self.request, _("Saved as a draft."))
        else:
            messages.info(self.request, _("Nothing changed."))
        return redirect(self.request.path)

    def submit(self):
        """Send every translated part for review; empty parts stay missing,
        so a translator can hand in what is done."""
        submitted = submit(self.piece, self.language.code, self.request.user)
        texts = working_units(self.piece, self.language.code)
        empty = [key for key, text in texts.items() if not text.strip()]
        if not submitted:
            messages.warning(self.request, _("Nothing new to submit for review."))
        elif empty:
            messages.success(
                self.request,
                _(
                    "Submitted %(submitted)d parts for review; %(empty)d parts "
                    "are still empty."
                )
                % {"submitted": len(submitted), "empty": len(empty)},
            )
        else:
            messages.success(self.request, _("Submitted for review."))

    def review(self, approve: bool):
        if self.overtaken():
            return self.show_again(status=409)
        sheet = build_sheet(self.piece, self.language.code, posted=self.posted())
        chosen = [
            row
            for row in sheet.waiting_for_review
            if self.request.POST.get(row.review_name)
            or "review_form" not in self.request.POST
        ]
        comment = self.request.POST.get("comment", "").strip()
        comments = [
            self.request.POST.get(row.comment_name, "").strip() for row in chosen
        ]
        if not chosen:
            messages.info(
                self.request,
                _("Nothing here is waiting for review.")
                if not sheet.waiting_for_review
                else _("Choose the parts to approve or send back."),
            )
            return redirect(self.request.path)
        if not approve and not comment and not all(comments):
            messages.error(
                self.request,
                _("Say what needs changing: send a translation back with a comment."),
            )
            return self.show_again(status=400)
        corrections = {
            (row.unit.field, row.unit.path): row.target.strip()
            for row in chosen
            if row.target.strip()
            and " ".join(row.target.split()) != " ".join(row.unit.target.split())
        }
        if self.broken_placeholders(corrections):
            return self.show_again(status=400)
        override = self.request.POST.get("override", "").strip()
        blocked = [row for row in chosen if row.blocking]
        override = override if blocked else ""
        if approve and blocked and not override:
            messages.error(
                self.request,
                _(
                    "%(count)d parts lose content (a number or a placeholder): "
                    "correct them, or give the reason to approve them as they are."
                )
                % {"count": len(blocked)},
            )
            return self.show_again(status=400)
        with transaction.atomic():
            return self.decide(
                chosen, corrections, approve, comment, comments, override
            )

    def decide(self, chosen, corrections, approve, comment, comments, override):
        """Save the reviewer's corrections as their revisions and approve or
        send back the chosen units, all or nothing."""
        records = []
        for row in chosen:
            key = (row.unit.field, row.unit.path)
            if key in corrections:
                records.append(
                    save_unit(
                        self.piece,
                        *key,
                        self.language.code,
                        self.request.user,
                        corrections[key],
                        status=TranslationRecord.Status.NEEDS_REVIEW,
                        revision=True,
                    )
                )
            else:
                records.append(row.record)
        try:
            review(
                self.piece,
                records,
                self.request.user,
                approve,
                comment,
                comments={
                    record.pk: said
                    for record, said in zip(records, comments, strict=True)
                },
                override=override,
            )
        except ValidationError as error:
            transaction.set_rollback(True)
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(
                self.request,
                _("Approved and published.") if approve else _("Sent back."),
            )
        return redirect(self.request.path)
