"""The admin's campaign screens, each narrowed to the areas its reader works
in (campaigns.area_scope): lists show only the rows inside, a row outside
answers 404 on every screen that names it (edit, inspect, history, usage,
delete), and forms offer only the campaigns and areas inside."""

from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.model import ModelViewSet

from campaigns.area_scope import scope_of

OBJECT_VIEWS = (
    "edit_view_class",
    "delete_view_class",
    "history_view_class",
    "usage_view_class",
    "copy_view_class",
    "inspect_view_class",
)


class InScopeListMixin:
    def get_base_queryset(self):
        return scope_of(self.request.user).narrow(super().get_base_queryset())

    @cached_property
    def filters(self):
        """The list's filters offer only the campaigns and areas inside."""
        filterset = super().filters
        if filterset is not None:
            scope_of(self.request.user).limit_choices(filterset.form)
        return filterset


OUTSIDE = _(
    "This would lie outside the areas you work in: choose an area (or a "
    "campaign) inside them."
)


class OutsideScope(Exception):
    """A saved row the person could not see: undone with its transaction."""


class InScopeObjectMixin:
    def get_object(self, *args, **kwargs):
        found = super().get_object(*args, **kwargs)
        if found is not None and not scope_of(self.request.user).may_see(found):
            raise Http404
        return found

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        scope_of(self.request.user).limit_choices(form)
        return form

    def save_instance(self):
        # A campaign-wide target of a campaign reaching other provinces too,
        # say: what is saved must be what its author may see afterwards.
        instance = super().save_instance()
        if not scope_of(self.request.user).may_see(instance):
            raise OutsideScope
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except OutsideScope:
            form.add_error(None, OUTSIDE)
            self.produced_error_message = OUTSIDE
            return self.form_invalid(form)


class InScopeModelViewSet(ModelViewSet):
    """A model's admin screens, narrowed to the reader's areas."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.index_view_class = _narrowed(cls.index_view_class, InScopeListMixin)
        cls.add_view_class = _narrowed(cls.add_view_class, InScopeObjectMixin)
        for name in OBJECT_VIEWS:
            setattr(cls, name, _narrowed(getattr(cls, name), InScopeObjectMixin))


def _narrowed(view_class, mixin):
    if issubclass(view_class, mixin):
        return view_class
    return type(f"InScope{view_class.__name__}", (mixin, view_class), {})
