"""Search and filter parameters with SQL and regex metacharacters, odd
characters and very long strings are answered, never with a server error."""

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import PolicyExplainerPageFactory
from tests.fuzzing import fuzz

HOSTILE = [
    "' OR 1=1 --",
    '"; DROP TABLE wagtailcore_page; --',
    "%_%",
    "\\",
    ".*(a+)+$",
    "[[:alpha:]]{1,}",
    "\x00",
    "ꪼꪕꪒꪾ ខ្មែរ 🙂",
    "a" * 10_000,
    "2025-13-45",
    "0001-01-01",
    "9999-12-31",
    "-1",
    "9" * 40,
]
FUZZ = fuzz(examples=20)


def public_urls(value):
    return [
        ("/vi/search/", {"q": value}),
        ("/api/v2/pages/", {"search": value}),
        ("/api/v2/pages/", {"locale": value}),
        ("/api/v2/pages/", {"type": value}),
        ("/api/v2/pages/", {"offset": value, "limit": value}),
        ("/api/v2/campaigns/", {"offset": value, "limit": value}),
    ]


def staff_urls(value):
    return [
        (
            "/vi/officer/sessions/",
            dict.fromkeys(("campaign", "area", "since"), value),
        ),
        ("/vi/officer/sessions/", {"language": value, "kind": value, "page": value}),
        (reverse("translation_matrix"), {"kind": value, "state": value, "p": value}),
        (reverse("sessions_report"), {"campaign": value, "since": value, "by": value}),
    ]


@pytest.fixture
def signed_in(client, explainer_index):
    PolicyExplainerPageFactory(parent=explainer_index)
    client.force_login(get_user_model().objects.create_superuser("kiem-thu"))
    return client


def assert_answered(client, urls):
    for path, params in urls:
        status = client.get(path, params).status_code
        assert status in (200, 302, 400, 404), (path, params, status)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameters_are_answered(client, signed_in, value):
    assert_answered(client, public_urls(value) + staff_urls(value))


@FUZZ
@given(st.text(max_size=300))
def test_fuzzed_search_and_filters_are_answered(client, signed_in, value):
    assert_answered(client, public_urls(value) + staff_urls(value))


@pytest.mark.parametrize("endpoint", ["/api/v2/pages/", "/api/v2/campaigns/"])
@pytest.mark.parametrize(
    "offset", [str(10**30), "99999999999999999999", "9_223_372_036_854_775_807"]
)
def test_an_offset_past_any_listing_is_a_400_that_says_the_bound(
    client, signed_in, endpoint, offset
):
    response = client.get(endpoint, {"offset": offset})
    assert response.status_code == 400
    assert response.json() == {"message": "offset cannot be higher than 1000000000"}


@pytest.mark.parametrize("endpoint", ["/api/v2/pages/", "/api/v2/campaigns/"])
def test_an_offset_up_to_the_bound_is_an_empty_page(client, signed_in, endpoint):
    response = client.get(endpoint, {"offset": "1000000000"})
    assert response.status_code == 200
    assert response.json()["items"] == []
