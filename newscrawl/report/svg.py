"""Small SVG charts written as text: the report needs no library, no script and no network.

Every drawn data element has class ``mark`` and a ``<title>`` (the browser's
tooltip), so a test can count what was drawn and a reader can hover for values.
"""

from __future__ import annotations

from html import escape

PALETTE = (
    "#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951",
    "#ff8ab7", "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0",
)  # fmt: skip
"""Colours for series (Observable's categorical scheme: distinct and colour-blind aware)."""

FONT = 'font-family="system-ui, sans-serif" font-size="11"'


def color(index: int) -> str:
    """The colour of the ``index``-th series (cycling)."""
    return PALETTE[index % len(PALETTE)]


def stacked_columns(
    categories: list[str], series: dict[str, list[int]], *, label: str, height: int = 260
) -> str:
    """Vertical columns, one per category, stacked by series (e.g. days x agencies)."""
    left, bottom, top = 44, 70, 10
    step = max(14, min(40, 760 // max(1, len(categories))))
    width = left + step * len(categories) + 60  # room for the last slanted label
    totals = [sum(values[i] for values in series.values()) for i in range(len(categories))]
    peak = max(totals, default=0) or 1
    scale = (height - bottom - top) / _nice(peak)
    parts = [_open(width, height, label), *_y_axis(left, width, height - bottom, top, _nice(peak))]
    for i, category in enumerate(categories):
        x, base = left + i * step + 2, height - bottom
        for s, (name, values) in enumerate(series.items()):
            if not values[i]:
                continue
            h = values[i] * scale
            base -= h
            tip = escape(f"{category} · {name}: {values[i]}")
            parts.append(
                f'<rect class="mark" data-series="{escape(name)}" x="{x}" y="{base:.1f}" '
                f'width="{step - 4}" height="{h:.1f}" fill="{color(s)}"><title>{tip}</title></rect>'
            )
        parts.append(
            f'<text {FONT} transform="translate({x + step / 2 - 2},{height - bottom + 8}) '
            f'rotate(60)">{escape(category)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def horizontal_bars(
    rows: list[tuple[str, float, str]],
    *,
    label: str,
    maximum: float | None = None,
    fill: str = "",
    bar_space: int = 420,
) -> str:
    """One bar per row: (label, value, text shown after the bar); ``maximum`` fixes the scale."""
    label_width = 8 + 7 * max((len(r[0]) for r in rows), default=4)
    row_h = 22
    width, height = label_width + bar_space + 90, 8 + row_h * len(rows)
    top = maximum or max((r[1] for r in rows), default=0) or 1
    parts = [_open(width, height, label)]
    for i, (name, value, text) in enumerate(rows):
        y = 4 + i * row_h
        w = max(0.0, bar_space * value / top)
        parts.append(
            f'<text {FONT} x="{label_width - 6}" y="{y + 14}" text-anchor="end">'
            f"{escape(name)}</text>"
            f'<rect class="mark" x="{label_width}" y="{y + 3}" width="{w:.1f}" '
            f'height="{row_h - 6}" '
            f'fill="{fill or color(0)}"><title>{escape(f"{name}: {text}")}</title></rect>'
            f'<text {FONT} x="{label_width + w + 5:.1f}" y="{y + 14}">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def legend(names: list[str]) -> str:
    """HTML legend of series colours (hovering an entry highlights its series)."""
    items = "".join(
        f'<li data-series="{escape(n)}"><span class="swatch" style="background:{color(i)}">'
        f"</span>{escape(n)}</li>"
        for i, n in enumerate(names)
    )
    return f'<ul class="legend">{items}</ul>'


def _open(width: float, height: float, label: str) -> str:
    """The ``<svg>`` start tag: sized in CSS pixels, scalable, labelled for screen readers."""
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="{escape(label)}" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}">'
    )


def _y_axis(left: int, right: int, bottom: int, top: int, peak: int) -> list[str]:
    """Horizontal grid lines with their values (0, half, peak)."""
    out = []
    for value in (0, peak // 2, peak) if peak > 1 else (0, peak):
        y = bottom - (bottom - top) * value / peak
        out.append(
            f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text {FONT} x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>'
        )
    return out


def _nice(value: int) -> int:
    """A round axis maximum at or above ``value`` (1, 2, 5 x 10^n), so the labels read well."""
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if step * magnitude >= value:
                return step * magnitude
        magnitude *= 10
