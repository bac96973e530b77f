"""Whole days as ranges of time, so that filters on a session's date can use
the index on its start time instead of converting every row's timestamp."""

import datetime

from django.utils import timezone


def start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day`, in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def end_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of the next day: the end, not included."""
    return start_of(day + datetime.timedelta(days=1))
