"""Login throttling against password guessing, for the admin's login form
(which the officer's screens use too).

After `PER_ACCOUNT` failed logins for one username, or `PER_ADDRESS` from one
address, within `WINDOW` seconds, the form refuses further attempts for the
rest of the window without checking the password. Counts live in the shared
cache, so every app server and worker sees them (Redis, or a database table).
"""

from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm

PER_ACCOUNT = 5
# Higher: an office's staff often share one public address.
PER_ADDRESS = 30
WINDOW = 15 * 60


class ThrottledLoginForm(LoginForm):
    """Wagtail's login form, refusing attempts past the limits."""

    def clean(self):
        counters = self.counters()
        cache = caches["shared"]
        if any(cache.get(key, 0) >= limit for key, limit in counters):
            raise ValidationError(
                _("Too many failed logins. Wait 15 minutes, then try again."),
                code="throttled",
            )
        try:
            return super().clean()
        except ValidationError:
            for key, _limit in counters:
                cache.add(key, 0, WINDOW)
                cache.incr(key)
            raise

    def counters(self) -> list[tuple[str, int]]:
        username = (self.data.get("username") or "").strip().lower()
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        return [
            (f"login-failures:account:{username[:150]}", PER_ACCOUNT),
            (f"login-failures:address:{address}", PER_ADDRESS),
        ]
