"""The demo's people: one user per role besides the administrator, so every
screen can be tried as the person who uses it would see it. They share the
administrator's demo password and are created once, never reset."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from campaigns.models import Area, AreaAssignment
from locales.models import LanguageGrant
from people.roles import EDITOR, MANAGER, OFFICER, REVIEWER, TRANSLATOR, setup_roles

# (username, role, languages granted, codes of the areas worked in: none for
# the whole country)
DEMO_USERS = (
    ("officer", OFFICER, (), ()),
    ("officer-sla", OFFICER, (), ("SLA",)),
    ("translator-rad", TRANSLATOR, ("rad",), ()),
    ("reviewer-rad", REVIEWER, ("rad",), ()),
    ("editor", EDITOR, (), ()),
    ("manager", MANAGER, (), ()),
    ("manager-dlk", MANAGER, (), ("DLK",)),
)


def ensure_demo_users(password: str) -> list[str]:
    """Create the roles and the missing demo users; the usernames created."""
    setup_roles()
    created = []
    for username, role, languages, areas in DEMO_USERS:
        user, is_new = get_user_model().objects.get_or_create(username=username)
        if is_new:
            user.set_password(password)
            user.save()
            created.append(username)
        user.groups.add(Group.objects.get(name=role.group))
        for language in languages:
            LanguageGrant.objects.get_or_create(user=user, language=language)
        for area in Area.objects.filter(code__in=areas):
            AreaAssignment.objects.get_or_create(user=user, area=area)
    return created
