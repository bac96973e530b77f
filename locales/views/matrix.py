"""Admin views for translation work."""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from locales.matrix import FILTERS, build_matrix, kind_choices
from locales.permissions import editable_languages
from locales.registry import language_choices
from locales.spreadsheets import spreadsheet_response
from locales.states import TranslationState, target_languages

# The language choice of a translator who writes in several languages.
MY_LANGUAGES = "mine"


def own_languages(user) -> list[str]:
    """The target languages a translator writes in; [] for everyone else."""
    granted = editable_languages(user) or set()
    return [code for code in target_languages() if code in granted]


def default_language_choice(own: list[str]) -> str:
    """What the language filter starts at: a translator's own language(s),
    everyone else every language."""
    if len(own) > 1:
        return MY_LANGUAGES
    return own[0] if own else ""


def chosen_languages(choice: str, own: list[str]) -> list[str] | None:
    """The columns a language choice shows; None for every language."""
    if not choice:
        return None
    return own if choice == MY_LANGUAGES else [choice]


class MatrixFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Any state")), *TranslationState.choices],
    )
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, own_languages=(), user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *kind_choices()]
        mine = [(MY_LANGUAGES, _("My languages"))] if len(own_languages) > 1 else []
        self.fields["language"].choices = [
            ("", _("All languages")),
            *mine,
            *language_choices(target_languages(), label="{autonym} ({code})"),
        ]
        for matrix_filter in FILTERS.values():
            self.fields[matrix_filter.name] = forms.ChoiceField(
                label=matrix_filter.label,
                required=False,
                choices=[("", _("All")), *matrix_filter.choices(user)],
            )


class TranslationMatrixView(WagtailAdminTemplateMixin, TemplateView):
    """Every piece against every language, with the state of each
    translation and the share approved per language.

    A translator starts on the columns of their own language(s), and a state
    chosen then filters on those; they may choose any other language or all.
    """

    page_title = _("Translation matrix")
    header_icon = "globe"
    template_name = "locales/translation_matrix.html"
    rows_per_page = 100

    def get(self, request, *args, **kwargs):
        own = own_languages(request.user)
        data = request.GET.copy()
        # Absent, not empty: "All languages" posts an empty choice.
        data.setdefault("language", default_language_choice(own))
        form = MatrixFilterForm(data, own_languages=own, user=self.request.user)
        form.is_valid()  # a bad value is dropped; the other filters still apply
        values = {key: value or "" for key, value in form.cleaned_data.items()}
        self.form = form
        self.matrix = build_matrix(
            languages=chosen_languages(values.pop("language", ""), own), **values
        )
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(self.matrix.rows, self.rows_per_page)
        rows = paginator.get_page(self.request.GET.get("p"))
        for row in rows:
            # Built here rather than with {% url %}: a page has a thousand cells.
            row.links = [
                (
                    state,
                    reverse(
                        "translate_piece", args=[row.content_type_id, row.pk, code]
                    ),
                )
                for code, state in row.cells.items()
            ]
        context.update(
            form=self.form,
            matrix=self.matrix,
            rows=rows,
            elided_page_range=paginator.get_elided_page_range(rows.number),
        )
        return context

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def table(self) -> list[list[str]]:
        codes = [language.code for language in self.matrix.languages]
        rows = [["code", "title", "kind", *codes]]
        for row in self.matrix.rows:
            rows.append(
                [
                    row.code,
                    row.title,
                    row.kind,
                    *[row.cells[code].value for code in codes],
                ]
            )
        return rows

    def export(self, file_format: str) -> HttpResponse:
        return spreadsheet_response(file_format, self.table(), "translation-matrix")
