"""The yearly effects page, fast by design (issue 15, docs/effects.md
"Snabbhet på årssidan").

Three cache levels, each keyed by the year's estimates key (year, window,
today, the year's measures: effects.year_state) and the language:
1. the estimates of every finished measure of the year (effects.year_all);
2. each of those measures as its rendered table row, as compact (id, html)
   tuples, the same for every reader (the row only says what the measure's
   own page says);
3. the page's content (headings, the window form, the table page with its
   pager, caveats and method) per *visibility class*: the set of those
   measures the reader may see, hashed, so every
   reader who sees the same measures shares it.
A request with the page cached costs the year's state query and one cache
read of about one page of HTML: no estimates unpickled, no present(), no
row templates rendered. A reader's class never reads another's page, and
rows are cut to the class's measures before anything is rendered."""

import hashlib
from datetime import date

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.pagination import paginate

from . import effect_display, effect_stats, effects

ROW_MARK = "<!--row-->"
# The strongest estimates first, twenty to a page (the rest behind "Nästa"):
# what a group reads at its yearly analysis, and a page a third the size.
PAGE_SIZE = 20


def year_rows(year: int, *, key: str, weeks: int, today: date) -> list[tuple[int, str]]:
    """Every finished measure of the year as (id, rendered row), sorted by
    what the data can support: one template render for all of them."""
    rows_key = f"{key}:rows:{get_language()}"
    rows = cache.get(rows_key)
    if rows is None:
        results = effects.year_all(year, key=key, weeks=weeks, today=today)
        shown = [effect_display.present(r, with_series=False) for r in results]
        html = render_to_string("insights/_effects_rows.html", {"rows": shown})
        parts = html.split(ROW_MARK)[:len(shown)]
        rows = [(r["measure"].pk, part.strip()) for r, part in zip(results, parts, strict=True)]
        cache.set(rows_key, rows, effects.YEAR_CACHE_SECONDS)
    return rows


def year_page(request, year: int, *, form, measures, weeks: int, today: date,
              number: int) -> SafeString:
    """The page's content for a reader who may see `measures` (a queryset):
    the headings, the window form (valid: its value is in the key), page
    `number` of the year's table with its pager, caveats and method text."""
    key, visible = effects.year_state(year, measures=measures, weeks=weeks, today=today)
    digest = hashlib.blake2b(",".join(map(str, visible)).encode(), digest_size=16).hexdigest()
    page_key = f"{key}:page:{get_language()}:{digest}:{PAGE_SIZE}:{number}"
    html = cache.get(page_key)
    if html is None:
        allowed = set(visible)
        mine = [row for pk, row in year_rows(year, key=key, weeks=weeks, today=today)
                if pk in allowed]
        page = paginate(mine, number, per_page=PAGE_SIZE)
        # The request only gives the subnav its path, which is this year's URL.
        html = render_to_string("insights/_effects_year_main.html", {
            "year": year, "form": form,
            "rows_html": mark_safe("".join(page.rows)),  # noqa: S308 (rendered, escaped)
            "page": page, "query": urlencode({"veckor": weeks}),
            "min_count": effect_stats.MIN_COUNT, "method": effect_display.method_text()},
            request=request)
        cache.set(page_key, html, effects.YEAR_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 (our own rendered template)
