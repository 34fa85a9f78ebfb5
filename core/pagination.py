"""The one way lists are paged: `?sida=N`, 50 rows a page, LIMIT n+1 instead
of COUNT(*) (the page knows whether there is a next one without counting the
whole table), shown with templates/core/_pager.html."""

from dataclasses import dataclass, field

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
