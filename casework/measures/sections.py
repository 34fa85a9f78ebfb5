"""Sections that other apps add to the measure page (`/atgarder/<id>/`), such
as the effect follow-up of insights, without casework importing them (the
layers point down: analytics builds on casework, not the other way round). An
app registers a builder in its AppConfig.ready(); the page shows, below the
facts, what each returns for the measure the user may already see."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    html: str  # rendered by the registering app
    status: int = 200  # 400 when the section's own GET parameters were bad


_builders: dict[str, tuple[int, Callable]] = {}


def register(name: str, build: Callable, order: int = 100) -> None:
    """`build(request, measure)` returns a Section or None (nothing to show)."""
    _builders[name] = (order, build)


def sections_for(request, measure) -> list[Section]:
    ordered = sorted(_builders.items(), key=lambda item: (item[1][0], item[0]))
    sections = (build(request, measure) for _, (_, build) in ordered)
    return [section for section in sections if section is not None]
