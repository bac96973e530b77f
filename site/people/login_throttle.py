"""Login throttling against password guessing, for the admin's login form
(which the officer's screens use too).

Two limits, each over `WINDOW` seconds, with counts in the shared cache so
every app server and worker sees them (Redis, or a database table):

- `PER_ACCOUNT` failed logins for one username refuse that username, from
  anywhere, without checking the password: the bound on guessing one
  account's password.
- `PER_ADDRESS` failed logins from one client address (see
  `people.client_address`) bound guessing across many accounts from one
  place. Past it, the address is refused only the usernames that have failed
  from it in the window; a username with no failure from there still has its
  password checked. An office's staff share one public address, so a
  colleague's typos, or someone guessing from the same network, never lock
  out a person who types their own password right; whoever guesses gets at
  most one more try per account name before that name is refused too (and
  the account's own limit still counts it).

A refused attempt says the same whatever the password, and counts nothing.
"""

import hashlib
import time
from math import ceil

from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm

from people.client_address import client_address

PER_ACCOUNT = 5
PER_ADDRESS = 30
WINDOW = 15 * 60


class ThrottledLoginForm(LoginForm):
    """Wagtail's login form, refusing attempts past the limits."""

    def clean(self):
        keys = self.keys()
        counted = caches["shared"].get_many(keys)
        if refused(counted, *keys):
            raise ValidationError(
                _("Too many failed logins. Wait 15 minutes, then try again."),
                code="throttled",
            )
        try:
            return super().clean()
        except ValidationError:
            count_failure(keys, counted)
            raise

    def keys(self) -> tuple[str, str, str]:
        """Cache keys counting failures for the username, for the address,
        and for the username from the address. Hashed: both are typed or
        sent by the client and may hold anything."""
        username = (self.data.get("username") or "").strip().lower()[:150]
        address = client_address(self.request) if self.request else ""
        return (
            f"login-window:account:{_digest(username)}",
            f"login-window:address:{_digest(address)}",
            f"login-window:address-account:{_digest(f'{address} {username}')}",
        )


def failures(counted: dict, key: str) -> int:
    return counted.get(key, (0, 0))[0]


def refused(counted: dict, account: str, address: str, tried_here: str) -> bool:
    return failures(counted, account) >= PER_ACCOUNT or (
        failures(counted, address) >= PER_ADDRESS and failures(counted, tried_here) > 0
    )


def count_failure(keys, counted: dict) -> None:
    """One more failure under each key, kept as (count, end of window): the
    window opens at the first failure and later ones do not move its end
    (the cache's own `incr` would reset it to the cache's default timeout).
    Two workers counting the same key at the same instant may count once."""
    now = time.time()
    for key in keys:
        count, ends = counted.get(key, (0, now + WINDOW))
        caches["shared"].set(key, (count + 1, ends), timeout=max(1, ceil(ends - now)))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
