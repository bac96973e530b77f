"""The forms that correct a saved session: the officer's session form filled
in with what the session says, outcome and material rows that can be
removed, and the reason a session is withdrawn."""

import datetime

from django import forms
from django.db.models import Q
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.forms import (
    MaterialCodeField,
    MaterialUseForm,
    OutcomeForm,
    QuickSessionForm,
)
from campaigns.models import (
    Campaign,
    MaterialUse,
    OutreachSession,
    SessionLanguage,
    SessionOutcome,
    SessionQuestion,
    revision_live_at,
)


class SessionCorrectionForm(QuickSessionForm):
    """The session form, pre-filled. Photos are not corrected here, and a
    question already made into an FAQ answer stays as it is: the answer was
    written for it."""

    def __init__(self, data=None, *, instance: OutreachSession, officer=None):
        local = timezone.localtime(instance.starts_at)
        self.promoted = list(instance.questions.exclude(faq_answer=None))
        initial = {
            "day": local.date(),
            # A session logged without a time was saved at midnight; hours and
            # minutes only, or the phone shows a seconds box.
            "time": f"{local:%H:%M}" if local.time() != datetime.time(0) else None,
            "languages": [s.language for s in instance.spoken_languages.all()],
            "questions": "\n".join(
                q.text for q in instance.questions.filter(faq_answer=None)
            ),
        }
        super().__init__(data, instance=instance, initial=initial, officer=officer)
        del self.fields["photo"], self.fields["submission_id"]
        # The session's own campaign stays a choice once the campaign closes.
        self.fields["campaign"].queryset = Campaign.objects.filter(
            ~Q(status=Campaign.Status.CLOSED) | Q(pk=instance.campaign_id)
        )

    def save_changes(self) -> OutreachSession:
        """Save the corrected session, languages and questions; the caller
        wraps this and the formsets in one transaction."""
        session = self.save(commit=False)
        # Parental many-to-many relations are kept until the session is saved.
        session.audiences.set(self.cleaned_data["audiences"])
        session.partners.set(self.cleaned_data["partners"])
        session.save()
        languages = set(self.cleaned_data["languages"])
        session.spoken_languages.exclude(language__in=languages).delete()
        kept = set(session.spoken_languages.values_list("language", flat=True))
        SessionLanguage.objects.bulk_create(
            SessionLanguage(session=session, language=code)
            for code in sorted(languages - kept)
        )
        lines = [
            line.strip()
            for line in self.cleaned_data["questions"].splitlines()
            if line.strip()
        ]
        open_questions = session.questions.filter(faq_answer=None)
        open_questions.exclude(text__in=lines).delete()
        asked = set(open_questions.values_list("text", flat=True))
        for line in dict.fromkeys(lines):
            if line not in asked:
                SessionQuestion.objects.create(session=session, text=line)
        return session


class KeptMaterialCodeField(MaterialCodeField):
    """A material code that also accepts the piece the row already names,
    even if that piece is no longer published: correcting a quantity must not
    force the officer to drop what was handed out."""

    kept = None

    def to_python(self, value):
        if self.kept and (value or "").strip().upper() == self.kept.material_code:
            return self.kept
        return super().to_python(value)


class MaterialCorrectionForm(MaterialUseForm):
    """A saved material row, its piece shown by the code on its copies."""

    piece = KeptMaterialCodeField(
        label=_("Material code"),
        help_text=_("As printed on the copy, e.g. EXP-0007."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.piece_id:
            piece = self.instance.piece.specific
            self.initial["piece"] = self.fields["piece"].kept = piece


class RemovableRows(BaseInlineFormSet):
    """Saved rows can be ticked for removal; new rows are simply left blank."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")


CorrectionOutcomeFormSet = inlineformset_factory(
    OutreachSession,
    SessionOutcome,
    form=OutcomeForm,
    formset=RemovableRows,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
)

CorrectionMaterialFormSet = inlineformset_factory(
    OutreachSession,
    MaterialUse,
    form=MaterialCorrectionForm,
    formset=RemovableRows,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
)


def date_material_versions(session: OutreachSession) -> None:
    """Each material row names the version live on the (corrected) day."""
    for use in session.material_uses.all():
        revision = revision_live_at(use.piece_id, session.starts_at)
        if use.revision_id != getattr(revision, "pk", None):
            use.revision = revision
            use.save(update_fields=["revision"])


class WithdrawalForm(forms.Form):
    """Why a session leaves the figures."""

    reason = forms.CharField(
        label=_("Why is this session withdrawn?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("e.g. logged twice, or never held. The session stays on record."),
        error_messages={
            "required": _("Say why the session is withdrawn: the reason is kept.")
        },
    )
