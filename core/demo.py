"""Demo data registry. Each app registers `seed(stdout)` functions in its
AppConfig.ready(); `manage.py seed_demo` runs them in order, each idempotent."""

from collections.abc import Callable

_seeders: dict[str, tuple[int, Callable]] = {}


def register(name: str, seed: Callable, order: int = 100) -> None:
    _seeders[name] = (order, seed)


def seeders() -> list[tuple[str, Callable]]:
    return [(name, fn) for name, (order, fn) in sorted(_seeders.items(), key=lambda x: x[1][0])]
