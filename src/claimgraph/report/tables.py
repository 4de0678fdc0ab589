"""Terminal tables that fit the window: a header row, short columns kept whole, the text
column wrapped or cut with "…" at a word boundary.

Why: ``families``/``sources``/``list`` printed fixed 120-column lines that wrapped into a
mess at ``COLUMNS=60``, with no header to say what the numbers were. Every cell is article
data, so it goes in as :class:`rich.text.Text` (never parsed as ``[markup]``) with control
characters shown as codes (:func:`claimgraph.report.clean_controls`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import clean_controls, clip


@dataclass(frozen=True, slots=True)
class Col:
    """One column. ``wide`` columns share the room left by the others; ``limit`` clips a
    cell to that many characters at a word boundary before it is laid out."""

    header: str
    wide: bool = False
    limit: int | None = None
    justify: str = "left"
    wrap: bool = False  # wrap onto several lines instead of one line ending in "…"
    optional: bool = False  # dropped when the terminal is too narrow for every column


WIDE_MIN = 24  # a wide (text) column narrower than this is unreadable


def fit_columns(columns: list[Col], cells: list[list[str]], width: int) -> list[int]:
    """Indexes of the columns to show at ``width``: optional ones are dropped, last first,
    until the fixed columns plus WIDE_MIN per wide column fit (with 2 spaces between)."""
    keep = list(range(len(columns)))

    def need(idx: list[int]) -> int:
        total = 0
        for i in idx:
            col = columns[i]
            natural = max([len(col.header)] + [len(r[i]) for r in cells])
            total += WIDE_MIN if col.wide else natural + 2
        return total

    for i in reversed(range(len(columns))):
        if need(keep) <= width:
            break
        if columns[i].optional:
            keep.remove(i)
    return keep


def make_table(columns: list[Col], rows: list[list[Any]], title: str | None = None, width: int = 80) -> Any:
    """A rich Table for ``width`` columns of terminal (see :func:`fit_columns`)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    cells = []
    for row in rows:
        line = []
        for col, value in zip(columns, row, strict=True):
            text = "" if value is None else clean_controls(str(value))
            line.append(clip(text, col.limit) if col.limit else text)
        cells.append(line)
    keep = fit_columns(columns, cells, width)
    naturals = {i: max([len(columns[i].header)] + [len(r[i]) for r in cells]) for i in keep}
    # rich gives the other columns their full width before the wide ones share the rest, so the
    # wide ones' minimum must leave room for them or the table overflows and is cut off
    fixed = sum(naturals[i] + 2 for i in keep if not columns[i].wide)
    n_wide = sum(1 for i in keep if columns[i].wide) or 1
    wide_min = max(8, min(WIDE_MIN, (width - fixed - 2) // n_wide - 2))
    table = Table(title=title, box=box.SIMPLE_HEAD, expand=False, pad_edge=False, show_edge=False, title_justify="left")
    for i in keep:
        col, natural = columns[i], naturals[i]
        low = wide_min if col.wide else min(natural, 10) if col.wrap else natural
        table.add_column(col.header, justify=col.justify, ratio=1 if col.wide else None,  # type: ignore[arg-type]
                         no_wrap=not col.wrap, overflow="fold" if col.wrap else "ellipsis",
                         min_width=low, max_width=None if col.wide else natural)
    for line in cells:
        table.add_row(*(Text(line[i]) for i in keep))
    return table


def print_table(console: Any, columns: list[Col], rows: list[list[Any]], title: str | None = None) -> None:
    console.print(make_table(columns, rows, title, console.width))
