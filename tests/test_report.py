"""Report views (terminal, HTML, Markdown, JSON schema) on hand-made analyses.

The articles below are invented for these tests. One is hostile: its text, title, URL,
reasons and ids carry HTML/JS injection payloads, rich markup and terminal escapes, and
every view must show them as inert text.
"""

from __future__ import annotations

import html
import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console

from claimgraph.model import (
    Analysis,
    Article,
    Attribution,
    Claim,
    Finding,
    MediaRef,
    Span,
    TimeExpr,
)
from claimgraph.report import (
    group_sources,
    render_fragment,
    render_html,
    render_markdown,
    render_terminal,
    unattributed_claims,
    validate_analysis_dict,
)
from claimgraph.report.highlight import Mark, render_marked, segments
from claimgraph.report.html import CSP, safe_href

ROOT = Path(__file__).resolve().parents[1]


def sp(text: str, needle: str, after: int = 0) -> Span:
    i = text.index(needle, after)
    return Span(needle, i, i + len(needle))


SAMPLE_TEXT = (
    "Riverton council approves new bridge\n\n"
    "The Riverton city council voted 7-2 on Tuesday to fund a new bridge over the Alder River, "
    'a project expected to cost $48 million. "This bridge will cut commute times in half," '
    "said Mayor Dana Whitfield. Whitfield added that construction could begin by March 2025. "
    "A council official, who asked not to be named, said the budget may rise. "
    "The Riverton Transport Agency said in a statement that traffic on the old bridge had "
    'doubled since 2015. In a post on X, @alder_watch wrote that "nobody asked the residents". '
    "The bridge was first proposed three years ago. See https://example.org/bridge for plans."
)


def claim_at(cid: str, text: str, needle: str, att: str | None, cw: float | None) -> Claim:
    s = sp(text, needle)
    return Claim(cid, s.text, s.start, s.end, att, cw, "reason " + cid if cw else None, "sentence")


def sample_analysis() -> Analysis:
    t = SAMPLE_TEXT
    said2 = t.index("named")
    atts = [
        Attribution(
            "a1",
            sp(t, "Mayor Dana Whitfield"),
            "named_person",
            sp(t, "said"),
            sp(t, "This bridge will cut commute times in half,"),
            "direct",
            source_name="Dana Whitfield",
            reason="quote then 'said SOURCE'",
        ),
        Attribution(
            "a2",
            sp(t, "Whitfield", t.index("Whitfield.") + 1),
            "named_person",
            sp(t, "added"),
            sp(t, "construction could begin by March 2025"),
            "indirect",
            source_name="Dana Whitfield",
            hedged=True,
            hedges=[sp(t, "could")],
            reason="SOURCE added that CLAUSE",
        ),
        Attribution(
            "a3",
            sp(t, "A council official"),
            "anonymous",
            sp(t, "said", said2),
            sp(t, "the budget may rise"),
            "indirect",
            hedged=True,
            hedges=[sp(t, "may")],
            reason="unnamed official",
        ),
        Attribution(
            "a4",
            sp(t, "The Riverton Transport Agency"),
            "named_org",
            sp(t, "said in a statement"),
            sp(t, "traffic on the old bridge had doubled since 2015"),
            "indirect",
            reason="ORG said that",
        ),
        Attribution(
            "a5",
            sp(t, "@alder_watch"),
            "social_post",
            sp(t, "wrote"),
            sp(t, "nobody asked the residents"),
            "direct",
            platform="X",
            handle="@alder_watch",
            reason="post on X",
        ),
    ]
    claims = [
        claim_at(
            "c1",
            t,
            "The Riverton city council voted 7-2 on Tuesday to fund a new bridge "
            "over the Alder River, a project expected to cost $48 million.",
            None,
            0.81,
        ),
        claim_at("c2", t, "This bridge will cut commute times in half,", "a1", 0.64),
        claim_at("c3", t, "traffic on the old bridge had doubled since 2015", "a4", 0.9),
        claim_at("c4", t, "The bridge was first proposed three years ago.", None, 0.42),
        claim_at("c5", t, "the budget may rise", "a3", None),
    ]
    times = [
        TimeExpr(s.text, s.start, s.end, "DATE", v, anchor, "rule")
        for s, v, anchor in (
            (sp(t, "Tuesday"), "2024-05-14", "2024-05-15"),
            (sp(t, "March 2025"), "2025-03", None),
            (sp(t, "2015"), "2015", None),
            (sp(t, "three years ago"), "2021", "2024-05-15"),
        )
    ]
    url, handle = sp(t, "https://example.org/bridge"), sp(t, "@alder_watch")
    media = [
        MediaRef("url", None, url.text, url.start, url.end, reason="URL in text"),
        MediaRef(
            "handle",
            "X",
            handle.text,
            handle.start,
            handle.end,
            handle="@alder_watch",
            reason="handle after 'post on X'",
        ),
    ]
    off = sp(t, "A council official, who asked not to be named,")
    findings = [
        Finding(
            "anonymous_source",
            "warning",
            "Claim rests on an anonymous source.",
            off.start,
            off.end,
            "a3",
        )
    ]
    art = Article(
        "abc123def4567890",
        t,
        title="Riverton council approves new bridge",
        url="https://news.example.com/riverton-bridge",
        outlet="Riverton Gazette",
        published="2024-05-15",
        published_source="metadata",
        language="en",
    )
    return Analysis(art, atts, claims, [], times, media, findings, ["a warning"])


