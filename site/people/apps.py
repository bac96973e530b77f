from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """People and access: the roles and their permissions, the demo users,
    and the login throttle."""

    name = "people"
    label = "people"
    verbose_name = "Loa people"
