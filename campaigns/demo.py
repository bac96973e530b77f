"""Demo campaigns, sessions, targets and measurements from the seed reports
(`campaigns/demo_campaigns.toml`). Loading twice changes nothing."""

import datetime
import tomllib
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from wagtail.models import Page, PageLogEntry

from campaigns.models import (
    Area,
    Campaign,
    Indicator,
    MaterialUse,
    Measurement,
    OutreachSession,
    Partner,
    SessionLanguage,
    SessionOutcome,
    SessionQuestion,
    Target,
    ToolkitItem,
)
from content.models import Audience

DATA = Path(__file__).with_name("demo_campaigns.toml")
# The demo's material stands for material that was in use in 2025.
IN_USE_SINCE = datetime.datetime(2025, 1, 2, tzinfo=datetime.UTC)


def load(stdout=None) -> None:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    areas = _areas(data["area"])
    for entry in data["partner"]:
        Partner.objects.get_or_create(name=entry["name"])
    indicators = {
        entry["code"]: Indicator.objects.update_or_create(
            code=entry["code"],
            defaults={k: v for k, v in entry.items() if k != "code"}
            | {"name": entry["name_vi"]},
        )[0]
        for entry in data["indicator"]
    }
    pieces = {page.slug: page for page in Page.objects.live().specific()}
    campaigns = {}
    for entry in data["campaign"]:
        campaigns[entry["key"]] = _campaign(entry, areas, campaigns, pieces)
    for entry in data["target"]:
        Target.objects.get_or_create(
            indicator=indicators[entry["indicator"]],
            campaign=campaigns.get(entry.get("campaign")),
            area=areas.get(entry.get("area")),
            starts_on=entry["starts_on"],
            ends_on=entry["ends_on"],
            defaults={"value": Decimal(entry["value"]), "note": entry.get("note", "")},
        )
    for entry in data["measurement"]:
        Measurement.objects.get_or_create(
            indicator=indicators[entry["indicator"]],
            area=areas[entry["area"]],
            measured_on=entry["measured_on"],
            defaults={"value": Decimal(entry["value"]), "source": entry["source"]},
        )
    created = sum(
        _session(entry, campaigns, areas, indicators, pieces)
        for entry in data["session"]
    )
    if stdout is not None:
        stdout.write(f"Demo campaigns ready ({created} sessions added).")


def remove() -> None:
    """Delete the campaigns data (before the pages it refers to)."""
    OutreachSession.objects.all().delete()
    Target.objects.all().delete()
    Measurement.objects.all().delete()
    Campaign.objects.filter(parent__isnull=False).delete()
    Campaign.objects.all().delete()


def _areas(entries) -> dict[str, Area]:
    areas = {area.code: area for area in Area.objects.all()}
    for entry in entries:
        if entry["code"] in areas:
            continue
        fields = {"code": entry["code"], "name": entry["name"], "level": entry["level"]}
        if "parent" in entry:
            parent = Area.objects.get(code=entry["parent"])
            areas[entry["code"]] = parent.add_child(**fields)
        else:
            areas[entry["code"]] = Area.add_root(**fields)
    return {code: Area.objects.get(code=code) for code in areas}


def _campaign(entry, areas, campaigns, pieces) -> Campaign:
    campaign = Campaign.objects.filter(name_vi=entry["name_vi"]).first()
    if campaign is None:
        campaign = Campaign(
            name=entry["name_vi"],
            name_vi=entry["name_vi"],
            name_en=entry["name_en"],
            kind=entry["kind"],
            starts_on=entry["starts_on"],
            ends_on=entry["ends_on"],
            organising_unit=entry["organising_unit"],
            status=entry["status"],
            parent=campaigns.get(entry.get("parent")),
            languages=entry["languages"],
        )
        campaign.save()
        campaign.areas.set([areas[code] for code in entry["areas"]])
        campaign.save()
        for order, slug in enumerate(entry["toolkit"]):
            ToolkitItem.objects.create(
                campaign=campaign, piece=pieces[slug], sort_order=order
            )
    return campaign


def _session(entry, campaigns, areas, indicators, pieces) -> bool:
    starts_at = timezone.make_aware(entry["starts_at"])
    campaign = campaigns[entry["campaign"]]
    area = areas[entry["area"]]
    if OutreachSession.objects.filter(
        campaign=campaign, area=area, starts_at=starts_at, kind=entry["kind"]
    ).exists():
        return False
    session = OutreachSession(
        campaign=campaign,
        kind=entry["kind"],
        starts_at=starts_at,
        area=area,
        venue=entry.get("venue", ""),
        attendance=entry.get("attendance"),
        notes=entry.get("notes", ""),
    )
    session.audiences.set(Audience.objects.filter(slug__in=entry["audiences"]))
    session.partners.set(Partner.objects.filter(name__in=entry["partners"]))
    session.save()
    for code in entry["languages"]:
        SessionLanguage.objects.create(session=session, language=code)
    for code, value in entry.get("outcomes", []):
        SessionOutcome.objects.create(
            session=session, indicator=indicators[code], value=Decimal(value)
        )
    for text in entry.get("questions", []):
        SessionQuestion.objects.create(session=session, text=text)
    for slug, language, file_format, quantity in entry.get("material", []):
        _in_use_since(pieces[slug])
        MaterialUse.objects.create(
            session=session,
            piece=pieces[slug],
            language=language,
            format=file_format,
            quantity=quantity,
        )
    return True


def _in_use_since(page) -> None:
    """Date the piece's first publication to when the demo says it was in use."""
    first = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish")
        .order_by("timestamp")
        .first()
    )
    if first is None or first.timestamp <= IN_USE_SINCE:
        return
    PageLogEntry.objects.filter(pk=first.pk).update(timestamp=IN_USE_SINCE)
    if first.revision_id:
        type(first.revision).objects.filter(pk=first.revision_id).update(
            created_at=IN_USE_SINCE
        )
