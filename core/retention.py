"""Gallring registry. Each app that keeps personal data registers, in its
AppConfig.ready(), one `RetentionKind` per kind of data: how many items are due
as of a date, and how to dispose of them. `manage.py gallra` and the nightly
beat task run every kind in order; `--dry-run` only counts.

The rules themselves (what is due, what is cleared) live in each app's
services, next to the models they change (STYLE.md): this module only lists
them, so platform code never imports a domain app."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RetentionKind:
    key: str
    # Swedish label for the command's output (gettext_lazy).
    label: object
    # count_due(today) -> how many items gallring would dispose of.
    count_due: Callable[[date], int]
    # dispose(today) -> how many items were disposed of.
    dispose: Callable[[date], int]
    order: int = 100
    # list_due(today) -> references to print in a dry run (only for kinds
    # whose references carry no personal data, e.g. O-2026-0007).
    list_due: Callable[[date], list[str]] | None = None


_kinds: dict[str, RetentionKind] = {}


def register(kind: RetentionKind) -> None:
    _kinds[kind.key] = kind


def kinds() -> list[RetentionKind]:
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.key))


def gallra_all(*, today: date, dry_run: bool = False) -> list[tuple[RetentionKind, int]]:
    """Run (or, with dry_run, count) every registered kind. Each kind's
    dispose opens its own transactions: one kind failing does not undo the
    others that already ran."""
    results = []
    for kind in kinds():
        count = kind.count_due(today) if dry_run else kind.dispose(today)
        results.append((kind, count))
    return results


def delete_files_after_commit(file_fields) -> None:
    """Delete stored files once the transaction that removed their rows has
    committed: a rolled-back gallring must not lose files whose rows stay.
    Takes FieldFile values (row.file); empty ones are skipped."""
    from django.db import transaction

    for field in file_fields:
        if field and field.name:
            storage, name = field.storage, field.name
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
