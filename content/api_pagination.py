"""Paging for the headless API: Wagtail's `offset` and `limit`, with an offset
the database can take. Wagtail passes any whole number on to the database,
which cannot hold 10**20 (SQLite's and PostgreSQL's integers stop near 9.2 *
10**18), and the request ends in a server error; here it is a 400 that says
the bound."""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

# Far past any listing Loa will have, far below any database's integers.
MAX_OFFSET = 1_000_000_000


class BoundedPagination(WagtailPagination):
    """Wagtail's paging, refusing an offset past `MAX_OFFSET`."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            # Read as Wagtail reads it ("1_000", " 7", "+7" are numbers too).
            offset = int(request.GET.get("offset", 0))
        except ValueError:
            offset = 0  # not a number: Wagtail refuses it with its own message
        if offset > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)
