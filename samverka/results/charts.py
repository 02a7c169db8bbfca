"""Bar charts drawn on the server as SVG: no script, no library, nothing fetched at run time.

A chart is decoration beside its data table (the table is what assistive technology reads), so
its SVG is ``aria-hidden``. ``bars()`` turns rows into drawing instructions for
``results/includes/bar_chart.html``; widths are in the SVG's own units, so no inline style is
needed under the Content-Security-Policy.
"""

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 720
LABEL_WIDTH = 220
BAR_SPACE = 330  # what is left on the right holds the figure written after the bar
ROW_HEIGHT = 28


@dataclass
class Bar:
    label: str
    value_text: str
    y: int
    width: float
    text_x: float
    part_width: float = 0.0  # a second, narrower bar over the first (e.g. paid out of granted)


def bars(rows, *, value_of, label_of, text_of, part_of=None, legend=None) -> dict:
    """Instructions for a horizontal bar chart of ``rows``: the view box and one Bar per row.

    ``part_of(row)``, when given, draws a part of each bar on the same scale (None or 0: none);
    ``legend`` is then (what the whole bar is, what the part is), drawn below the bars.
    """
    values = [Decimal(value_of(row) or 0) for row in rows]
    parts = [Decimal((part_of(row) if part_of else 0) or 0) for row in rows]
    top = max([*values, *parts], default=0)
    drawn = []
    for index, (row, value, part) in enumerate(zip(rows, values, parts)):
        width = float(value * BAR_SPACE / top) if top > 0 and value > 0 else 0.0
        part_width = float(part * BAR_SPACE / top) if top > 0 and part > 0 else 0.0
        drawn.append(
            Bar(
                label=label_of(row),
                value_text=text_of(row),
                y=index * ROW_HEIGHT,
                width=round(width, 1),
                text_x=round(LABEL_WIDTH + max(width, part_width) + 6, 1),
                part_width=round(part_width, 1),
            )
        )
    legend_y = max(1, len(drawn)) * ROW_HEIGHT
    shown_legend = legend if legend and any(bar.part_width for bar in drawn) else None
    height = legend_y + (ROW_HEIGHT if shown_legend else 0)
    return {
        "view_box": f"0 0 {WIDTH} {height}",
        "bars": drawn,
        "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH,
        "bar_height": ROW_HEIGHT - 8,
        "legend": shown_legend,
        "legend_y": legend_y,
    }
