"""Links that other apps add to the safety-walk page (`/trygghetsvandringar/<id>/`),
such as the trygghetsmöte held with the walk, without insights importing them
(the layers point down: townmeetings builds on insights, not the other way
round). An app registers a builder in its AppConfig.ready(); the page shows
what each returns for the walk. The builder decides who may see its links:
the walk page shows them to every reader of the walk."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class WalkLink:
    label: str  # what the link leads to, e.g. "Trygghetsmöte"
    text: str  # the link text: a reference, a date
    url: str


_builders: dict[str, tuple[int, Callable]] = {}


def register(name: str, build: Callable[..., Iterable[WalkLink]], order: int = 100) -> None:
    """`build(user, walk)` returns the links `user` may follow (empty: none).
    One builder per name; registering a name again replaces it."""
    _builders[name] = (order, build)


def links_for(user, walk) -> list[WalkLink]:
    ordered = sorted(_builders.items(), key=lambda item: (item[1][0], item[0]))
    return [link for _, (_, build) in ordered for link in build(user, walk)]
