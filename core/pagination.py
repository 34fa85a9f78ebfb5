"""The one way lists are paged: `?sida=N`, 50 rows a page, LIMIT n+1 instead
of COUNT(*) (the page knows whether there is a next one without counting the
whole table), shown with templates/core/_pager.html.

Lists whose last page must cost what the first does (the triage inbox) page
the keyset way instead (below): cursors, not page numbers."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core import signing

PAGE_SIZE = 50
MAX_PAGE = 10_000  # a bigger OFFSET is never a person paging, only a slow query


def page_number(value) -> int:
    """The page asked for (`?sida=`), 1 for anything that is not a number."""
    try:
        return min(max(int(value), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


@dataclass
class Page:
    """One page of rows. Iterates over its rows; the attributes the pager
    template reads are those of Django's Page, so either fits it."""

    rows: list = field(default_factory=list)
    number: int = 1
    has_next: bool = False

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    @property
    def object_list(self) -> list:
        return self.rows

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous()

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def window(number: int, per_page: int = PAGE_SIZE) -> tuple[int, int]:
    """(offset, limit) for a hand-written query: one row more than a page."""
    return (number - 1) * per_page, per_page + 1


def page_from(rows: list, number: int, per_page: int = PAGE_SIZE) -> Page:
    """The Page for rows fetched with `window` (at most per_page + 1)."""
    return Page(rows=list(rows[:per_page]), number=number, has_next=len(rows) > per_page)


def paginate(rows, request_or_number, per_page: int = PAGE_SIZE) -> Page:
    """One page of a queryset or a list; the page number comes from the
    request's `?sida=` (or is given)."""
    number = request_or_number if isinstance(request_or_number, int) else page_number(
        request_or_number.GET.get("sida"))
    offset, limit = window(number, per_page)
    return page_from(list(rows[offset:offset + limit]), number, per_page)


# --- the keyset way ----------------------------------------------------------
# For lists that must page as fast at the end as at the start (the inbox):
# no OFFSET, which reads and drops every row before the page. The page's links
# carry the sort key of its boundary row as a cursor (`?efter=` for the next
# page, `?fore=` for the previous one); the query asks for the rows after (or
# before) that key in the index's order, LIMIT n+1. The last page is the
# reversed order's first page, shown in normal order. Shown with
# templates/core/_keyset_pager.html.

CURSOR_SALT = "core.pagination.cursor"
_CURSOR_TYPES = {"int": int, "str": str, "date": date, "datetime": datetime}


class BadCursor(ValueError):
    """A cursor that is not one of ours (tampered, truncated, another sort's)."""


def cursor_token(scope: str, key: tuple) -> str:
    """An opaque, signed token for a row's sort key; `scope` (e.g. the list
    and its sort) is inside it, so a cursor of one order is refused by another."""
    values = [v.isoformat() if isinstance(v, date | datetime) else v for v in key]
    return signing.dumps([scope, *values], salt=CURSOR_SALT, compress=False)


def cursor_key(token: str, scope: str, types: tuple[str, ...]) -> tuple:
    """The sort key in a token from `cursor_token`, typed; BadCursor unless it
    is ours, for this scope, with values of these types (names of
    _CURSOR_TYPES). Signed, so a key cannot be edited, only replayed."""
    try:
        scope_in_token, *values = signing.loads(token, salt=CURSOR_SALT)
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise BadCursor(str(error)) from error
    if scope_in_token != scope or len(values) != len(types):
        raise BadCursor("another list's cursor")
    try:
        return tuple(_typed(value, kind) for value, kind in zip(values, types, strict=True))
    except (TypeError, ValueError, KeyError) as error:
        raise BadCursor(str(error)) from error


def _typed(value, kind: str):
    expected = _CURSOR_TYPES[kind]
    if kind == "datetime":
        return datetime.fromisoformat(value)
    if kind == "date":
        return date.fromisoformat(value)
    if type(value) is not expected:
        raise TypeError(f"{kind} expected")
    return value


@dataclass
class KeysetPage:
    """One page of a keyset-paged list: its rows in display order and the
    cursors of its first and last row for the pager's links. No page number:
    a keyset page does not know how many rows come before it."""

    rows: list = field(default_factory=list)
    has_next: bool = False
    has_previous: bool = False
    next_cursor: str = ""
    previous_cursor: str = ""

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def keyset_page(rows: list, *, backwards: bool, from_cursor: bool, key, scope: str,
                per_page: int = PAGE_SIZE) -> KeysetPage:
    """The KeysetPage for rows fetched LIMIT per_page + 1 in the list's order
    (or, `backwards`, in the reversed order: the previous page, the last
    page). `from_cursor`: the page starts after (or before) a row that the
    reader has seen, so there are rows that way. `key(row)` is a row's sort key."""
    more = len(rows) > per_page
    rows = list(rows[:per_page])
    if backwards:
        rows.reverse()
        has_previous, has_next = more, from_cursor
    else:
        has_previous, has_next = from_cursor, more
    return KeysetPage(
        rows=rows, has_next=has_next and bool(rows), has_previous=has_previous and bool(rows),
        next_cursor=cursor_token(scope, key(rows[-1])) if rows else "",
        previous_cursor=cursor_token(scope, key(rows[0])) if rows else "")
