"""The dates a session can bear: from 1 January 2000 to today, in the
office's time zone (a session is logged once it was held).

Every path that dates a session checks here (the officer's form, the admin,
through the model field). Anything else is a typing slip, and year 1 at
midnight in Vietnam lies before the first date a database can store in UTC.
The other rules for figures from the field are in campaigns.plausibility.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(2000, 1, 1)
TOO_EARLY = _("A session cannot be dated before 1 January 2000.")
TOO_LATE = _("A session cannot be dated after today: log it once it was held.")


def validate_session_date(value: datetime.date | datetime.datetime) -> None:
    """Refuse a session's date or date and time outside the bounds."""
    if isinstance(value, datetime.datetime):
        day = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    else:
        day = value
    if day < EARLIEST:
        raise ValidationError(
            TOO_EARLY,
            code="too_early",
        )
    if day > timezone.localdate():
        raise ValidationError(
            TOO_LATE,
            code="too_late",
        )
