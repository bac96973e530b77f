"""The administrative tree sessions and targets are placed in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from treebeard.mp_tree import MP_Node

from locales.normalize import fold


class Area(MP_Node):
    """A province, district (in older records), commune or village. Targets
    and measurements of an area include everything inside it."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        COMMUNE = "commune", _("Commune")
        VILLAGE = "village", _("Village")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=120)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    # The name folded (lower case, no tone marks, "đ" as "d"), so an officer
    # typing "dak lak" on a phone without Vietnamese input finds "Đắk Lắk".
    search_name = models.CharField(
        _("search name"), max_length=120, db_index=True, editable=False
    )

    # No `node_order_by`: areas keep the order of the files they came from
    # (official lists go by code). Sorting by name breaks once an area is
    # renamed: treebeard then shifts the wrong siblings and a later load fails.

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)[:120]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        """The name with the level, for choosing among places of one name."""
        return f"{self.name} ({self.get_level_display().lower()})"


LEVEL_ORDER = [choice for choice, _label in Area.Level.choices]


class AreaAssignment(models.Model):
    """An area a person works in: a province, a district or a commune. Who
    has any sees and logs only what lies inside them (campaigns.area_scope);
    who has none works for the whole country."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="area_assignments",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="assignments",
        # An office works for a province, a district or a commune; offering
        # the country's villages too would make a list of 80,000.
        limit_choices_to={"level__in": ["province", "district", "commune"]},
    )

    class Meta:
        verbose_name = _("area of work")
        verbose_name_plural = _("areas of work")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "area"], name="one_assignment_per_user_and_area"
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.area.label}"
