"""Where a piece of material is used. `content` does not know who uses it:
other apps register a provider that renders their part of the "Where used"
panel of a piece's edit screen (the campaigns app lists sessions)."""

from collections.abc import Callable

USAGE_PROVIDERS: list[Callable] = []


def register_usage_provider(provider: Callable) -> None:
    """`provider(page)` returns HTML describing where `page` is used."""
    if provider not in USAGE_PROVIDERS:
        USAGE_PROVIDERS.append(provider)
