"""Translation imports as background jobs: the preview, then the import.

A file of 20,000 units keeps a worker busy for half a minute to plan and as
long again to import, so neither happens in a web request: the upload is
checked and stored (`start_import`), a worker plans the preview, the uploader
confirms (`confirm_import`) and a worker imports the file, all or nothing, as
`apply_import` does.

A worker killed in the middle of a job leaves it "in progress" and its
django-tasks job "running" for ever. Such a job is noticed by its heartbeat,
which the preview saves with its progress: when none has come for
`IMPORT_JOB_STALE_SECONDS`, the job is failed and can be tried again. The
import itself runs in one transaction, whose progress nobody else sees
before it ends: the heartbeat saved as it begins must outlive the longest
import, hence a margin of minutes (20,000 units import in about 25 s).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone, translation

from django_tasks import TaskResultStatus, default_task_backend, task
from django_tasks.exceptions import TaskResultDoesNotExist

from locales.exchange.formats import read
from locales.exchange.importer import apply_import, plan_import
from locales.models import ImportJob

logger = logging.getLogger(__name__)

STALE_SECONDS = 300
# A preview saves its progress at each whole per cent, and at least this
# often while one unit takes long.
BEAT_SECONDS = 10
# Exceptions that end a job because its worker is being stopped, not because
# the job went wrong.
WORKER_STOPPED = ("builtins.SystemExit", "builtins.KeyboardInterrupt")


def start_import(user, language: str, file_name: str, data: bytes) -> ImportJob:
    """Store an uploaded file (already found readable) and queue its
    preview."""
    job = ImportJob.objects.create(
        user=user,
        language=language,
        file_name=file_name,
        data=data,
        interface_language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    return _enqueue(job, ImportJob.Step.PREVIEW)


def confirm_import(job: ImportJob, take) -> ImportJob:
    """Queue the import of a job whose preview is ready, taking the file's
    text for the conflicts whose keys are in `take`."""
    job.take = sorted(take)
    job.save(update_fields=["take"])
    return _enqueue(job, ImportJob.Step.IMPORT)


def try_again(job: ImportJob) -> ImportJob:
    """Plan a failed job's preview again, from the file it keeps."""
    job.take = []
    job.save(update_fields=["take"])
    return _enqueue(job, ImportJob.Step.PREVIEW)


def _enqueue(job: ImportJob, step: str) -> ImportJob:
    job.step, job.status, job.progress = step, ImportJob.Status.QUEUED, 0
    job.failure, job.error, job.task_id, job.heartbeat_at = "", "", "", None
    job.save(
        update_fields=[
            "step",
            "status",
            "progress",
            "failure",
            "error",
            "task_id",
            "heartbeat_at",
        ]
    )
    work = preview_import if step == ImportJob.Step.PREVIEW else run_import
    queued = work.enqueue(job.pk)
    # Only the job's id: a worker (or the immediate backend) may already have
    # saved the job's progress.
    ImportJob.objects.filter(pk=job.pk).update(task_id=queued.id)
    job.refresh_from_db()
    return job


@task()
def preview_import(job_id: int) -> None:
    """Plan what importing a queued file would change, in the background."""
    _run(job_id, _preview)


@task()
def run_import(job_id: int) -> None:
    """Import a file whose preview its uploader confirmed, in the
    background."""
    _run(job_id, _import)


def _run(job_id: int, work) -> None:
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    job.status, job.progress = ImportJob.Status.RUNNING, 0
    _beat(job, "status")
    try:
        # Messages in the preview are written in the uploader's language.
        with translation.override(job.interface_language):
            work(job)
    except Exception as error:
        job.status, job.failure = ImportJob.Status.FAILED, ImportJob.Failure.ERROR
        job.error = str(error) or type(error).__name__
        job.save(update_fields=["status", "failure", "error"])
        logger.error("Translation import %s failed: %s", job.pk, job.error)
        raise


