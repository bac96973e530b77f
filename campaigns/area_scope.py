"""What a person may see by place: the subtrees of the areas they work in.

A person assigned areas (a province, a district, a commune) sees and logs
only sessions, targets, measurements and reports inside those areas, and the
campaigns that reach them; a person with none, and every administrator, works
for the whole country. Every list, detail, report, export, chooser and officer
screen narrows its queryset with `scope_of(user)`; a row outside the scope
answers 404, as if it did not exist.
"""

from dataclasses import dataclass

from django.db.models import Q

from campaigns.models import (
    Area,
    AreaAssignment,
    Campaign,
    FieldKit,
    MaterialUse,
    Measurement,
    OutreachSession,
    SessionOutcome,
    Target,
)


@dataclass(frozen=True)
class AreaScope:
    """The materialised paths of a person's areas; None for the whole
    country. An area's path starts with the paths of all that hold it."""

    paths: tuple[str, ...] | None

    @property
    def national(self) -> bool:
        return self.paths is None

    def inside(self, field: str = "area") -> Q:
        """Rows whose `field` (an Area) lies in one of the subtrees."""
        if self.national:
            return Q()
        lookup = f"{field}__path__startswith" if field else "path__startswith"
        return _any(Q(**{lookup: path}) for path in self.paths)

    def reaching(self, field: str = "areas") -> Q:
        """Rows whose `field` (Areas) lies in, or holds, one of the subtrees:
        a province's campaign reaches the officer of one of its communes."""
        if self.national:
            return Q()
        holding = {path[:end] for path in self.paths for end in _prefixes(path)}
        return Q(**{f"{field}__path__in": holding}) | self.inside(field)

    def covers(self, area: Area | None) -> bool:
        """Whether the area lies inside the scope; no area only nationally."""
        if self.national:
            return True
        return area is not None and area.path.startswith(self.paths)

    def areas(self):
        """The areas a person may choose: their subtrees."""
        return Area.objects.filter(self.inside(""))

    # Campaigns, sessions and targets, as each is narrowed. A campaign with
    # no areas is a national one, and reaches everyone.

    def campaigns(self, queryset):
        if self.national:
            return queryset
        return queryset.filter(self.reaching() | Q(areas=None)).distinct()

    def sessions(self, queryset, field: str = "area"):
        return queryset.filter(self.inside(field))

    def targets(self, queryset, prefix: str = ""):
        """Targets for an area inside the scope, and campaign-wide targets of
        a campaign all of whose areas lie inside it."""
        if self.national:
            return queryset
        campaign_wide = Q(**{f"{prefix}area": None})
        outside = Area.objects.exclude(self.inside(""))
        return (
            queryset.filter(
                self.inside(f"{prefix}area")
                | campaign_wide & self.inside(f"{prefix}campaign__areas")
            )
            .exclude(campaign_wide & Q(**{f"{prefix}campaign__areas__in": outside}))
            .distinct()
        )

    def narrow(self, queryset):
        """The rows of `queryset` this scope may see, whatever their model;
        a model the scope does not know of is left as it is."""
        if self.national:
            return queryset
        model = queryset.model
        if model is Area:
            return queryset.filter(self.inside(""))
        if model is Campaign:
            return self.campaigns(queryset)
        if model in (OutreachSession, Measurement):
            return queryset.filter(self.inside("area"))
        if model in (SessionOutcome, MaterialUse):
            return queryset.filter(self.inside("session__area"))
        if model is Target:
            return self.targets(queryset)
        if model is FieldKit:
            return queryset.filter(campaign__in=self.campaigns(Campaign.objects.all()))
        return queryset

    def limit_choices(self, form) -> None:
        """Narrow every list of rows a form offers (campaigns, areas…) to the
        scope: a crafted id is then refused as any unknown choice is."""
        for field in form.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None:
                field.queryset = self.narrow(queryset)

    def may_see(self, instance) -> bool:
        """Whether one row lies inside the scope."""
        rows = type(instance)._default_manager.filter(pk=instance.pk)
        return self.national or self.narrow(rows).exists()


def _any(conditions) -> Q:
    combined = Q(pk__in=[])
    for condition in conditions:
        combined |= condition
    return combined


def _prefixes(path: str):
    return range(Area.steplen, len(path) + 1, Area.steplen)


NATIONAL = AreaScope(None)
NOWHERE = AreaScope(())


def scope_of(user) -> AreaScope:
    """The scope of a signed-in person, read once per request; nothing for a
    visitor."""
    if not user.is_authenticated:
        return NOWHERE
    if user.is_superuser:
        return NATIONAL
    cached = getattr(user, "_area_scope", None)
    if cached is None:
        paths = tuple(
            AreaAssignment.objects.filter(user=user)
            .order_by("area__path")
            .values_list("area__path", flat=True)
        )
        cached = AreaScope(paths or None)
        user._area_scope = cached
    return cached
