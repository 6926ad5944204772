"""The ``newscrawl stats --html`` report: one self-contained file with charts.

Charts are inline SVG made in Python (``svg``), styles are inline and the
small script only adds sorting and legend highlighting, so the file opens
anywhere with no network and still shows every chart with scripts off. When
the script runs it sets ``data-rendered="<charts drawn>/<charts>"`` on
``<html>``, which the browser test reads.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from newscrawl.report import svg
from newscrawl.report.stats import Summary

MAX_DAYS = 60
"""Days shown in the per-day chart (the most recent that have articles)."""

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222;
padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd}
.sub{color:#666;margin:0 0 16px}.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:96px}
.card b{display:block;font-size:22px}.card span{color:#666;font-size:12px}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:14px;margin:4px 0}
.legend li{cursor:default}.swatch{display:inline-block;width:11px;height:11px;margin-right:5px;
border-radius:2px;vertical-align:-1px}.dim{opacity:.15}
table{border-collapse:collapse;margin:6px 0}td,th{padding:3px 12px 3px 0;text-align:left}
th{cursor:pointer;border-bottom:1px solid #ccc}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:12px 32px}
.note{color:#666;font-size:12px}svg.chart{display:block;max-width:100%;height:auto}
"""

SCRIPT = """
(function () {
  document.querySelectorAll("th").forEach(function (th, col) {
    th.addEventListener("click", function () {
      var table = th.closest("table"), body = table.tBodies[0];
      var index = Array.prototype.indexOf.call(th.parentNode.children, th);
      var rows = Array.prototype.slice.call(body.rows);
      var numeric = rows.every(function (r) {
        return !isNaN(parseFloat(r.cells[index].textContent));
      });
      var down = th.dataset.order !== "desc";
      rows.sort(function (a, b) {
        var x = a.cells[index].textContent, y = b.cells[index].textContent;
        var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        return down ? -c : c;
      });
      th.dataset.order = down ? "desc" : "asc";
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  document.querySelectorAll(".legend li").forEach(function (item) {
    var name = item.dataset.series;
    function mark(on) {
      document.querySelectorAll("rect[data-series]").forEach(function (rect) {
        rect.classList.toggle("dim", on && rect.dataset.series !== name);
      });
    }
    item.addEventListener("mouseenter", function () { mark(true); });
    item.addEventListener("mouseleave", function () { mark(false); });
  });
  var charts = document.querySelectorAll("svg.chart"), drawn = 0;
  charts.forEach(function (chart) {
    var box = chart.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && chart.querySelector(".mark")) { drawn += 1; }
  });
  document.documentElement.dataset.rendered = drawn + "/" + charts.length;
})();
"""


def render(summary: Summary, title: str = "newscrawl report") -> str:
    """The complete HTML document."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    sections = [
        _cards(summary),
        _per_day(summary),
        _section("Field coverage", _coverage(summary)),
        '<div class="grid">'
        + _section("Body length (characters)", _lengths(summary))
        + _section("Reject reasons", _rejects(summary))
        + "</div>",
        '<div class="grid">'
        + _section("Agencies", _table(["agency", "articles"], summary.agencies.most_common()))
        + _section("Languages", _table(["language", "articles"], summary.languages.most_common()))
        + "</div>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f'<p class="sub">{escape(", ".join(summary.sources))} · made {stamp}</p>'
        + "".join(sections)
        + f"<script>{SCRIPT}</script></body></html>\n"
    )


def _section(title: str, body: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{body}</section>"


def _cards(summary: Summary) -> str:
    """Headline numbers."""
    quart = summary.length_summary()
    cards = [
        ("articles", summary.records),
        ("agencies", len(summary.agencies)),
        ("languages", len(summary.languages)),
        ("days", len([d for d in summary.days if d != "unknown"])),
        ("median length", quart.get("median", "-")),
        ("duplicateOf", summary.duplicate_of),
        ("rejects", sum(summary.rejects.values())),
        ("unreadable lines", summary.bad_lines),
    ]
    inner = "".join(f"<div class=card><b>{v}</b><span>{escape(k)}</span></div>" for k, v in cards)
    return f'<div class="cards">{inner}</div>'


def _per_day(summary: Summary) -> str:
    """Stacked columns: articles per publication day, one colour per agency."""
    days = sorted(d for d in summary.days if d != "unknown")
    hidden = max(0, len(days) - MAX_DAYS)
    days = days[hidden:]
    if not days:
        return _section("Articles per day", "<p>No dated articles.</p>")
    names = [name for name, _ in summary.agencies.most_common()]
    series = {n: [summary.days[d][n] for d in days] for n in names}
    chart = svg.stacked_columns(days, series, label="articles per day per agency")
    note = (
        f'<p class="note">Days with articles only, by datePublished; {hidden} earlier days '
        "not shown.</p>"
        if hidden
        else '<p class="note">Days with articles only, by datePublished (the page\'s own date).</p>'
    )
    return _section("Articles per day, by agency", svg.legend(names) + chart + note)


def _coverage(summary: Summary) -> str:
    """One bar per field: share of records where it has a value."""
    if not summary.records:
        return "<p>No records.</p>"
    rows = [(k, 100 * v, f"{100 * v:.0f}%") for k, v in summary.coverage().items()]
    return svg.horizontal_bars(rows, label="share of records with each field", maximum=100)


def _lengths(summary: Summary) -> str:
    """Histogram and quartiles of body length."""
    quart = summary.length_summary()
    if not quart:
        return "<p>No records.</p>"
    rows = [(label, n, str(n)) for label, n in summary.histogram()]
    chart = svg.horizontal_bars(
        rows, label="body length histogram", fill=svg.color(3), bar_space=260
    )
    facts = " · ".join(f"{k} {v}" for k, v in quart.items())
    return chart + f'<p class="note">{escape(facts)}</p>'


def _rejects(summary: Summary) -> str:
    """Reject reasons as bars, or a note that there were none / no file."""
    if not summary.rejects:
        why = "none" if summary.reject_source else "no rejects file given (--rejects FILE)"
        return f"<p>{escape(why)}</p>"
    rows = [(k, n, str(n)) for k, n in summary.rejects.most_common()]
    return svg.horizontal_bars(rows, label="rejects by reason", fill=svg.color(2), bar_space=260)


def _table(headers: list[str], rows: list[tuple[str, int]]) -> str:
    """A sortable table (click a heading)."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(f"<tr><td>{escape(str(k))}</td><td class=n>{v}</td></tr>" for k, v in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
