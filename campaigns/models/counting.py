"""Which sessions count in the figures: every session but those withdrawn.

Progress, the campaign reports, where-used and the API read sessions and
their rows (outcomes, material used, languages spoken) through `counted()`,
so a withdrawn session leaves all of them at once.
"""

from django.db import models


class SessionQuerySet(models.QuerySet):
    def counted(self):
        return self.filter(withdrawn_at__isnull=True)


class SessionRowQuerySet(models.QuerySet):
    """Rows that belong to a session and count only while it does."""

    def counted(self):
        return self.filter(session__withdrawn_at__isnull=True)