HOSTILE_TEXT = (
    "Breaking <script>alert(1)</script> news\n"
    "An insider said <img src=x onerror=alert(1)> was fine. "
    'Others wrote "><a href="javascript:alert(1)">x</a> online. '
    "Markup [bold red]x[/] and [link=https://evil.example]y[/link] stays literal. "
    "Escape \x1b[31mRED\x1b[0m and \u202emirrored & done."
)


def hostile_analysis() -> Analysis:
    t = HOSTILE_TEXT
    atts = [
        Attribution(
            'a1" onmouseover="alert(1)',
            sp(t, "An insider"),
            "anonymous",
            sp(t, "said"),
            sp(t, "<img src=x onerror=alert(1)> was fine"),
            "indirect",
            source_name="<script>alert(2)</script>",
            reason='"><script>alert(3)</script>',
        ),
        Attribution(
            "a2",
            sp(t, "Others"),
            'x" onclick="alert(4)',
            sp(t, "wrote"),
            sp(t, '"><a href="javascript:alert(1)">x</a>'),
            "direct",
            reason="[bold red]x[/]",
        ),
    ]
    markup = sp(t, "[bold red]x[/]")
    link = sp(t, "[link=https://evil.example]y[/link]")
    claims = [
        Claim(
            "c1",
            markup.text,
            markup.start,
            markup.end,
            None,
            0.9,
            "<b>bold</b> [red]reason[/]",
            "r",
        ),
        Claim("c3", link.text, link.start, link.end, None, 0.2, None, "r"),
        Claim(
            "c2",
            atts[0].content.text,
            atts[0].content.start,
            atts[0].content.end,
            atts[0].id,
            0.5,
            None,
            "r",
        ),
    ]
    esc = sp(t, "\x1b[31mRED\x1b[0m")
    media = [
        MediaRef("url", None, "javascript:alert(1)", esc.start, esc.end, reason="<i>"),
        MediaRef("url", None, "https://ok.example/p?a=1&b=<2>", markup.start, markup.end),
    ]
    bidi = sp(t, "\x1b[31mRED\x1b[0m and \u202emirrored")
    findings = [
        Finding(
            "x",
            "high",
            "<script>alert(5)</script>",
            bidi.start,
            bidi.end,
            'a1" onmouseover="alert(1)',
        )
    ]
    art = Article(
        "h0stile",
        t,
        title="</title><script>alert(1)</script>",
        url="javascript:alert(1)",
        outlet="[bold red]x[/]",
        language="en",
    )
    return Analysis(
        art,
        atts,
        claims,
        [],
        [TimeExpr("x", 0, 1, "DATE", "<v>", "<a>", "<r>")],
        media,
        findings,
        ["<script>alert(6)</script>"],
    )


