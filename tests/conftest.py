import datetime

from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.utils import translation

from wagtail.models import Page, Site

import pytest

from people.roles import OFFICER
from tests.factories import (
    CampaignFactory,
    ExplainerIndexPageFactory,
    FAQIndexPageFactory,
    HomePageFactory,
    IndicatorFactory,
    PolicyExplainerPageFactory,
    RadioScriptIndexPageFactory,
    area,
    user_in,
)


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches. The shared cache's table, on
    the embedded default, is emptied by each test's rollback instead."""
    in_memory = [
        cache for cache in caches.all() if not isinstance(cache, DatabaseCache)
    ]
    for cache in in_memory:
        cache.clear()
    yield
    for cache in in_memory:
        cache.clear()


@pytest.fixture
def english():
    """Messages in English, for tests that read them outside a request."""
    with translation.override("en"):
        yield


@pytest.fixture
def home_page(db):
    """A published home page, translated into Vietnamese and English only,
    as the root of the default site."""
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


@pytest.fixture
def explainer_index(home_page):
    return ExplainerIndexPageFactory(parent=home_page)


@pytest.fixture
def faq_index(home_page):
    return FAQIndexPageFactory(parent=home_page)


@pytest.fixture
def radio_index(home_page):
    return RadioScriptIndexPageFactory(parent=home_page)


@pytest.fixture
def officer(db):
    """An outreach officer, with the role's permissions and no areas."""
    return user_in(OFFICER, "officer-mai")


@pytest.fixture
def setting(explainer_index):
    """What an officer's session refers to: a campaign in October 2025, a
    province, a published explainer and an indicator."""
    campaign = CampaignFactory(
        starts_on=datetime.date(2025, 10, 1), ends_on=datetime.date(2025, 10, 31)
    )
    village = area("DLK", "Đắk Lắk", "province")
    piece = PolicyExplainerPageFactory(parent=explainer_index)
    return campaign, village, piece, IndicatorFactory(name="Người đăng ký BHYT mới")
