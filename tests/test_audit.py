"""Why a line left the body: ``explain_article`` and ``newscrawl eval --audit``."""

from __future__ import annotations

import json
from pathlib import Path

from newscrawl.cli import main
from newscrawl.evaluation import audit, extractors
from newscrawl.evaluation.audit import Truth
from newscrawl.evaluation.datasets import load_dataset
from newscrawl.evaluation.runner import evaluate
from newscrawl.extraction import explain_article, extract_article
from newscrawl.extraction.body import RULES

URL = "https://harbourpost.example/city/bridge"
OPENING = (
    "The Harbour Bridge reopened to traffic on Friday evening after six months of repairs "
    "to its steel deck, the city's transport department said."
)
COPIED = (
    "Engineers replaced more than 400 corroded plates and resurfaced both carriageways, "
    "work that cost about 38 million euros and ran two weeks over schedule."
)
MIDDLE = (
    "Commuters who had faced detours of up to forty minutes welcomed the reopening, "
    "although cyclists complained that the new lanes were narrower than promised."
)
CLOSING = (
    "The department said a final inspection would take place in June and that overnight "
    "lane closures could still be needed until the end of the summer."
)
PAGE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour bridge reopens after repairs | Harbour Post</title>
<meta property="og:title" content="Harbour bridge reopens after repairs">
<meta property="og:site_name" content="Harbour Post">
</head><body><main><article>
<h1>Harbour bridge reopens after repairs</h1>
<p>By Jane Doe</p>
<p>{OPENING}</p>
<p>© Reuters</p>
<p>{COPIED}</p>
<p>{MIDDLE}</p>
<p>{COPIED}</p>
<p>{CLOSING}</p>
<p>Follow us on Twitter for the latest news updates</p>
</article></main></body></html>"""


def test_explain_article_names_the_rule_of_each_removed_line() -> None:
    record, removed = explain_article(PAGE, URL)
    assert record == extract_article(PAGE, URL)
    assert record["articleBody"] == "\n".join([OPENING, COPIED, MIDDLE, CLOSING])
    assert [(r.rule, r.text) for r in removed] == [
        ("metadata", "Harbour bridge reopens after repairs"),
        ("metadata", "By Jane Doe"),
        ("furniture", "© Reuters"),
        ("furniture", "Follow us on Twitter for the latest news updates"),
        ("repeat", COPIED),
    ]
    assert {r.rule for r in removed} <= set(RULES)


def test_explain_article_on_a_non_page() -> None:
    assert explain_article(b"%PDF-1.4 \x00\x01\x02") == (None, [])


def test_a_removed_line_counts_as_story_only_when_the_body_lacks_it() -> None:
    truth = Truth(f"{OPENING}\nReuters\n{COPIED}", OPENING)
    assert truth.keeps(COPIED)  # labelled, and missing from the cleaned body
    assert not truth.keeps(OPENING)  # labelled, but the body has it already
    assert truth.keeps("© Reuters")  # a short line: the labels have it as a paragraph
    assert not truth.keeps("Share")  # short, and no labelled paragraph is just this
    assert not truth.keeps("Follow us on Twitter for the latest news updates")


def _dataset(root: Path, labels: dict[str, str]) -> Path:
    """The page above on two sites, labelled with ``labels[site]``."""
    (root / "pages").mkdir(parents=True)
    rows = []
    for site, body in labels.items():
        (root / "pages" / f"{site}.html").write_text(PAGE, encoding="utf-8")
        rows.append(
            {"file": f"pages/{site}.html", "url": f"https://{site}/city/a", "articleBody": body}
        )
    lines = "".join(json.dumps(r) + "\n" for r in rows)
    (root / "expected.jsonl").write_text(lines, encoding="utf-8")
    return root


def test_audit_counts_lines_story_and_sites_per_rule(tmp_path: Path) -> None:
    story = "\n".join([OPENING, COPIED, MIDDLE, CLOSING])
    root = _dataset(
        tmp_path / "set",
        {
            "www.harbourpost.example": story,  # the cleaner's reading
            "bay.example": f"{OPENING}\n© Reuters\n{COPIED}\n{MIDDLE}\n{COPIED}\n{CLOSING}",
        },
    )
    result = evaluate(load_dataset(root), [extractors.newscrawl_extractor()])
    rows = {(r.rule, r.pattern): r for r in audit.audit(result.bodies[0])}
    credit = rows[("furniture", r"^©.{0,200}$")]
    assert (credit.lines, credit.story) == (2, 1)
    assert credit.sites == {"harbourpost.example", "bay.example"}
    assert credit.story_sites == {"bay.example"}
    assert credit.examples == [{"page": "pages/bay.example.html", "line": "© Reuters"}]
    repeat = rows[("repeat", None)]  # the second site's labels keep the copy: story there
    assert (repeat.lines, repeat.story, repeat.story_sites) == (2, 1, {"bay.example"})
    assert rows[("metadata", None)].story == 0
    merged = audit.totals(rows.values())
    assert merged["furniture"].lines == 4 and merged["furniture"].story == 1


def test_eval_audit_option_prints_and_writes_the_rows(tmp_path: Path, capsys) -> None:
    root = _dataset(tmp_path / "set", {"bay.example": f"{OPENING}\n© Reuters\n{CLOSING}"})
    out = tmp_path / "out.json"
    args = ["eval", str(root), "--extractor", "newscrawl", "--audit", "--json", str(out)]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert (
        "rule audit" in printed
        and "- furniture ^©.{0,200}$: pages/bay.example.html: © Reuters" in printed
    )
    per_rule = printed.split("rule audit")[1].split("lexicon rules by pattern:")[0]
    assert [ln.split()[:3] for ln in per_rule.splitlines() if ln.startswith("furniture")] == [
        ["furniture", "2", "1"]  # the credit and the Twitter prompt; the labels keep the credit
    ]
    rows = json.loads(out.read_text(encoding="utf-8"))["audit"]
    credit = next(r for r in rows if r["rule"] == "furniture" and r["pattern"].startswith("^©"))
    assert credit["story"] == 1 and credit["story_sites"] == ["bay.example"]


def test_eval_without_newscrawl_has_an_empty_audit(tmp_path: Path, capsys) -> None:
    root = _dataset(tmp_path / "set", {"bay.example": OPENING})
    out = tmp_path / "out.json"
    args = ["eval", str(root), "--extractor", "trafilatura", "--audit", "--json", str(out)]
    assert main(args) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["audit"] == []
