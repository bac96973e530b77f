"""Build a large, reproducible volume of data for the benchmark."""

import copy
import datetime
import json
import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from campaigns.models import (
    Area,
    Campaign,
    Indicator,
    MaterialUse,
    OutreachSession,
    SessionLanguage,
    SessionOutcome,
    Target,
)
from content.models import ExplainerIndexPage, PolicyExplainerPage
from locales.models import TranslationRecord
from locales.normalize import fold
from locales.registry import load_languages
from locales.workflow import published_units, record_translation

BATCH = 2000

# The campaign the sessions are logged in; the benchmark reports on it.
LOAD_CAMPAIGN = "Chiến dịch tải thử"

# Syllables of Central Highlands place names, to make area names that read
# (and fold) like real ones: "Krông Búk 12", "Đắk Lắk 7".
SYLLABLES = [
    "Đắk", "Krông", "Búk", "Ea", "Cư", "M'gar", "Hòa", "Phú", "Tân", "Bình",
    "Lắk", "Pắc", "Buôn", "Hồ", "Thuận", "An", "Xuân", "Quảng", "Yên", "Nghĩa",
]  # fmt: skip
# A province's districts, a district's communes, a commune's villages.
FAN_OUT = {"district": 10, "commune": 10, "village": 18}


def seed_areas(count: int, prefix: str = "SEED") -> int:
    """Add about `count` areas (whole provinces of districts, communes and
    villages) in a few bulk inserts, their tree paths computed here: adding
    them one by one through treebeard takes minutes. Returns how many."""
    last_root = Area.get_last_root_node()
    next_root = Area._str2int(last_root.path) + 1 if last_root else 1
    areas = []

    def make(path, depth, level, number, children):
        name = f"{SYLLABLES[number % 20]} {SYLLABLES[number // 20 % 20]} {number}"
        areas.append(
            Area(
                path=path,
                depth=depth,
                numchild=children,
                code=f"{prefix}-{len(areas)}",
                name=name,
                search_name=fold(name),
                level=level,
            )
        )

    per_province = 1 + 10 + 10 * 10 + 10 * 10 * FAN_OUT["village"]
    for province in range(-(-count // per_province)):
        path = Area._get_path("", 1, next_root + province)
        make(path, 1, "province", len(areas), FAN_OUT["district"])
        for district in range(1, FAN_OUT["district"] + 1):
            district_path = Area._get_path(path, 2, district)
            make(district_path, 2, "district", len(areas), FAN_OUT["commune"])
            for commune in range(1, FAN_OUT["commune"] + 1):
                commune_path = Area._get_path(district_path, 3, commune)
                make(commune_path, 3, "commune", len(areas), FAN_OUT["village"])
                for village in range(1, FAN_OUT["village"] + 1):
                    village_path = Area._get_path(commune_path, 4, village)
                    make(village_path, 4, "village", len(areas), 0)
    Area.objects.bulk_create(areas, batch_size=BATCH)
    return len(areas)


class Command(BaseCommand):
    help = (
        "Add N explainers (translated into every language, with translation "
        "records) and M outreach sessions with material use and outcomes. "
        "Seeded: the same arguments build the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pieces", type=int, default=1000)
        parser.add_argument("--sessions", type=int, default=100_000)
        parser.add_argument(
            "--areas", type=int, default=0, help="About this many areas more."
        )
        parser.add_argument("--seed", type=int, default=2025)

    @transaction.atomic
    def handle(self, *args, pieces, sessions, areas, seed, **options):
        index = ExplainerIndexPage.objects.first()
        if index is None:
            raise CommandError("Load the demo first: manage.py load_demo.")
        rng = random.Random(seed)  # noqa: S311 — reproducible data, not secrets
        made = self._pieces(index, pieces, rng)
        self.stdout.write(f"Added {len(made)} explainers.")
        self._sessions(made or list(PolicyExplainerPage.objects.all()), sessions, rng)
        self.stdout.write(f"Added {sessions} sessions.")
        if areas:
            self.stdout.write(f"Added {seed_areas(areas, prefix='LOAD-AREA')} areas.")

    def _pieces(self, index, count, rng) -> list:
        user = get_user_model().objects.filter(is_superuser=True).first()
        codes = [language.code for language in load_languages()]
        made = []
        first = PolicyExplainerPage.objects.filter(slug__startswith="load-").count()
        for number in range(first, first + count):
            fields = {}
            for code in codes:
                fields[f"title_{code}"] = f"Bài giải thích tải thử {number} [{code}]"
                fields[f"summary_{code}"] = (
                    f"Tóm tắt {number}: 15 % và 2.560.179 người."
                )
                fields[f"body_{code}"] = json.dumps(
                    [
                        {"type": "heading", "value": {"text": f"Mục {number}"}},
                        {
                            "type": "paragraph",
                            "value": f"<p>Đoạn {number} [{code}].</p>",
                        },
                    ]
                )
            page = PolicyExplainerPage(
                slug=f"load-{number}", title=fields["title_vi"], **fields
            )
            index.add_child(instance=page)
            page.save_revision(user=user).publish(user=user)
            records = []
            for field in ("title", "summary", "body"):
                for template in record_translation(page, field, codes[1], user):
                    for code in codes[2:]:
                        record = copy.copy(template)
                        record.pk, record.language = None, code
                        record.text = published_units(page, field, code).get(
                            template.unit, ""
                        )
                        record.status = rng.choice(TranslationRecord.Status.values)
                        records.append(record)
            TranslationRecord.objects.bulk_create(records)
            made.append(page)
        return made

    def _sessions(self, pieces, count, rng) -> None:
        province = Area.objects.filter(code="LOAD").first() or Area.add_root(
            code="LOAD", name="Tỉnh tải thử", level="province"
        )
        communes = list(province.get_children()) or [
            Area.objects.get(pk=province.pk).add_child(
                code=f"LOAD-{n}", name=f"Xã {n}", level="commune"
            )
            for n in range(50)
        ]
        campaign, _created = Campaign.objects.get_or_create(
            name=LOAD_CAMPAIGN,
            defaults={
                "name_vi": LOAD_CAMPAIGN,
                "kind": Campaign.Kind.YEARLY,
                "starts_on": datetime.date(2025, 1, 1),
                "ends_on": datetime.date(2025, 12, 31),
                "organising_unit": "Loa",
            },
        )
        campaign.areas.add(province)
        enrolments, _created = Indicator.objects.get_or_create(
            code="load-enrolments",
            defaults={
                "name": "Đăng ký mới (tải thử)",
                "unit": "people",
                "aggregation": "sum",
            },
        )
        Target.objects.get_or_create(
            campaign=campaign,
            indicator=enrolments,
            starts_on=campaign.starts_on,
            ends_on=campaign.ends_on,
            defaults={"value": count * 2},
        )
        kinds = [kind for kind, _label in OutreachSession.Kind.choices]
        codes = [language.code for language in load_languages()]
        start = timezone.make_aware(datetime.datetime(2025, 1, 1, 8))
        for first in range(0, count, BATCH):
            batch = [
                OutreachSession(
                    campaign=campaign,
                    kind=rng.choice(kinds),
                    starts_at=start
                    + datetime.timedelta(minutes=rng.randrange(525_000)),
                    area=rng.choice(communes),
                    attendance=rng.randrange(5, 200),
                )
                for _ in range(min(BATCH, count - first))
            ]
            OutreachSession.objects.bulk_create(batch)
            SessionLanguage.objects.bulk_create(
                SessionLanguage(session=session, language=rng.choice(codes))
                for session in batch
            )
            SessionOutcome.objects.bulk_create(
                SessionOutcome(
                    session=session, indicator=enrolments, value=rng.randrange(0, 20)
                )
                for session in batch
            )
            MaterialUse.objects.bulk_create(
                MaterialUse(
                    session=session,
                    piece=rng.choice(pieces),
                    language=rng.choice(codes),
                    format=MaterialUse.Format.PRINT,
                    quantity=rng.randrange(1, 50),
                )
                for session in batch
            )