class TagLog(HTMLParser):
    """Records start tags and checks that end tags close the innermost open element."""

    VOID = {"meta", "br", "img", "link", "hr", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def parse(doc: str) -> TagLog:
    log = TagLog()
    log.feed(doc)
    log.close()
    return log


def strip_tags(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


def marked_spans(log: TagLog) -> dict[str, dict[str, str | None]]:
    """Anchor id → attributes of the span it marks (an empty anchor marks the next span)."""
    out: dict[str, dict[str, str | None]] = {}
    pending: list[str] = []
    for tag, attrs in log.starts:
        if tag != "span":
            continue
        if attrs.get("class") == "cg-anchor":
            pending.append(attrs["id"] or "")
            continue
        for anchor in pending + ([attrs["id"]] if attrs.get("id") else []):
            out[anchor] = attrs
        pending = []
    return out


def article_part(doc: str) -> str:
    m = re.search(r'<div class="cg-article">(.*?)</div></section>', doc, re.S)
    assert m, "article block missing"
    return m.group(1)


# --- highlight: overlapping spans become flat, well-nested segments -------------------------

ALPHABET = "ab <>&\"'\n\r\té😀[]/="


def _check_layout(text: str, marks: list[Mark]) -> None:
    out = render_marked(text, marks)
    assert strip_tags(out) == text
    log = parse(out)
    assert not log.errors and not log.stack
    assert {t for t, _ in log.starts} <= {"span"}
    segs = segments(len(text), marks)
    assert "".join(text[s.start : s.end] for s in segs) == text
    valid = [m for m in marks if min(m.end, len(text)) > max(m.start, 0)]
    for s in segs:
        assert s.end > s.start
        covering = {id(m) for m in valid if m.start <= s.start and s.end <= m.end}
        assert {id(m) for m in s.marks} == covering
        assert not any(s.start < b < s.end for m in valid for b in (m.start, m.end))


def _random_marks(rng: random.Random, n: int) -> list[Mark]:
    marks = []
    for k in range(rng.randint(0, 12)):
        a, b = rng.randint(-2, n + 2), rng.randint(-2, n + 2)
        marks.append(
            Mark(
                min(a, b),
                max(a, b),
                (rng.choice(["x", "y z", "<q>"]),),
                rng.choice([None, f"m{k}", "dup"]),
                rng.choice([None, '"t" <&>']),
            )
        )
    return marks


def test_random_overlapping_spans_reproduce_text_and_nest_correctly() -> None:
    rng = random.Random(20240515)
    for _ in range(600):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
        _check_layout(text, _random_marks(rng, len(text)))


def test_hypothesis_overlapping_spans() -> None:
    hyp = pytest.importorskip("hypothesis", reason="hypothesis not installed in this venv")
    st = hyp.strategies

    @hyp.settings(max_examples=300, deadline=None)
    @hyp.given(
        st.text(max_size=50),
        st.lists(st.tuples(st.integers(-3, 55), st.integers(-3, 55)), max_size=10),
    )
    def prop(text: str, pairs: list[tuple[int, int]]) -> None:
        marks = [
            Mark(min(a, b), max(a, b), ("k",), f"id{i}", "t") for i, (a, b) in enumerate(pairs)
        ]
        _check_layout(text, marks)

    prop()


def test_crossing_spans_split_into_segments_with_class_unions() -> None:
    text = "abcdefgh"
    out = render_marked(text, [Mark(1, 5, ("p",), "P", "tp"), Mark(3, 7, ("q",), "Q", "tq")])
    assert out == (
        'a<span class="p" id="P" title="tp">bc</span>'
        '<span class="p q" id="Q" title="tp\ntq">de</span>'
        '<span class="q" title="tq">fg</span>h'
    )


# --- HTML -------------------------------------------------------------------------------------


def test_html_of_hostile_article_is_inert() -> None:
    doc = render_html(hostile_analysis())
    assert not re.search(r"<\s*script", doc, re.I)
    for tag in re.findall(r"<[^<>]*>", doc):
        bare = re.sub(r'"[^"]*"', '""', tag)  # attribute values are escaped text
        assert not re.search(r"\bon\w+\s*=", bare, re.I), f"event handler in {tag}"
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", doc, re.I)
    log = parse(doc)
    assert not log.errors and log.stack == []
    tags = {t for t, _ in log.starts}
    assert tags <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "div",
        "header",
        "main",
        "aside",
        "h1",
        "h2",
        "h3",
        "span",
        "a",
        "ul",
        "ol",
        "li",
        "small",
        "section",
        "b",
        "u",
        "p",
        "details",
        "summary",
        "svg",
        "line",
        "circle",
        "rect",
        "text",
    }
    for tag, attrs in log.starts:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        assert "src" not in attrs
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#") or re.match(r"https?://", href), href
            if not href.startswith("#"):
                assert attrs.get("rel") == "noopener noreferrer nofollow"
        if "id" in attrs:
            assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_.-]*", attrs["id"] or ""), attrs["id"]
        for cls in (attrs.get("class") or "").split():
            assert re.fullmatch(r"[A-Za-z0-9_-]+", cls), cls
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in doc
    assert "&lt;img src=x onerror=alert(1)&gt;" in doc
    title = "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert f"<title>{title} — claimgraph</title>" in doc
    assert strip_tags(article_part(doc)) == HOSTILE_TEXT
    # the safe media URL is linked (escaped), the javascript: article URL and media ref are not
    assert 'href="https://ok.example/p?a=1&amp;b=&lt;2&gt;"' in doc
    assert "javascript:alert(1)</span>" in doc


