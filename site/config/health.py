"""`/healthz/`: tells a load balancer whether this app server can serve."""

import logging

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def health(request):
    """200 when every database answers a query, 503 when one does not."""
    for connection in connections.all(initialized_only=False):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError as error:
            logger.warning(
                "health check: database %s is down: %s", connection.alias, error
            )
            return JsonResponse(
                {"status": "unavailable", "database": connection.alias}, status=503
            )
    return JsonResponse({"status": "ok"})
