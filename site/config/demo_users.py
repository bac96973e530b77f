"""The demo's people: one user per role besides the administrator, so every
screen can be tried as the person who uses it would see it. They share the
administrator's demo password and are created once, never reset."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from locales.models import LanguageGrant

# (username, group, the group's permissions as "app_label.codename", languages)
DEMO_USERS = (
    (
        "officer",
        "Outreach officers",
        ("campaigns.add_outreachsession", "campaigns.view_outreachsession"),
        (),
    ),
    ("translator-rad", "Translators", ("wagtailadmin.access_admin",), ("rad",)),
    (
        "reviewer-rad",
        "Translation reviewers",
        ("wagtailadmin.access_admin", "locales.review_translation"),
        ("rad",),
    ),
)


def ensure_demo_users(password: str) -> list[str]:
    """Create the missing demo users and their groups; the usernames created."""
    created = []
    for username, group_name, permissions, languages in DEMO_USERS:
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*(_permission(name) for name in permissions))
        user, is_new = get_user_model().objects.get_or_create(username=username)
        if is_new:
            user.set_password(password)
            user.save()
            created.append(username)
        user.groups.add(group)
        for language in languages:
            LanguageGrant.objects.get_or_create(user=user, language=language)
    return created


def _permission(name: str) -> Permission:
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)