def test_html_page_is_self_contained_with_strict_csp() -> None:
    doc = render_html(sample_analysis())
    assert doc.count('<meta http-equiv="Content-Security-Policy"') == 1
    assert f'content="{CSP}"' in doc
    assert CSP.startswith("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    for tag, _ in parse(doc).starts:
        assert tag not in ("script", "link", "img", "iframe")
    style = re.search(r"<style>(.*?)</style>", doc, re.S).group(1)
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    external = re.findall(r'href="(https?://[^"]*)"', doc)
    assert sorted(external) == [
        "https://example.org/bridge",
        "https://news.example.com/riverton-bridge",
    ]


def test_html_highlights_link_side_panel_to_spans() -> None:
    an = sample_analysis()
    doc = render_html(an)
    assert strip_tags(article_part(doc)) == an.article.text
    log = parse(doc)
    ids = [a["id"] for _, a in log.starts if "id" in a]
    assert len(ids) == len(set(ids))
    for _, attrs in log.starts:
        href = attrs.get("href") or ""
        if href.startswith("#"):
            assert href[1:] in ids, f"dangling link {href}"
    for a in an.attributions:
        assert f'href="#att-{a.id}"' in doc and f'id="att-{a.id}"' in doc
    spans = marked_spans(log)
    assert "cg-src" in spans["src-a3"]["class"] and "t-anonymous" in spans["src-a3"]["class"]
    assert "unnamed official" in spans["src-a3"]["title"]
    assert "cg-cue" in spans["cue-a4"]["class"]
    assert "cg-content" in spans["att-a1"]["class"]
    assert "cg-finding" in spans["finding-0"]["class"]
    assert "cg-time" in spans["time-1"]["class"] and "2025-03" in spans["time-1"]["title"]
    assert "cg-media" in spans["media-0"]["class"]
    assert 'href="#finding-0"' in doc and 'about <a href="#att-a3">a3</a>' in doc
    # one group for the mayor, however the article names her
    assert doc.count("Dana Whitfield <small>2 statements</small>") == 1


def test_fragment_is_embeddable_and_css_is_scoped() -> None:
    frag = render_fragment(sample_analysis())
    outside_svg = re.sub(r"<svg.*?</svg>", "", frag, flags=re.S)  # an SVG <title> is its tooltip
    assert not re.search(r"<(html|head|body|title|meta)[\s>]", outside_svg)
    assert '<div class="cg-report">' in frag
    css = re.search(r"<style>(.*?)</style>", frag, re.S).group(1)
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for rule in re.findall(r"(?:^|})\s*([^{}@]+)\{", css):
        for selector in rule.split(","):
            assert selector.strip().startswith(".cg-report"), selector
    assert "<style>" not in render_fragment(sample_analysis(), with_style=False)


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://example.org/a?b=1", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        (" https://example.org", False),
        ("data:text/html,<script>", False),
        ("//evil.example/x", False),
        ("https:///nohost", False),
        ("", False),
        (None, False),
    ],
)
def test_safe_href(url: str | None, ok: bool) -> None:
    assert (safe_href(url) is not None) == ok


