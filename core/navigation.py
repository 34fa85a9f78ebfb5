"""Registries that let each app add to the shared layout without editing it:
menu items (`register`), start-page panels (`register_panel`). Apps register
in their AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.urls import get_script_prefix, get_urlconf, reverse


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    visible: Callable = field(compare=False)
    order: int = 100


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
             "url_name": i.url_name} for i in visible]


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