def _preview(job: ImportJob) -> None:
    exchange = read(job.file_name, bytes(job.data))
    plan = plan_import(exchange, job.user, job.language, progress=_reporter(job))
    job.preview = plan.as_json()
    job.status, job.progress = ImportJob.Status.PLANNED, 100
    _beat(job, "status", "preview")


def _import(job: ImportJob) -> None:
    exchange = read(job.file_name, bytes(job.data))
    plan = apply_import(exchange, job.user, job.language, set(job.take))
    if plan.errors:
        job.status, job.failure = ImportJob.Status.FAILED, ImportJob.Failure.REFUSED
        job.error = " ".join(plan.errors)
        job.save(update_fields=["status", "failure", "error"])
        return
    job.result = {"changes": len(plan.changes), "conflicts": len(plan.conflicts)}
    job.status, job.progress = ImportJob.Status.IMPORTED, 100
    # Imported: the file and its preview are no longer needed.
    job.data, job.preview = b"", None
    _beat(job, "status", "result", "data", "preview")


def _reporter(job: ImportJob):
    def report(done: int, total: int) -> None:
        percent = min(99, 100 * done // total)
        quiet = timezone.now() - job.heartbeat_at
        if percent > job.progress or quiet > timedelta(seconds=BEAT_SECONDS):
            job.progress = percent
            _beat(job)

    return report


def _beat(job: ImportJob, *fields: str) -> None:
    """Save the job's progress with the time, a sign the job goes on."""
    job.heartbeat_at = timezone.now()
    job.save(update_fields=["progress", "heartbeat_at", *fields])


def stale_before():
    """Jobs with no heartbeat since this moment have stopped."""
    seconds = getattr(settings, "IMPORT_JOB_STALE_SECONDS", STALE_SECONDS)
    return timezone.now() - timedelta(seconds=seconds)


def notice_stopped_jobs(jobs: QuerySet[ImportJob] | None = None) -> int:
    """Fail the jobs among `jobs` (all by default) that have stopped; how
    many were failed."""
    jobs = (ImportJob.objects.all() if jobs is None else jobs).filter(
        status__in=ImportJob.IN_FLIGHT
    )
    cutoff = stale_before()
    failed = 0
    # Read first, write only when needed: an import holding the database in
    # its transaction must not keep the progress page waiting.
    stopped = list(
        jobs.filter(
            status=ImportJob.Status.RUNNING, heartbeat_at__lt=cutoff
        ).values_list("pk", flat=True)
    )
    if stopped:
        failed = jobs.filter(pk__in=stopped).update(
            status=ImportJob.Status.FAILED, failure=ImportJob.Failure.WORKER_ENDED
        )
    if default_task_backend.supports_get_result:
        for job in jobs.exclude(task_id="").only("pk", "status", "task_id"):
            failure, error = _job_failure(job, cutoff)
            if failure:
                failed += jobs.filter(pk=job.pk).update(
                    status=ImportJob.Status.FAILED, failure=failure, error=error
                )
    if failed:
        logger.warning("%d translation import(s) had stopped: marked failed", failed)
    return failed


def _job_failure(job: ImportJob, cutoff) -> tuple[str, str]:
    """(failure, error) when the job's task has failed, or was taken by a
    worker that ended before the work began; ("", "") otherwise."""
    try:
        result = default_task_backend.get_result(job.task_id)
    except TaskResultDoesNotExist:
        return "", ""
    if result.status == TaskResultStatus.FAILED:
        error = result.errors[-1].exception_class_path if result.errors else ""
        if error in WORKER_STOPPED:
            return ImportJob.Failure.WORKER_ENDED, ""
        return ImportJob.Failure.ERROR, error
    if (
        job.status == ImportJob.Status.QUEUED
        and result.status == TaskResultStatus.RUNNING
        and result.started_at
        and result.started_at < cutoff
    ):
        return ImportJob.Failure.WORKER_ENDED, ""
    return "", ""