def test_bad_offsets_do_not_break_views() -> None:
    an = sample_analysis()
    n = len(an.article.text)
    an.claims.append(Claim("c9", "x", n - 2, n + 50, None, 0.3, None, "r"))
    an.findings.append(Finding("k", "info", "m", 10, 5))
    doc = render_html(an)
    assert strip_tags(article_part(doc)) == an.article.text
    assert validate_analysis_dict(an.to_dict()) == [
        f"$.claims[5]: end {n + 50} is past the end of the article ({n} characters)",
        "$.findings[1]: start 10 is after end 5",
    ]


# --- terminal ------------------------------------------------------------------------------


def _terminal(an: Analysis, colour: bool = False) -> str:
    console = Console(
        record=True, width=80, force_terminal=colour, color_system="truecolor" if colour else None
    )
    render_terminal(an, console)
    return console.export_text()


def test_terminal_prints_hostile_markup_literally() -> None:
    for colour in (False, True):
        out = _terminal(hostile_analysis(), colour)
        assert "[bold red]x[/]" in out
        assert "[link=https://evil.example]y[/link]" in out
        assert "<script>alert(1)</script>" in out
        assert "\x1b" not in out and "\u202e" not in out
        assert "\\x1b[31mRED" in out and "\\u202e" in out
        assert all(len(line) <= 80 for line in out.splitlines())


def test_terminal_groups_claims_by_source_and_ranks_the_authors_claims() -> None:
    out = _terminal(sample_analysis())
    assert all(len(line) <= 80 for line in out.splitlines())
    order = [
        out.index(h)
        for h in (
            "Claims by source",
            "Unattributed claims (the author alone)",
            "Findings",
            "Time expressions",
            "Media and post references",
        )
    ]
    assert order == sorted(order)
    assert out.count("Dana Whitfield ─") == 1 and "2 statements" in out
    assert "also written as: Mayor Dana Whitfield, Whitfield" in out
    assert "hedged (could)" in out and "cue said in a statement · indirect" in out
    own = out[out.index("Unattributed claims") : out.index("Findings")]
    assert own.index("0.81") < own.index("0.42")
    assert "three years ago → 2021 (DATE) anchor 2024-05-15" in out
    assert " WARNING " in out and "“A council official, who asked not to be named,”" in out


# --- grouping helpers ----------------------------------------------------------------------


def test_grouping_and_unattributed_order() -> None:
    an = sample_analysis()
    groups = group_sources(an)
    assert [(g.name, g.source_type, len(g.attributions)) for g in groups] == [
        ("Dana Whitfield", "named_person", 2),
        ("A council official", "anonymous", 1),
        ("The Riverton Transport Agency", "named_org", 1),
        ("@alder_watch", "social_post", 1),
    ]
    an.claims.append(Claim("c7", "x", 0, 1, "missing-id", 0.95, None, "r"))
    an.claims.append(Claim("c8", "y", 1, 2, None, None, None, "r"))
    assert [c.id for c in unattributed_claims(an)] == ["c7", "c1", "c4", "c8"]


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_report_is_short_and_escaped() -> None:
    md = render_markdown(sample_analysis())
    assert md.startswith("### Riverton council approves new bridge\n")
    assert "- **Dana Whitfield** (named person)" in md
    assert "“construction could begin by March 2025” — _added_, indirect, hedged" in md
    assert md.index("`0.81`") < md.index("`0.42`")
    assert "**warning**: Claim rests on an anonymous source." in md
    hostile = render_markdown(hostile_analysis())
    assert not re.search(
        r"(?<!\\)[<\[`]",
        hostile.replace("`0.", "")
        .replace("0`", "")
        .replace("`h0stile`", "")
        .replace("`javascript:alert(1)`", ""),
    )
    assert "\x1b" not in hostile and "\\x1b\\[31mRED" in hostile
    assert "\\<script\\>alert(1)\\</script\\>" in hostile
    assert "\\[bold red\\]x\\[/\\]" in hostile
    assert "](" not in hostile.replace("\\]", "")
    assert all(not line.startswith("#") for line in hostile.splitlines()[1:])


