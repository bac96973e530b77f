"""Factories that build test data; seeded so every run builds the same."""

import factory.random
import wagtail_factories

from content.models import HomePage

factory.random.reseed_random("loa")


class HomePageFactory(wagtail_factories.PageFactory):
    title_vi = "Trang chủ Loa"
    title_en = "Loa home"
    intro_vi = "Bảo hiểm xã hội, bảo hiểm y tế cho mọi người."
    intro_en = "Social and health insurance for everyone."
    slug = "home"

    class Meta:
        model = HomePage
