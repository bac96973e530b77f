"""Who may change text in which language.

Translators (users with a `LanguageGrant`) may change only the translated
fields of their granted languages; everyone else is governed by Wagtail's
permissions alone. The rule is applied to the form on the server, so values
posted for other fields are ignored whatever the browser sends.
"""

from django.core.exceptions import FieldDoesNotExist

from wagtail.permission_policies.pages import PagePermissionPolicy

from modeltranslation.translator import NotRegistered, translator

from locales.registry import source_language_code


def editable_languages(user) -> set[str] | None:
    """The languages `user` may write in; None when not restricted."""
    if user.is_superuser or user.has_perm("locales.translate_any_language"):
        return None
    granted = {grant.language for grant in user.language_grants.all()}
    if not granted:
        return None
    return granted - {source_language_code()}


def field_languages(model) -> dict[str, str]:
    """{translation field name: its language} for a registered model."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    return {
        field.name: field.language
        for fields in options.all_fields.values()
        for field in fields
    }


def restrict_form_to_languages(form, user) -> None:
    """Disable every model field of `form` that `user` may not change, and stop
    its inline formsets from adding, changing or deleting rows."""
    languages = editable_languages(user)
    if languages is None:
        return
    model = form._meta.model
    allowed = {
        name
        for name, language in field_languages(model).items()
        if language in languages
    }
    for name, field in form.fields.items():
        if name in allowed or not _is_model_field(model, name):
            continue
        field.disabled = True
    for formset in getattr(form, "formsets", {}).values():
        formset.can_delete = False
        formset.extra = 0
        formset.max_num = formset.initial_form_count()
        formset.validate_max = True
        for child in formset.forms:
            for field in child.fields.values():
                field.disabled = True


def _is_model_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def can_edit_piece(user, piece) -> bool:
    """Wagtail's own answer: may `user` edit `piece`?"""
    if hasattr(piece, "permissions_for_user"):
        return piece.permissions_for_user(user).can_edit()
    opts = piece._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def translatable_languages(user) -> set[str] | None:
    """The languages `user` may bring translations into through files: their
    granted ones, every one for who may edit pages, none for anyone else (a
    manager, who reads and changes nothing)."""
    languages = editable_languages(user)
    if languages is None and not PagePermissionPolicy().user_has_permission(
        user, "change"
    ):
        return set()
    return languages


def can_translate(user, piece, language: str) -> bool:
    """Translators may write in their granted languages; everyone else in
    any language of a piece they may edit. Nobody translates the source."""
    if language == source_language_code():
        return False
    languages = editable_languages(user)
    if languages is None:
        return can_edit_piece(user, piece)
    return language in languages


def can_review(user, piece, language: str) -> bool:
    return user.has_perm("locales.review_translation") and can_translate(
        user, piece, language
    )