# --- JSON schema ---------------------------------------------------------------------------


def test_sample_json_validates_and_round_trips() -> None:
    d = json.loads(json.dumps(sample_analysis().to_dict()))
    assert validate_analysis_dict(d) == []
    assert validate_analysis_dict(Analysis.from_dict(d).to_dict()) == []
    assert validate_analysis_dict(sample_analysis().to_dict(with_text=False)) == []


def test_documented_example_validates() -> None:
    doc = (ROOT / "docs" / "json-schema.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", doc, re.S).group(1))
    assert validate_analysis_dict(example) == []
    text = example["article"]["text"]
    assert text[18:51] == "The river rose 2 metres on Monday"


def _broken(edit) -> list[str]:
    d = json.loads(json.dumps(sample_analysis().to_dict()))
    edit(d)
    return validate_analysis_dict(d)


@pytest.mark.parametrize(
    "edit, expected",
    [
        (lambda d: d.pop("claims"), "$: missing required field 'claims'"),
        (lambda d: d["article"].pop("id"), "$.article: missing required field 'id'"),
        (
            lambda d: d["attributions"][0].update(mode="shouted"),
            '$.attributions[0].mode: "shouted" is not one of "direct", "indirect"',
        ),
        (
            lambda d: d["attributions"][1].update(source_type="celebrity"),
            '$.attributions[1].source_type: "celebrity" is not one of',
        ),
        (
            lambda d: d["claims"][0].update(start="12"),
            "$.claims[0].start: expected integer, got string",
        ),
        (
            lambda d: d["claims"][0].update(checkworthiness=1.5),
            "$.claims[0].checkworthiness: 1.5 is above the maximum 1",
        ),
        (
            lambda d: d["claims"][1].update(attribution="a99"),
            "$.claims[1].attribution: no attribution has id 'a99'",
        ),
        (lambda d: d["claims"][2].update(id="c1"), "$.claims[2].id: duplicate id 'c1'"),
        (
            lambda d: d["times"][0].update(text="Monday"),
            "$.times[0]: text 'Monday' is not article.text[",
        ),
        (
            lambda d: d["attributions"][0]["cue"].update(start=-1),
            "$.attributions[0].cue.start: -1 is below the minimum 0",
        ),
        (lambda d: d["findings"][0].update(severity="critical"), "$.findings[0].severity:"),
        (lambda d: d.update(warnings="none"), "$.warnings: expected array, got string"),
        (lambda d: d["attributions"][0].update(source=3), "$.attributions[0].source: must match"),
    ],
)
def test_broken_json_is_rejected_with_a_located_message(edit, expected: str) -> None:
    errors = _broken(edit)
    assert errors and any(e.startswith(expected) for e in errors), errors


def test_non_object_is_rejected() -> None:
    assert validate_analysis_dict([]) == ["$: expected object, got array"]


def test_schema_agrees_with_jsonschema_when_available() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema not installed in this venv")
    from claimgraph.report.schema import load_schema

    validator = jsonschema.Draft202012Validator(load_schema())
    jsonschema.Draft202012Validator.check_schema(load_schema())
    good = json.loads(json.dumps(sample_analysis().to_dict()))
    assert list(validator.iter_errors(good)) == []
    bad = json.loads(json.dumps(good))
    bad["claims"][0]["start"] = "12"
    assert list(validator.iter_errors(bad)) and validate_analysis_dict(bad)
