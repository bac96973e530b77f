"""Admin views for offline exchange: export a file, upload it back to be
imported (the preview and import themselves: `locales.views.import_jobs`)."""

from django import forms
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from locales.exchange.export import export_units, select_pieces
from locales.exchange.formats import FORMATS, ExchangeError, read, write
from locales.exchange.jobs import start_import
from locales.matrix import FILTERS, kind_choices
from locales.permissions import translatable_languages
from locales.registry import language_choices as registered_choices
from locales.spreadsheets import attachment, export_filename
from locales.states import TranslationState, target_languages

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def language_choices(user) -> list[tuple[str, str]]:
    allowed = translatable_languages(user)
    return registered_choices(
        [code for code in target_languages() if allowed is None or code in allowed],
        label="{autonym} ({code})",
    )


class ExchangeViewMixin(WagtailAdminTemplateMixin):
    template_name = "locales/exchange_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("translation_matrix"), "label": _("Translation matrix")},
            {"url": "", "label": self.page_title},
        ]


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"))
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[
            ("xliff", "XLIFF 1.2"),
            ("xliff2", "XLIFF 2.0"),
            ("po", "PO (gettext)"),
            ("xlsx", gettext_lazy("Spreadsheet (XLSX)")),
        ],
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    state = forms.ChoiceField(
        label=gettext_lazy("Only fields that are"),
        required=False,
        choices=[("", gettext_lazy("Any state")), *TranslationState.choices],
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices(user)
        self.fields["kind"].choices = [("", _("All kinds")), *kind_choices()]
        for matrix_filter in FILTERS.values():
            self.fields[matrix_filter.name] = forms.ChoiceField(
                label=matrix_filter.label,
                required=False,
                choices=[("", _("All")), *matrix_filter.choices(user)],
            )


class ExportTranslationsView(ExchangeViewMixin, FormView):
    """Download the text of chosen pieces in one language, to translate
    offline in any translation tool or a spreadsheet."""

    form_class = ExportForm
    page_title = gettext_lazy("Export for translators")
    header_icon = "download"
    submit_label = gettext_lazy("Download")

    def form_valid(self, form):
        values = dict(form.cleaned_data)
        language, file_format = values.pop("language"), values.pop("format")
        state = values.pop("state")
        pieces = select_pieces(values.pop("kind"), **values)
        data = write(export_units(pieces, language, state), file_format)
        extension, content_type = FORMATS[file_format]
        filename = export_filename("translations", language, extension=extension)
        return attachment(data, filename, content_type)


class ImportForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language of the file"))
    file = forms.FileField(
        label=gettext_lazy("Translated file"),
        help_text=gettext_lazy("An XLIFF, PO or XLSX file exported from Loa."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d MB.")
                % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        data = upload.read()
        try:
            read(upload.name, data)
        except ExchangeError as error:
            raise forms.ValidationError(str(error)) from error
        self.data_bytes = data
        return upload


class ImportTranslationsView(ExchangeViewMixin, FormView):
    """Bring a translated file back: the file is checked and stored here,
    and its preview, then the import, run in the background (see
    `locales.exchange.jobs`)."""

    form_class = ImportForm
    page_title = gettext_lazy("Import translations")
    header_icon = "upload"
    submit_label = gettext_lazy("Preview the import")

    def form_valid(self, form):
        job = start_import(
            self.request.user,
            form.cleaned_data["language"],
            form.cleaned_data["file"].name,
            form.data_bytes,
        )
        return redirect("import_translations_job", pk=job.pk)
