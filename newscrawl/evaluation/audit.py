"""Which cleaning rule removed what, judged against the labels (``newscrawl eval --audit``).

A rule that removes lines the labels keep as article text costs recall on
every site where it fires; a rule that fires on one site only is tuning, not
a general rule. The audit counts, for each rule (and for each lexicon
pattern), the lines it removed, how many of them the labels keep, and on how
many sites each happened: the numbers that say whether a rule generalises.

A removed line counts as story text when the labels keep it and the
cleaned body does not have it already (a second copy the labels keep once is
rightly removed): a line of four tokens or more when at least half of its
4-token shingles are among the labelled body's shingles that the cleaned body
lacks; a shorter line when more labelled paragraphs than cleaned lines have
exactly its tokens (a short line's words alone occur in too many sentences).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from newscrawl.evaluation.metric import SHINGLE_SIZE, shingles, tokens
from newscrawl.evaluation.report import align, clip
from newscrawl.evaluation.runner import ExtractorResult, PageResult
from newscrawl.extraction.furniture import matching_pattern

STORY_SHARE = 0.5  # share of a long line's shingles the labels must hold
EXAMPLES = 3  # story lines kept per rule, to show what it took
LEXICON_RULES = frozenset({"furniture", "edge-furniture", "tail-opener"})
_PATTERN_WIDTH = 48


@dataclass
class RuleAudit:
    """What one rule (or one lexicon pattern of it) removed over a labelled set."""

    rule: str
    pattern: str | None = None
    lines: int = 0
    story: int = 0  # removed lines the labels keep
    pages: set[str] = field(default_factory=set)
    sites: set[str] = field(default_factory=set)
    story_sites: set[str] = field(default_factory=set)
    examples: list[dict[str, str]] = field(default_factory=list)

    def add(self, page: PageResult, line: str, is_story: bool) -> None:
        """Count one removal on ``page``."""
        site = site_of(page)
        self.lines += 1
        self.pages.add(page.id)
        self.sites.add(site)
        if is_story:
            self.story += 1
            self.story_sites.add(site)
            if len(self.examples) < EXAMPLES:
                self.examples.append({"page": page.id, "line": line})


class Truth:
    """What a labelled body has that the cleaned body lacks, to judge removed lines by."""

    def __init__(self, expected: str, predicted: str | None) -> None:
        self.missing = shingles(tokens(expected)) - shingles(tokens(predicted))
        self.paragraphs = _paragraphs(expected) - _paragraphs(predicted or "")

    def keeps(self, line: str) -> bool:
        """True when the labels keep ``line`` and the body lacks it (module docstring)."""
        toks = tokens(line)
        if not toks:
            return False
        if len(toks) < SHINGLE_SIZE:
            return self.paragraphs[tuple(toks)] > 0
        grams = shingles(toks)
        inside = sum(min(n, self.missing[gram]) for gram, n in grams.items())
        return inside >= STORY_SHARE * sum(grams.values())


def _paragraphs(text: str) -> Counter[tuple[str, ...]]:
    """The paragraphs of ``text`` as token tuples, counted."""
    return Counter(tuple(tokens(p)) for p in text.split("\n") if p.strip())


def site_of(page: PageResult) -> str:
    """The page's host without ``www.``, or its id when it has no URL."""
    if not page.url:
        return page.id
    return urlsplit(page.url).netloc.lower().removeprefix("www.") or page.id


def audit(result: ExtractorResult, by_pattern: bool = True) -> list[RuleAudit]:
    """One row per rule that removed something, lexicon rules split by pattern."""
    rows: dict[tuple[str, str | None], RuleAudit] = {}
    for page in result.pages:
        truth = Truth(page.expected, page.predicted)
        for rule, line in page.found.removed:
            pattern = matching_pattern(line) if by_pattern and rule in LEXICON_RULES else None
            row = rows.setdefault((rule, pattern), RuleAudit(rule, pattern))
            row.add(page, line, truth.keeps(line))
    return sorted(rows.values(), key=lambda r: (r.rule, -r.lines, r.pattern or ""))


def totals(rows: Iterable[RuleAudit]) -> dict[str, RuleAudit]:
    """The rows summed per rule (patterns merged)."""
    merged: dict[str, RuleAudit] = {}
    for row in rows:
        total = merged.setdefault(row.rule, RuleAudit(row.rule))
        total.lines += row.lines
        total.story += row.story
        total.pages |= row.pages
        total.sites |= row.sites
        total.story_sites |= row.story_sites
        total.examples = (total.examples + row.examples)[:EXAMPLES]
    return merged


def audit_text(rows: list[RuleAudit]) -> str:
    """The audit per rule, then per lexicon pattern, then examples of story lines removed."""
    out = ["rule audit (story = removed lines the labels keep as article text):"]
    out.append(_table(list(totals(rows).values())))
    patterns = [r for r in rows if r.pattern]
    if patterns:
        out += ["", "lexicon rules by pattern:", _table(patterns)]
    for r in rows:
        for ex in r.examples:
            out.append(f"- {r.rule} {_short(r.pattern)}: {ex['page']}: {clip(ex['line'])}")
    return "\n".join(out)


def _table(rows: list[RuleAudit]) -> str:
    """Rows as an aligned table (a pattern column when any row has one)."""
    named = any(r.pattern for r in rows)
    head = ("rule", *(("pattern",) if named else ()), "lines", "story", "pages", "sites")
    table = [(*head, "story sites")]
    for r in rows:
        name = (r.rule, _short(r.pattern)) if named else (r.rule,)
        counts = (r.lines, r.story, len(r.pages), len(r.sites), len(r.story_sites))
        table.append((*name, *(str(c) for c in counts)))
    return align(table, left=2 if named else 1)


def audit_json(rows: list[RuleAudit]) -> list[dict[str, Any]]:
    """The audit as JSON-ready rows."""
    return [
        {
            "rule": r.rule,
            "pattern": r.pattern,
            "lines": r.lines,
            "story": r.story,
            "pages": len(r.pages),
            "sites": sorted(r.sites),
            "story_sites": sorted(r.story_sites),
            "examples": r.examples,
        }
        for r in rows
    ]


def _short(pattern: str | None) -> str:
    """A pattern cut to table width ("-" for none)."""
    return clip(pattern, _PATTERN_WIDTH) if pattern else "-"
