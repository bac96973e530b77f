"""What a figure from the field may be, kept in one place.

The officer's form and the admin ask here through the models' `clean`
methods; the phone's offline check receives the same rules as data from the
server. A figure a person could not have meant is refused
with a message saying why: a percentage above 100, a fraction of a person,
a session tomorrow. Whether a piece exists in a language (60 Ede copies of a
piece with no Ede text) is the material's own rule: content.availability.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

# No session reaches more people than this, even on television: beyond it
# the figure is a typing slip (and would not fit the database's integers).
ATTENDANCE_MAXIMUM = 10_000_000

# The messages, named so that the phone's offline check can say the same.
ABOVE_MAXIMUM = _("No session reaches more than %(maximum)s people.")
ABOVE_CEILING = _(
    "%(attendance)s people is more than %(ceiling)s: if that is "
    "right, tick “The attendance is right”."
)
NEGATIVE = _("A figure cannot be negative.")
ABOVE_100 = _("A percentage lies between 0 and 100.")
NOT_WHOLE = _("“%(indicator)s” counts whole numbers: %(value)s is not one.")
NOT_FROM_SESSIONS = _(
    "A session cannot produce “%(indicator)s”: it is reported by the "
    "office as a measurement."
)


def invalid(field: str, message, **params) -> ValidationError:
    """An error on `field` whose message takes `params`."""
    return ValidationError({field: ValidationError(message, params=params)})


def grouped(number: int) -> str:
    """10.000.000 in Vietnamese, 10,000,000 in English."""
    return formats.number_format(number, force_grouping=True)


def attendance_ceiling() -> int:
    """Above this many people (a setting), attendance must be confirmed."""
    return settings.LOA_ATTENDANCE_CEILING


def check_attendance(attendance: int | None, confirmed: bool) -> None:
    if attendance is None:
        return
    if attendance > ATTENDANCE_MAXIMUM:
        raise invalid(
            "attendance",
            ABOVE_MAXIMUM,
            maximum=grouped(ATTENDANCE_MAXIMUM),
        )
    if attendance > attendance_ceiling() and not confirmed:
        raise invalid(
            "attendance",
            ABOVE_CEILING,
            attendance=grouped(attendance),
            ceiling=grouped(attendance_ceiling()),
        )


def check_figure(indicator, value: Decimal | None, field: str = "value") -> None:
    """A value on `indicator`: 0–100 for a percentage, whole for people and
    counts, never negative."""
    if value is None or indicator is None:
        return
    low, high, whole = indicator.bounds
    if value < low:
        raise ValidationError({field: NEGATIVE})
    if high is not None and value > high:
        raise ValidationError({field: ABOVE_100}, code="above_100")
    if whole and value != value.to_integral_value():
        raise invalid(
            field,
            NOT_WHOLE,
            indicator=indicator.name,
            value=formats.number_format(Decimal(f"{value.normalize():f}")),
        )


def session_indicators() -> Q:
    """The indicators a session can produce: counts that add up over time
    (new enrolments, sign-ups), not levels (coverage %) nor money."""
    from campaigns.models import Indicator

    return Q(
        aggregation=Indicator.Aggregation.SUM,
        unit__in=[Indicator.Unit.PEOPLE, Indicator.Unit.COUNT],
    )


def check_session_indicator(indicator) -> None:
    if indicator is not None and not indicator.comes_from_sessions:
        raise invalid(
            "indicator",
            NOT_FROM_SESSIONS,
            indicator=indicator.name,
        )


def check_not_future(day, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: _("This date has not come yet.")})
