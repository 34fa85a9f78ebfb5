"""Registries that let each app add to the shared layout without editing it:
menu items (`register`), start-page panels (`register_panel`). Apps register
in their AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse


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
    return [{"url": reverse(i.url_name), "label": i.label, "url_name": i.url_name}
            for i in visible]


def panels_for(user) -> list[Panel]:
    panels = []
    for _order, build in sorted(_panels.values(), key=lambda p: p[0]):
        panel = build(user)
        if panel is not None:
            panels.append(panel)
    return panels
