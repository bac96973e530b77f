"""Who may correct or withdraw a session: those who keep the office's
records (the permission to change any session) and the officers who logged
or held it."""

CHANGE_ANY = "campaigns.change_outreachsession"
CORRECT_OWN = "campaigns.correct_own_outreachsession"


def may_correct(user, session) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_perm(CHANGE_ANY):
        return True
    return user.has_perm(CORRECT_OWN) and (
        session.logged_by_id == user.pk or session.staff.filter(pk=user.pk).exists()
    )
