"""Admin views for one translation import, worked through in the background:
its progress, its preview to confirm, its result, or why it failed with a
way to try again. Only its uploader (or a superuser) sees it."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from locales.exchange.importer import ImportPlan
from locales.exchange.jobs import confirm_import, notice_stopped_jobs, try_again
from locales.models import ImportJob
from locales.registry import language_label

REFRESH_SECONDS = 3


def own_job(request, pk: int) -> ImportJob:
    """The job, if the user uploaded it or is a superuser; 404 otherwise, so
    that nobody learns of another's file. The file itself is not loaded."""
    jobs = ImportJob.objects.defer("data")
    if not request.user.is_superuser:
        jobs = jobs.filter(user=request.user)
    job = get_object_or_404(jobs, pk=pk)
    if notice_stopped_jobs(ImportJob.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    return job


class ImportJobView(WagtailAdminTemplateMixin, TemplateView):
    """One import: progress while a worker reads or imports the file (the
    page refreshes itself, no JavaScript needed), then the preview to
    confirm, or why it failed. An imported file sends the user to the
    matrix with the result, as the import always has."""

    template_name = "locales/import_job.html"
    page_title = gettext_lazy("Import translations")
    header_icon = "upload"

    def get(self, request, *args, **kwargs):
        self.job = own_job(request, kwargs["pk"])
        if self.job.status == ImportJob.Status.IMPORTED:
            messages.success(
                request,
                _("Imported %(changes)d units; %(conflicts)d conflicts were skipped.")
                % self.job.result,
            )
            return redirect(reverse("translation_matrix"))
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("translation_matrix"), "label": _("Translation matrix")},
            {"url": reverse("import_translations"), "label": self.page_title},
            {"url": "", "label": self.job.file_name},
        ]

    def get_context_data(self, **kwargs):
        job = self.job
        planned = job.status == ImportJob.Status.PLANNED
        return super().get_context_data(
            job=job,
            language=language_label(job.language),
            plan=ImportPlan.from_json(job.preview) if planned else None,
            refresh_seconds=REFRESH_SECONDS,
            **kwargs,
        )


class ConfirmImportView(View):
    """Import a previewed file, in the background, taking the file's text
    for the conflicts the user ticked."""

    def post(self, request, pk):
        job = own_job(request, pk)
        if job.status != ImportJob.Status.PLANNED or job.preview["errors"]:
            messages.error(request, _("This file is not ready to be imported."))
        else:
            confirm_import(job, request.POST.getlist("take"))
        return redirect("import_translations_job", pk=job.pk)


class RetryImportView(View):
    """Read a failed import's file again, for a new preview."""

    def post(self, request, pk):
        job = own_job(request, pk)
        if job.status == ImportJob.Status.FAILED:
            try_again(job)
        return redirect("import_translations_job", pk=job.pk)
