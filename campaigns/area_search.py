"""Finding an area by what an officer types, and the areas an officer used
last: what the session form offers instead of a list of every area in the
country.

Names are matched folded (`Area.search_name`): "krong buk", "Krông Búk" and
the same typed with separate tone marks all find the district. A name that
starts with the text comes before one that only contains it. Every answer
takes the same few queries, however many areas match."""

from django.db import connection
from django.db.models import Max, Q

from campaigns.area_scope import AreaScope, scope_of
from campaigns.models import Area, OutreachSession
from locales.normalize import fold

MAX_RESULTS = 20
MAX_RECENT = 10
MAX_QUERY_LENGTH = 60
# Above every character a folded name holds. SQLite compares text byte by
# byte and reads a LIKE prefix without its index, so there a name starting
# with the text is one between the text and the text followed by this.
# PostgreSQL compares by locale but has a pattern index for LIKE prefixes.
AFTER_EVERY_NAME = "\U0010ffff"


def starting_with(query: str) -> Q:
    if connection.vendor == "sqlite":
        return Q(search_name__gte=query, search_name__lt=query + AFTER_EVERY_NAME)
    return Q(search_name__startswith=query)


def search_areas(text: str, scope: AreaScope, limit: int = MAX_RESULTS) -> list[Area]:
    """Areas inside `scope` whose folded name starts with (first) or
    contains the folded `text`, by name."""
    query = fold(text[:MAX_QUERY_LENGTH])
    if not query:
        return []
    fields = ("pk", "path", "depth", "name", "level")
    found = list(
        scope.areas()
        .filter(starting_with(query))
        .order_by("search_name", "path")
        .only(*fields)[:limit]
    )
    if len(found) < limit:
        found += (
            scope.areas()
            .filter(search_name__contains=query)
            .exclude(search_name__startswith=query)
            .order_by("search_name", "path")
            .only(*fields)[: limit - len(found)]
        )
    return found


def recent_areas(user, limit: int = MAX_RECENT) -> list[Area]:
    """The areas of the sessions `user` logged, the last used first, that
    are still inside the areas they work in."""
    if not user.is_authenticated:
        return []
    last_used = dict(
        OutreachSession.objects.filter(logged_by=user)
        .filter(scope_of(user).inside("area"))
        .values("area")
        # The newest session is the one logged last (ids only grow).
        .annotate(last=Max("pk"))
        .order_by("-last")
        .values_list("area", "last")[:limit]
    )
    areas = Area.objects.in_bulk(last_used)
    return [areas[pk] for pk in last_used if pk in areas]


def within(areas: list[Area]) -> dict[int, str]:
    """For each area, the names of the areas it lies in, nearest first
    ("Krông Búk, Đắk Lắk"), read in one query."""
    step = Area.steplen
    paths = {
        area.path[:end] for area in areas for end in range(step, len(area.path), step)
    }
    names = dict(
        Area.objects.filter(path__in=paths).values_list("path", "name") if paths else []
    )
    return {
        area.pk: ", ".join(
            names[area.path[:end]]
            for end in range(len(area.path) - step, 0, -step)
            if area.path[:end] in names
        )
        for area in areas
    }


def described(areas: list[Area]) -> list[dict]:
    """What the area chooser shows of each area."""
    places = within(areas)
    return [
        {"id": area.pk, "label": area.label, "within": places[area.pk]}
        for area in areas
    ]
