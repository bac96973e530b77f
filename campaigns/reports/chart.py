"""The geometry of a progress chart drawn on the server: dates across, values
up, a horizontal line for the target. The template only writes out the
coordinates, so the chart reads without JavaScript and prints as it shows."""

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format

from campaigns.progress_series import Series

WIDTH, HEIGHT = 800, 340
LEFT, RIGHT, TOP, BOTTOM = 90, 20, 20, 40
# Colours that stay apart for red-green colour blindness and in grey print.
COLOURS = {"reported": "#005a9c", "sessions": "#b35900"}


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Path:
    label: str
    colour: str
    dashed: bool
    points: str
    marks: list[Mark]


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: float
    top: int
    bottom: float
    paths: list[Path]
    target_y: float
    target_label: str
    y_ticks: list[Tick]
    x_ticks: list[Tick]


def figure(value: Decimal) -> str:
    """A value grouped the reader's way (41.724 in Vietnamese)."""
    normal = value.normalize()
    places = 0 if normal == normal.to_integral() else 1
    return number_format(value, places, force_grouping=True)


def chart_of(series: Series) -> Chart:
    target = series.target
    first, last = target.starts_on, target.ends_on
    days = max((last - first).days, 1)
    highest = max(
        [target.value, *(p.value for line in series.lines for p in line.points)]
    )
    top_value, steps = _scale(highest * Decimal("1.05"))
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def x(day: datetime.date) -> float:
        return round(LEFT + (right - LEFT) * (day - first).days / days, 1)

    def y(value: Decimal) -> float:
        return round(float(bottom - (bottom - TOP) * value / top_value), 1)

    paths = []
    for line in series.lines:
        marks = [
            Mark(x(p.on), y(p.value), f"{p.measured_on:%d/%m/%Y}: {figure(p.value)}")
            for p in line.points
        ]
        paths.append(
            Path(
                line.label,
                COLOURS[line.basis],
                line.last_year,
                " ".join(f"{m.x},{m.y}" for m in marks),
                marks,
            )
        )
    levels = [top_value * i / steps for i in range(steps + 1)]
    return Chart(
        WIDTH,
        HEIGHT,
        LEFT,
        right,
        TOP,
        bottom,
        paths,
        y(target.value),
        figure(target.value),
        [Tick(y(level), figure(level)) for level in levels],
        [Tick(x(day), label) for day, label in _months(first, last)],
    )


def _scale(highest: Decimal) -> tuple[Decimal, int]:
    """A round top for the value axis and how many gridlines reach it: steps
    of 1, 2, 2.5 or 5 times a power of ten, at most five of them."""
    if highest <= 0:
        return Decimal(1), 4
    power = Decimal(10) ** (highest.adjusted() - 1)
    for multiple in ("1", "2", "2.5", "5", "10", "20"):
        step = Decimal(multiple) * power
        steps = math.ceil(highest / step)
        if steps <= 5:
            return step * steps, steps
    return highest, 4


def _months(first: datetime.date, last: datetime.date):
    """The first day of each month in the period (every other one past a
    year), or for a short period the start of each week."""
    if (last - first).days <= 62:
        day = first
        while day <= last:
            yield day, f"{day:%d/%m}"
            day += datetime.timedelta(days=7)
        return
    starts = []
    day = first.replace(day=1)
    while day <= last:
        if day >= first:
            starts.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    every = 1 if len(starts) <= 12 else 2
    for day in starts[::every]:
        yield day, f"{day:%m/%Y}"
