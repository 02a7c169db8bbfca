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


def bars(rows, *, value_of, label_of, text_of) -> dict:
    """Instructions for a horizontal bar chart of ``rows``: the view box and one Bar per row."""
    values = [Decimal(value_of(row) or 0) for row in rows]
    top = max(values, default=0)
    drawn = []
    for index, (row, value) in enumerate(zip(rows, values)):
        width = float(value * BAR_SPACE / top) if top > 0 and value > 0 else 0.0
        drawn.append(
            Bar(
                label=label_of(row),
                value_text=text_of(row),
                y=index * ROW_HEIGHT,
                width=round(width, 1),
                text_x=round(LABEL_WIDTH + width + 6, 1),
            )
        )
    return {
        "view_box": f"0 0 {WIDTH} {max(1, len(drawn)) * ROW_HEIGHT}",
        "bars": drawn,
        "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH,
        "bar_height": ROW_HEIGHT - 8,
    }
