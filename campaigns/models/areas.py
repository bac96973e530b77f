"""The administrative tree sessions and targets are placed in."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from treebeard.mp_tree import MP_Node


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

    # No `node_order_by`: areas keep the order of the files they came from
    # (official lists go by code). Sorting by name breaks once an area is
    # renamed: treebeard then shifts the wrong siblings and a later load fails.

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        return self.name

    @property
    def label(self) -> str:
        """The name with the level, for choosing among places of one name."""
        return f"{self.name} ({self.get_level_display().lower()})"


LEVEL_ORDER = [choice for choice, _label in Area.Level.choices]
