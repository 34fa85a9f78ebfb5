"""Registries that let each app add to the shared layout without editing it:
menu items (`register`), start-page panels (`register_panel`). Apps register
in their AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    visible: Callable = field(compare=False)
    order: int = 100
    group: str = ""  # a key of GROUPS; "" stands on its own in the menu


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


def register_panel(name: str, build: Callable, order: int = 100) -> None:
    """`build(user)` returns a Panel or None (not for this user)."""
    _panels[name] = (order, build)


def items_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    visible = sorted((i for i in _items.values() if i.visible(user)), key=lambda i: i.order)
    prefix, urlconf = get_script_prefix(), get_urlconf()
    return [{"url": _menu_url(i.url_name, prefix, urlconf), "label": i.label,
             "url_name": i.url_name, "group": i.group} for i in visible]


def menu_for(user) -> list[dict]:
    """The menu as the layout shows it: entries in order, each either a link
    (`url`, `label`) or a group (`label`, `links`) of two or more links."""
    entries, groups = [], {}
    for item in items_for(user):
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
