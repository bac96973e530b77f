"""Field kit builds as background jobs: notice a build that stopped.

A worker killed in the middle of a build leaves its kit saying "Building"
and its job saying "running" for ever; a new worker does not take the job up
again. Such a build is noticed by its heartbeat (the kit saves one with each
item it adds): when none has come for `FIELD_KIT_STALE_SECONDS`, the kit is
failed and can be asked for again. A job that django-tasks records as failed
(a worker stopped by force while it ran) fails its kit at once.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.exceptions import TaskResultDoesNotExist

from campaigns.models import FieldKit

logger = logging.getLogger(__name__)

# Exceptions that end a job because its worker is being stopped, not because
# the build went wrong.
WORKER_STOPPED = ("builtins.SystemExit", "builtins.KeyboardInterrupt")


def stale_before():
    """Builds with no heartbeat since this moment have stopped."""
    return timezone.now() - timedelta(seconds=settings.FIELD_KIT_STALE_SECONDS)


def notice_stopped_builds(kits: QuerySet[FieldKit] | None = None) -> int:
    """Fail the kits among `kits` (all by default) whose build has stopped;
    how many were failed."""
    kits = (FieldKit.objects.all() if kits is None else kits).filter(
        status__in=FieldKit.IN_FLIGHT
    )
    cutoff = stale_before()
    # A kit saved before heartbeats were kept has only its request time.
    stopped = kits.alias(last_seen=Coalesce("heartbeat_at", "requested_at")).filter(
        status=FieldKit.Status.BUILDING, last_seen__lt=cutoff
    )
    failed = stopped.update(
        status=FieldKit.Status.FAILED, failure=FieldKit.Failure.WORKER_ENDED
    )
    if not default_task_backend.supports_get_result:
        return failed
    for kit in kits.exclude(task_id="").only("pk", "status", "task_id"):
        failure, error = _job_failure(kit, cutoff)
        if failure:
            failed += kits.filter(pk=kit.pk).update(
                status=FieldKit.Status.FAILED, failure=failure, error=error
            )
    if failed:
        logger.warning("%d field kit build(s) had stopped: marked failed", failed)
    return failed


def _job_failure(kit: FieldKit, cutoff) -> tuple[str, str]:
    """(failure, error) when the kit's job has failed, or was taken by a
    worker that ended before the build began; ("", "") otherwise."""
    try:
        job = default_task_backend.get_result(kit.task_id)
    except TaskResultDoesNotExist:
        return "", ""
    if job.status == TaskResultStatus.FAILED:
        error = job.errors[-1].exception_class_path if job.errors else ""
        if error in WORKER_STOPPED:
            return FieldKit.Failure.WORKER_ENDED, ""
        return FieldKit.Failure.ERROR, error
    if (
        kit.status == FieldKit.Status.QUEUED
        and job.status == TaskResultStatus.RUNNING
        and job.started_at
        and job.started_at < cutoff
    ):
        return FieldKit.Failure.WORKER_ENDED, ""
    return "", ""
