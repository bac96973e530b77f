"""Factories that build test data; seeded so every run builds the same."""

import datetime
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

import factory.random
import wagtail_factories

from campaigns.models import Area, AreaAssignment, Campaign, Indicator
from content.models import (
    ExplainerIndexPage,
    FAQAnswerPage,
    FAQIndexPage,
    HomePage,
    LegalProvision,
    PolicyExplainerPage,
    RadioScriptIndexPage,
    RadioScriptPage,
    Topic,
    TopicIndexPage,
)
from locales.models import LanguageGrant
from people.roles import setup_roles

factory.random.reseed_random("loa")


class HomePageFactory(wagtail_factories.PageFactory):
    title_vi = "Trang chủ Loa"
    title_en = "Loa home"
    intro_vi = "Bảo hiểm xã hội, bảo hiểm y tế cho mọi người."
    intro_en = "Social and health insurance for everyone."
    slug = "home"

    class Meta:
        model = HomePage


def stream(*blocks) -> str:
    """StreamField data from (block type, value) pairs."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


class TopicFactory(factory.django.DjangoModelFactory):
    name_vi = factory.Sequence(lambda n: f"Chủ đề {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = Topic


class LegalProvisionFactory(factory.django.DjangoModelFactory):
    kind = LegalProvision.Kind.LAW
    number = factory.Sequence(lambda n: f"{n}/2024/QH15")
    title_vi = "Luật Bảo hiểm xã hội"
    title_en = "Law on Social Insurance"

    class Meta:
        model = LegalProvision


class MaterialPageFactory(wagtail_factories.PageFactory):
    """Material is published the way editors publish it: through a revision."""

    class Meta:
        abstract = True

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create:
            page.save_revision().publish()

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        """Publishing saved the page already."""


class ExplainerIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.SelfAttribute("title_vi")
    title_vi = "Giải thích chính sách"
    title_en = "Policy explainers"
    slug = "explainers"

    class Meta:
        model = ExplainerIndexPage


class PolicyExplainerPageFactory(MaterialPageFactory):
    title = factory.SelfAttribute("title_vi")
    title_vi = factory.Sequence(lambda n: f"Bảo hiểm xã hội tự nguyện {n}")
    title_en = factory.Sequence(lambda n: f"Voluntary social insurance {n}")
    slug = factory.Sequence(lambda n: f"explainer-{n}")
    summary_vi = "Đóng theo khả năng, hưởng lương hưu khi về già."
    summary_en = "Pay what you can, draw a pension in old age."
    body_vi = stream(
        ("heading", {"text": "Ai được tham gia"}),
        ("paragraph", "<p>Người dân từ đủ 15 tuổi.</p>"),
    )
    body_en = stream(
        ("heading", {"text": "Who can join"}),
        ("paragraph", "<p>Anyone aged 15 or over.</p>"),
    )

    class Meta:
        model = PolicyExplainerPage


class FAQIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.SelfAttribute("title_vi")
    title_vi = "Hỏi đáp"
    title_en = "Questions and answers"
    slug = "faq"

    class Meta:
        model = FAQIndexPage


class FAQAnswerPageFactory(MaterialPageFactory):
    title = factory.SelfAttribute("title_vi")
    title_vi = factory.Sequence(lambda n: f"Câu hỏi {n}?")
    title_en = factory.Sequence(lambda n: f"Question {n}?")
    slug = factory.Sequence(lambda n: f"question-{n}")
    short_answer_vi = "Có."
    short_answer_en = "Yes."
    full_answer_vi = "<p>Có, tại bưu điện xã.</p>"
    full_answer_en = "<p>Yes, at the commune post office.</p>"

    class Meta:
        model = FAQAnswerPage


class RadioScriptIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.SelfAttribute("title_vi")
    title_vi = "Kịch bản phát thanh"
    slug = "radio"

    class Meta:
        model = RadioScriptIndexPage


class RadioScriptPageFactory(MaterialPageFactory):
    title = factory.SelfAttribute("title_vi")
    title_vi = factory.Sequence(lambda n: f"Thông báo {n}")
    slug = factory.Sequence(lambda n: f"script-{n}")
    slot_seconds = 60
    body_vi = stream(
        ("music_cue", {"text": "Nhạc hiệu", "seconds": 5}),
        (
            "speaker_line",
            {"speaker": "Phát thanh viên", "text": " ".join(["lời"] * 160)},
        ),
        ("pause", {"seconds": 2}),
    )

    class Meta:
        model = RadioScriptPage


class TopicIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.SelfAttribute("title_vi")
    title_vi = "Chủ đề"
    title_en = "Topics"
    slug = "topics"

    class Meta:
        model = TopicIndexPage


def user_in(role, username: str, areas=()):
    """A user in `role`'s group, the groups set up as `setup_roles` does,
    working in `areas` (none: the whole country)."""
    setup_roles()
    user = get_user_model().objects.create_user(username)
    user.groups.add(Group.objects.get(name=role.group))
    for place in areas:
        AreaAssignment.objects.create(user=user, area=place)
    return user


def translator_user(username: str, *languages: str, reviewer: bool = False):
    """An admin user granted `languages`; a reviewer may also approve."""
    user = get_user_model().objects.create_user(username)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if reviewer:
        user.user_permissions.add(Permission.objects.get(codename="review_translation"))
    for language in languages:
        LanguageGrant.objects.create(user=user, language=language)
    return user


def area(code: str, name: str, level: str, parent=None):
    """An area placed in the tree under `parent`."""
    fields = {"code": code, "name": name, "level": level}
    if parent is None:
        return Area.add_root(**fields)
    return Area.objects.get(pk=parent.pk).add_child(**fields)


class CampaignFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Chiến dịch cao điểm {n}")
    name_vi = factory.SelfAttribute("name")
    kind = Campaign.Kind.PEAK
    starts_on = datetime.date(2025, 10, 1)
    ends_on = datetime.date(2025, 10, 20)
    organising_unit = "BHXH tỉnh Đắk Lắk"

    class Meta:
        model = Campaign


class IndicatorFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"indicator-{n}")
    name = factory.Sequence(lambda n: f"Chỉ tiêu {n}")
    name_vi = factory.SelfAttribute("name")
    unit = Indicator.Unit.PEOPLE
    aggregation = Indicator.Aggregation.SUM

    class Meta:
        model = Indicator
