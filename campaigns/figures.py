"""Figures as people write them."""

from decimal import Decimal


def plain(value: Decimal) -> Decimal:
    """A figure without trailing zeros, never in exponent notation: 1600
    and 12.5, not 1.6E+3 and 12.50."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral() else normal
