"""Material codes: the short, stable code printed on every paper copy.

Every code ever issued is kept in a ledger, so a code is never given twice,
even after its page is deleted.
"""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

CODE_PATTERN = re.compile(r"^(?P<prefix>[A-Z]{3})-(?P<number>\d{4,6})$")


class MaterialCode(models.Model):
    """One material code, issued once and never reused."""

    prefix = models.CharField(max_length=3)
    number = models.PositiveIntegerField()
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["prefix", "number"], name="unique_material_code"
            )
        ]

    def __str__(self):
        return format_code(self.prefix, self.number)


def format_code(prefix: str, number: int) -> str:
    return f"{prefix}-{number:04d}"


def parse_code(code: str, prefix: str) -> int:
    """The number in `code`; ValidationError if it is not a `prefix` code."""
    match = CODE_PATTERN.match(code)
    if not match or match["prefix"] != prefix:
        raise ValidationError(
            _("A material code looks like %(example)s."),
            params={"example": format_code(prefix, 7)},
        )
    return int(match["number"])


def issue_next_code(prefix: str) -> str:
    """Record and return the next free code for `prefix`."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                last = MaterialCode.objects.filter(prefix=prefix).aggregate(
                    last=models.Max("number")
                )["last"]
                issued = MaterialCode.objects.create(
                    prefix=prefix, number=(last or 0) + 1
                )
                return str(issued)
        except IntegrityError:
            continue  # another editor took that number at the same moment
    raise RuntimeError(f"could not issue a {prefix} material code")


def was_issued(prefix: str, number: int) -> bool:
    return MaterialCode.objects.filter(prefix=prefix, number=number).exists()


def record_code(prefix: str, number: int) -> None:
    MaterialCode.objects.create(prefix=prefix, number=number)
