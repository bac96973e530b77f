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
        cache = caches["shared"]
        account, address, tried_here = self.keys()
        if self.refused(account, address, tried_here):
            raise ValidationError(
                _("Too many failed logins. Wait 15 minutes, then try again."),
                code="throttled",
            )
        try:
            return super().clean()
        except ValidationError:
            for key in (account, address, tried_here):
                cache.add(key, 0, WINDOW)
                cache.incr(key)
            raise

    @staticmethod
    def refused(account: str, address: str, tried_here: str) -> bool:
        counts = caches["shared"].get_many([account, address, tried_here])
        return counts.get(account, 0) >= PER_ACCOUNT or (
            counts.get(address, 0) >= PER_ADDRESS and counts.get(tried_here, 0) > 0
        )

    def keys(self) -> tuple[str, str, str]:
        """Cache keys counting failures for the username, for the address,
        and for the username from the address. Hashed: both are typed or
        sent by the client and may hold anything."""
        username = (self.data.get("username") or "").strip().lower()[:150]
        address = client_address(self.request) if self.request else ""
        return (
            f"login-failures:account:{_digest(username)}",
            f"login-failures:address:{_digest(address)}",
            f"login-failures:address-account:{_digest(f'{address} {username}')}",
        )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
