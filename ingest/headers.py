"""The header of a table: which column each cell sits under.

A table of figures has one (the rows above its first row of figures), and so does a table
of text whose first row names its columns ('NAME | PURPOSE | MEETS'). A passage writes a
row's cells side by side without the empty ones ('Police Staff | 3 | 2 | 5 | 4 | 3%'),
which loses the column of every cell after a gap; and a header written over two rows
names a group once over several columns ('West Mercia' over 'Last Quarter' and 'Quarter
Avg'). So the column of each cell is read here, from the tab-separated line with its
empty cells still in place.
"""

from __future__ import annotations

import re

from ingest.records import CELL_JOIN

# A figure standing alone in a cell: '211', '1,102', '38%', '£2.3m', '-4'.
FIGURE_CELL = re.compile(r"^[£$]?[-+]?\d[\d,]*(?:\.\d+)?\s*(?:%|[kmb]n?)?$", re.I)
MAX_HEADER_ROWS = 3  # more rows above the first figure are text, not a header
MAX_NAME_WORDS = 3  # a column's name ('Area of scrutiny'); a longer cell is a row's text


def header_size(rows: list[list[str]]) -> int:
    """How many of a table's first rows are its header: the rows of two or more cells
    above its first row of figures (a label, then a figure), none if that is not near the
    top. A table without two rows of figures ('Version: | 1' in a paper's details is no
    table of figures) has one only if its first row names columns ('NAME | PURPOSE | MEETS')."""
    figure_rows = [i for i, cells in enumerate(rows) if _is_figure_row(cells)]
    if len(figure_rows) < 2:
        return 1 if len(rows) > 2 and _names_columns(rows[0]) else 0
    if figure_rows[0] > MAX_HEADER_ROWS:
        return 0
    size = 0
    while size < figure_rows[0] and sum(1 for c in rows[size] if c) >= 2:
        size += 1  # a row of one cell is a section's label ('Putting Victims & Survivors First')
    return size


def _is_figure_row(cells: list[str]) -> bool:
    return bool(cells) and bool(cells[0]) and any(FIGURE_CELL.match(c) for c in cells[1:])


def _names_columns(cells: list[str]) -> bool:
    """'NAME | PURPOSE (Safer West Mercia Plan …) | MEETS', 'Item No | Subject | Page No':
    two or more cells, each a few words or led by a word in capitals; not a number, and not
    a field's label ('Author: | Performance Review' is a paper's details)."""
    filled = [c for c in cells if c]
    return len(filled) >= 2 and all(
        not c[0].isdigit()  # a figure, or an item's number ('1. | Introduction | ACTION')
        and not c.endswith(":")
        and (len(c.split()) <= MAX_NAME_WORDS or (len(c.split()[0]) > 1 and c.split()[0].isupper()))
        for c in filled
    )


def column_names(header: list[list[str]]) -> list[str]:
    """Each column's name, its header cells from the top down. A cell in an upper row
    spans the empty ones after it ('West Mercia', '', 'Herefordshire', '' over 'Last
    Quarter', 'Quarter Avg', …); the first column holds the rows' labels and has none."""
    width = max((len(row) for row in header), default=0)
    names: list[list[str]] = [[] for _ in range(width)]
    for depth, row in enumerate(header):
        spans = depth < len(header) - 1
        held = ""
        for j in range(1, width):
            cell = row[j] if j < len(row) else ""
            held = cell or (held if spans else "")
            if held:
                names[j].append(held)
    return [" ".join(parts) for parts in names]


def row_columns(cells: list[str], names: list[str], group: str = "") -> list[str]:
    """The column name of each non-empty cell of a row, in the order the passage writes
    them: '' for the cells of the row's label and for a cell beyond the header, except that
    the first cell of a row continuing a `group` ('Staff' under 'West Mercia') is named by
    the group (see row_label)."""
    named = [names[j] if 0 < j < len(names) else "" for j, cell in enumerate(cells) if cell]
    if named and group and not cells[0]:
        named[0] = group
    return named


def row_label(row: str, named: list[str]) -> str:
    """What a row is of: its group, if it continues one, and its leading cells under no
    column ('West Mercia Officer', 'West Mercia Staff')."""
    cells = row.split(CELL_JOIN)
    label = [named[0]] if named and named[0] else []
    for cell, name in zip(cells, ["", *named[1:]], strict=False):
        if name:
            break
        label.append(cell)
    return " ".join(label)


def table_columns(rows: list[list[str]]) -> tuple[int, dict[str, list[str]]]:
    """How many header rows a table has, and for each row under them (as the passage
    writes it) the column name of each of its cells. Empty for a table with no header.
    A row whose first cell is empty continues the last row that had one ('West Mercia |
    Officer | 5.2%', then '| Staff | 4.7%')."""
    size = header_size(rows)
    if not size:
        return 0, {}
    names = column_names(rows[:size])
    columns, group = {}, ""
    for cells in rows[size:]:
        if not any(cells):
            continue
        group = cells[0] or group
        columns[CELL_JOIN.join(c for c in cells if c)] = row_columns(cells, names, group)
    return size, columns
