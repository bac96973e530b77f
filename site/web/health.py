"""Health checks for a load balancer or an operator.

`/healthz/live/` says the process answers at all (restart it if not).
`/healthz/` says whether it can serve a page: the database it expects, with
its tables (SQLite quietly creates an empty file where one went missing), the
shared cache and writable media storage. `/healthz/ready/` adds that every
migration is applied (send it traffic only then). A failure answers 503 and
names the part (the reason goes to the log, not to whoever asked), so
whoever is woken knows where to look.
"""

import logging
import os
from pathlib import Path

from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from web.shared_cache import DOWN, ResilientRedisCache

logger = logging.getLogger(__name__)

# Tables without which no page can be served.
REQUIRED_TABLES = ("django_migrations", "wagtailcore_site", "wagtailcore_page")


def check_database() -> str | None:
    """What is wrong with the default database, or None."""
    connection = connections[DEFAULT_DB_ALIAS]
    missing = missing_sqlite_file(connection)
    if missing:
        return f"{missing} does not exist"
    try:
        with connection.cursor() as cursor:
            for table in REQUIRED_TABLES:
                cursor.execute(
                    f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1"  # noqa: S608
                )
                cursor.fetchall()
    except DatabaseError as error:
        return f"{type(error).__name__}: {error}"
    return None


def missing_sqlite_file(connection) -> str | None:
    """The SQLite file the site expects, if it is not there. Checked before
    connecting: SQLite would create an empty one in its place."""
    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite" or name == ":memory:" or name.startswith("file:"):
        return None
    return None if os.path.exists(name) else name


def check_shared_cache() -> str | None:
    """What is wrong with the cache every process shares, or None."""
    shared = caches["shared"]
    if isinstance(shared, ResilientRedisCache):
        try:
            shared.ping()
        except DOWN as error:
            return f"Redis: {error}"
        return None
    missing = missing_sqlite_file(connections[DEFAULT_DB_ALIAS])
    if missing:
        return f"its table is in {missing}, which does not exist"
    try:
        # A read: the check must not write on every probe.
        shared.get("healthz:probe")
    except DatabaseError as error:
        return f"{type(error).__name__}: {error}"
    return None


def check_media() -> str | None:
    """What is wrong with media storage on this server's disk, or None.
    A folder not made yet is made by the first upload, if its nearest
    existing parent can be written. Storage elsewhere (S3) is not probed on
    every check."""
    location = getattr(default_storage, "location", None)
    if location is None:
        return None
    folder = Path(location)
    existing = next(path for path in (folder, *folder.parents) if path.exists())
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        return f"{location} cannot be written ({existing} is in the way)"
    return None


def check_migrations() -> str | None:
    """Which migrations are not applied yet, or None."""
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return f"{type(error).__name__}: {error}"
    if plan:
        waiting = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan[:5])
        return f"{len(plan)} not applied: {waiting}"
    return None


CHECKS = {
    "database": check_database,
    "shared_cache": check_shared_cache,
    "media": check_media,
}


def report(checks: dict) -> JsonResponse:
    failed = {}
    for part, check in checks.items():
        problem = check()
        if problem:
            failed[part] = problem
            logger.warning("health check: %s: %s", part, problem)
    if failed:
        # Only the parts: paths, hosts and errors stay in the log.
        return JsonResponse(
            {"status": "unavailable", "failed": list(failed)}, status=503
        )
    return JsonResponse({"status": "ok", "checked": list(checks)})


@never_cache
def health(request):
    """200 when this server can serve pages; 503 naming each part that fails."""
    return report(CHECKS)


class Readiness:
    """Once every migration is applied it stays so until the next deploy
    restarts the process, so the migration graph is loaded only until then."""

    confirmed = False


@never_cache
def ready(request):
    """As /healthz/, and every migration applied: ready for traffic."""
    checks = dict(CHECKS)
    if not Readiness.confirmed:
        checks["migrations"] = check_migrations
    response = report(checks)
    if response.status_code == 200:
        Readiness.confirmed = True
    return response


@never_cache
def live(request):
    """200 while the process answers; needs nothing else."""
    return JsonResponse({"status": "alive"})
