"""Server-side SVG charts. Each chart is an image with a title and a
description; the page always shows the same numbers in a table beside it."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

PALETTE = ["#00507a", "#c2410c", "#1e6b34", "#7e22ce", "#a4161a", "#0f766e", "#8a5a00",
           "#374151", "#be185d", "#4338ca"]


def _nice_max(value: int) -> int:
    if value <= 5:
        return 5
    for step in (10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000,
                 100000, 200000, 500000, 1000000):
        if value <= step * 5:
            return ((value + step - 1) // step) * step
    return value


def bar_chart(labels: list[str], series: list[dict], *, title: str, chart_id: str,
              description: str = "") -> str:
    """Grouped horizontal bars: one row per label, one bar per series."""
    row_height = 14 * len(series) + 10
    left, width, top = 150, 620, 24
    height = top + row_height * len(labels) + 30
    top_value = _nice_max(max([max(s["values"] or [0]) for s in series] + [1]))
    scale = (width - left - 50) / top_value
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} '
             f'{height}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d">',
             f'<title id="{chart_id}-t">{escape(title)}</title>',
             f'<desc id="{chart_id}-d">{escape(description)}</desc>']
    for tick in range(0, 6):
        value = top_value * tick // 5
        x = left + value * scale
        parts.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" '
                     f'y2="{height - 26}" stroke="#d0d7de"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 12}" font-size="11" '
                     f'text-anchor="middle" fill="#1b1f24">{value}</text>')
    for row, label in enumerate(labels):
        y = top + row * row_height
        parts.append(f'<text x="{left - 6}" y="{y + row_height / 2:.1f}" font-size="12" '
                     f'text-anchor="end" dominant-baseline="middle" fill="#1b1f24">'
                     f'{escape(label)}</text>')
        for index, serie in enumerate(series):
            value = serie["values"][row]
            bar_y = y + 4 + index * 14
            parts.append(f'<rect x="{left}" y="{bar_y}" width="{max(value * scale, 0):.1f}" '
                         f'height="12" fill="{PALETTE[index % len(PALETTE)]}"/>')
            parts.append(f'<text x="{left + value * scale + 4:.1f}" y="{bar_y + 10}" '
                         f'font-size="10" fill="#1b1f24">{value}</text>')
    for index, serie in enumerate(series):
        x = left + index * 160
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" '
                     f'fill="{PALETTE[index % len(PALETTE)]}"/>')
        parts.append(f'<text x="{x + 16}" y="14" font-size="11" fill="#1b1f24">'
                     f'{escape(serie["name"])}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)


def line_chart(periods: list[str], series: list[dict], *, title: str, chart_id: str,
               description: str = "") -> str:
    """One line per series over the periods, with a legend below."""
    width, left, right, top, plot_h = 760, 40, 20, 16, 220
    legend_rows = (len(series) + 3) // 4
    height = top + plot_h + 40 + legend_rows * 18
    top_value = _nice_max(max([max(s["values"] or [0]) for s in series] + [1]))
    step = (width - left - right) / max(len(periods) - 1, 1)

    def point(index, value):
        return left + index * step, top + plot_h - plot_h * value / top_value

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} '
             f'{height}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d">',
             f'<title id="{chart_id}-t">{escape(title)}</title>',
             f'<desc id="{chart_id}-d">{escape(description)}</desc>']
    for tick in range(0, 6):
        value = top_value * tick // 5
        _, y = point(0, value)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                     f'stroke="#d0d7de"/><text x="{left - 4}" y="{y + 4:.1f}" font-size="10" '
                     f'text-anchor="end" fill="#1b1f24">{value}</text>')
    for index, label in enumerate(periods):
        x, _ = point(index, 0)
        parts.append(f'<text x="{x:.1f}" y="{top + plot_h + 16}" font-size="9" '
                     f'text-anchor="middle" fill="#1b1f24">{escape(label)}</text>')
    for number, serie in enumerate(series):
        color = PALETTE[number % len(PALETTE)]
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in
                          (point(i, v) for i, v in enumerate(serie["values"])))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{color}" '
                     f'stroke-width="2"/>')
        lx = left + (number % 4) * 180
        ly = top + plot_h + 34 + (number // 4) * 18
        parts.append(f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" fill="{color}"/>'
                     f'<text x="{lx + 16}" y="{ly}" font-size="11" fill="#1b1f24">'
                     f'{escape(serie["name"])}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)
