"""The one access check: every permission is a `rules` predicate registered
under `<app>.<verb>_<thing>` (in the app's rules.py, or its AppConfig.ready),
and code asks through `allowed` / `require`, never `user.has_perm` or
`rules.has_perm` directly. Superusers get no shortcut: need-to-know holds for
the system administrator too (rules decides, not Django's superuser flag)."""

import rules
from django.core.exceptions import ImproperlyConfigured

from .errors import NotAllowed


def allowed(user, perm: str, obj=None) -> bool:
    """Whether `user` holds `perm` (on `obj`). Inactive and anonymous users hold none."""
    if not rules.perm_exists(perm):
        # A typo must not read as "denied" in one place and "allowed" in another.
        raise ImproperlyConfigured(f"{perm} is not a registered rules permission")
    return bool(getattr(user, "is_active", False) and rules.has_perm(perm, user, obj))


def require(user, perm: str, obj=None, *, conceal: bool = False) -> None:
    """Raise NotAllowed unless `user` holds `perm` (on `obj`). `conceal`: the
    answer is 404, not 403 (the object's existence is need-to-know)."""
    if not allowed(user, perm, obj):
        raise NotAllowed(conceal=conceal)
