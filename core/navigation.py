"""Registries that let each app add to the shared layout without editing it:
menu items (`register`), start-page panels (`register_panel`). Apps register
in their AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.core.cache import caches
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    visible: Callable = field(compare=False)
    order: int = 100
    group: str = ""  # a key of GROUPS; "" stands on its own in the menu
    # False: `visible` depends only on what `_menu_key` holds (roles, staff,
    # organisation kind), so it is asked once per such set. True: asked per
    # user, once per version token of the user (accounts/user_cache.py): what
    # it reads must renew that token when it changes (e.g. a membership).
    per_user: bool = False


# The menu is grouped by task so that it fits on one line at 1366 px and wraps
# without sideways scrolling on a phone, whatever the user's roles. A group
# with a single visible item is shown as that item, not as a one-item menu.
GROUPS = {
    "est": (20, _("EST")),
    "concerns": (40, _("Violent extremism")),
    "meetings": (50, _("Meetings and walks")),
    "review": (90, _("Review")),
}


@dataclass(frozen=True)
class Panel:
    """A box on the start page: a title, a number, a link and a few lines."""

    title: str
    url: str = ""
    count: int | None = None
    lines: tuple = ()
    empty_text: str = ""


_items: dict[str, NavItem] = {}
_panels: dict[str, tuple[int, Callable]] = {}


def register(item: NavItem) -> None:
    _items[item.url_name] = item
    _visible_by_key.clear()
    _menus.clear()


def register_panel(name: str, build: Callable, order: int = 100) -> None:
    """`build(user)` returns a Panel or None (not for this user)."""
    _panels[name] = (order, build)


# menu key -> visible url names of the role-determined items; per key and
# per-user items -> the finished menu. Few distinct keys exist (role sets);
# the bound only guards against a surprise.
_visible_by_key: dict[tuple, frozenset] = {}
_menus: dict[tuple, list] = {}
_MAX_KEYS = 2000


def _forget_menus(**kwargs) -> None:
    """A changed setting (tests; `visible` may read one) starts afresh."""
    _visible_by_key.clear()
    _menus.clear()


setting_changed.connect(_forget_menus, dispatch_uid="core-navigation-menus")


def _menu_key(user) -> tuple:
    """Everything the role-determined items' `visible` may read."""
    from accounts.roles import role_names

    organisation = getattr(user, "organisation", None)
    return (tuple(sorted(role_names(user))), user.is_active, user.is_staff,
            user.is_superuser, getattr(organisation, "kind", None),
            get_script_prefix(), get_urlconf())


def items_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    return _items_by_names(_visible_names(user, _menu_key(user)))


def _visible_names(user, key: tuple) -> frozenset:
    shared = _visible_by_key.get(key)
    if shared is None:
        if len(_visible_by_key) > _MAX_KEYS:
            _visible_by_key.clear()
        shared = _visible_by_key[key] = frozenset(
            i.url_name for i in _items.values() if not i.per_user and i.visible(user))
    return shared | _per_user_names(user)


def _per_user_names(user) -> frozenset:
    """Asked on every request, unless the user came with a version token
    (accounts/user_cache.py): then once per version, which is renewed when
    anything these items read changes (roles, organisation, membership)."""
    version = getattr(user, "_tryggsam_version", None)
    key = f"tryggsam:menu:{user.pk}:{version}"
    names = caches["local"].get(key) if version else None
    if names is None:
        names = frozenset(i.url_name for i in _items.values()
                          if i.per_user and i.visible(user))
        if version:
            caches["local"].set(key, names, 300)
    return names


def _items_by_names(names) -> list[dict]:
    visible = sorted((_items[name] for name in names), key=lambda i: i.order)
    prefix, urlconf = get_script_prefix(), get_urlconf()
    return [{"url": _menu_url(i.url_name, prefix, urlconf), "label": i.label,
             "url_name": i.url_name, "group": i.group} for i in visible]


def menu_for(user) -> list[dict]:
    """The menu as the layout shows it: entries in order, each either a link
    (`url`, `label`) or a group (`label`, `links`) of two or more links.
    Built once per menu key and set of visible per-user items; the lists
    returned are shared, callers must not change them."""
    if not user.is_authenticated:
        return []
    key = _menu_key(user)
    return _menu(key, _visible_names(user, key))


def _menu(key: tuple, names: frozenset) -> list[dict]:
    menu = _menus.get((key, names))
    if menu is None:
        if len(_menus) > _MAX_KEYS:
            _menus.clear()
        menu = _menus[(key, names)] = _build_menu(_items_by_names(names))
    return menu


def menu_identity(user) -> tuple:
    """What decides the user's menu (role-set key and visible names): equal
    identities, equal menus. For caches of what is built from the menu."""
    key = _menu_key(user)
    return key, _visible_names(user, key)


def menu_for_identity(identity: tuple) -> list[dict]:
    return _menu(*identity)


def menu_urls(identity: tuple) -> set[str]:
    key, names = identity
    return {_menu_url(name, key[-2], key[-1]) for name in names}


def _build_menu(items: list[dict]) -> list[dict]:
    entries, groups = [], {}
    for item in items:
        if not item["group"]:
            entries.append({"order": _item_order(item), "label": item["label"],
                            "url": item["url"]})
            continue
        group = groups.get(item["group"])
        if group is None:
            order, label = GROUPS[item["group"]]
            group = groups[item["group"]] = {"order": order, "label": label, "links": []}
            entries.append(group)
        group["links"].append(item)
    menu = []
    for entry in sorted(entries, key=lambda e: e["order"]):
        if "links" in entry and len(entry["links"]) == 1:
            only = entry["links"][0]
            entry = {"order": entry["order"], "label": only["label"], "url": only["url"]}
        menu.append(entry)
    return menu


def _item_order(item: dict) -> int:
    return _items[item["url_name"]].order


@cache
def _menu_url(url_name: str, prefix: str, urlconf) -> str:
    """The menu is on every page and its URLs never change while the process
    runs (for one script prefix and URL configuration): reverse each once."""
    return reverse(url_name, urlconf=urlconf)


def panels_for(user) -> list[Panel]:
    panels = []
    for _order, build in sorted(_panels.values(), key=lambda p: p[0]):
        panel = build(user)
        if panel is not None:
            panels.append(panel)
    return panels
