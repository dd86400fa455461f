"""Trend charts as Vega-Lite specifications (built with Altair).

The report embeds the specifications and renders them in the page with the Vega, Vega-Lite
and vega-embed scripts vendored in ``static/`` (inlined into the HTML, so the report opens
offline). Suppressed months are gaps in the line. A month to date (the extract month, not
yet complete) is drawn as a partial point: a hollow mark joined by a dashed segment, with a
legend entry saying so, so that a part month does not read as a fall.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import altair as alt

from csc.report.formatting import format_value

CHART_WIDTH = 430
CHART_HEIGHT = 150
TREND_DATA = "trend"
BENCHMARK_DATA = "benchmarks"
VENDORED_SCRIPTS = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")


@dataclass(frozen=True)
class Benchmark:
    label: str
    value: float
    source: str | None = None


PARTIAL_COLOUR = "#1d4f91"


@lru_cache(maxsize=None)
def _spec_template(unit: str, with_benchmarks: bool, with_partial: bool = False) -> str:
    """The chart without its data (named datasets ``trend`` and ``benchmarks``), as JSON.

    Building and serialising Altair charts costs ~0.2 s each, so the few shapes a report needs
    are built once; charts differ only in their data.
    """
    y_title = {"percent": "%", "ratio": "ratio", "rate_per_10k": "per 10,000"}.get(unit, "")
    x = alt.X(
        "month:T",
        title=None,
        timeUnit="utcyearmonth",
        axis=alt.Axis(format="%b %y", labelAngle=0, tickCount=6, grid=False),
    )
    y = alt.Y(
        "value:Q",
        title=y_title or None,
        scale=alt.Scale(zero=unit == "count"),
        axis=alt.Axis(tickCount=4),
    )
    base = alt.Chart(alt.Data(name=TREND_DATA))
    tooltip = [
        alt.Tooltip("month:T", timeUnit="utcyearmonth", title="Month", format="%B %Y"),
        alt.Tooltip("label:N", title="Value"),
    ]
    complete = base.transform_filter("!datum.partial") if with_partial else base
    line = complete.mark_line(color="#1d4f91", strokeWidth=2).encode(x=x, y=y)
    marks = complete.mark_point(color="#1d4f91", filled=True, size=28).encode(x=x, y=y, tooltip=tooltip)
    layers: list[alt.Chart] = [line, marks]
    if with_partial:
        # the part month: a dashed segment from the last complete month, a hollow point, and
        # a legend entry naming it (field `status`)
        segment = base.transform_filter("datum.partial || datum.before_partial").mark_line(
            color=PARTIAL_COLOUR, strokeWidth=2, strokeDash=[4, 3]
        )
        partial_point = base.transform_filter("datum.partial").mark_point(
            color=PARTIAL_COLOUR, filled=False, size=60, strokeWidth=2
        )
        layers += [
            segment.encode(x=x, y=y),
            partial_point.encode(
                x=x,
                y=y,
                shape=alt.Shape(
                    "status:N",
                    legend=alt.Legend(orient="bottom", title=None, labelLimit=260),
                    scale=alt.Scale(range=["circle"]),
                ),
                tooltip=[*tooltip, alt.Tooltip("status:N", title="Note")],
            ),
        ]
    if with_benchmarks:
        bench = alt.Chart(alt.Data(name=BENCHMARK_DATA)).mark_rule(strokeDash=[5, 4], strokeWidth=1.5)
        layers.append(
            bench.encode(
                y=alt.Y("value:Q"),
                color=alt.Color(
                    "benchmark:N",
                    legend=alt.Legend(orient="bottom", title=None, labelLimit=260),
                    scale=alt.Scale(range=["#7a7a7a", "#6a3d9a", "#b15928", "#2e7d32"]),
                ),
                tooltip=[alt.Tooltip("benchmark:N"), alt.Tooltip("label:N", title="Value")],
            )
        )
    chart = alt.layer(*layers).properties(width=CHART_WIDTH, height=CHART_HEIGHT)
    chart = chart.configure_view(stroke=None).configure_axis(labelFontSize=10, titleFontSize=10)
    return json.dumps(chart.to_dict(validate=True))


def trend_chart_spec(
    points: list[tuple[dt.date, float | None, bool]],
    unit: str,
    benchmarks: list[Benchmark] | None = None,
    partial_months: dict[dt.date, str] | None = None,
) -> dict[str, Any]:
    """Vega-Lite spec of a KPI's monthly values: (period_month, value, is_suppressed).

    A suppressed or missing month has a null value: a gap in the line. ``partial_months``
    maps a month that is not complete (a month to date) to its note ('month to date (to
    20/10/2021)'): its point is marked as partial (``partial`` true in the data, a hollow
    point on a dashed segment, the note in the legend).
    """
    partial_months = partial_months or {}
    months = [month for month, _, _ in points]
    before_partial = {months[i - 1] for i, month in enumerate(months) if month in partial_months and i > 0}
    spec = json.loads(_spec_template(unit, bool(benchmarks), bool(partial_months)))
    spec["datasets"] = {
        TREND_DATA: [
            {
                "month": month.isoformat(),
                "value": value,
                "label": "suppressed" if suppressed else format_value(value, unit),
                **(
                    {
                        "partial": month in partial_months,
                        "before_partial": month in before_partial,
                        "status": partial_months.get(month),
                    }
                    if partial_months
                    else {}
                ),
            }
            for month, value, suppressed in points
        ]
    }
    if benchmarks:
        spec["datasets"][BENCHMARK_DATA] = [
            {"benchmark": b.label, "value": b.value, "label": format_value(b.value, unit)}
            for b in benchmarks
        ]
    return spec


def vendored_scripts() -> list[str]:
    """The JavaScript needed to render the charts, ready to inline (source maps dropped)."""
    scripts = []
    static = resources.files("csc.report").joinpath("static")
    for name in VENDORED_SCRIPTS:
        text = static.joinpath(name).read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if not line.startswith("//# sourceMappingURL=")]
        body = "\n".join(lines)
        # Never let library code end the inline <script> element early.
        scripts.append(body.replace("</script", "<\\/script"))
    return scripts


AUDIT_DATA = "audits"
# The case-audit grades in the order they stack (best at the bottom), each with a fixed
# colour, so a grade has the same colour in every report and every theme.
GRADE_COLOURS: tuple[tuple[str, str, str], ...] = (
    ("OUTSTANDING", "Outstanding", "#1b7837"),
    ("GOOD", "Good", "#7fbf7b"),
    ("REQUIRES_IMPROVEMENT", "Requires improvement", "#f1a340"),
    ("INADEQUATE", "Inadequate", "#d7301f"),
    ("unknown", "Ungraded", "#bdbdbd"),
)
AUDIT_PANEL_HEIGHT = 70


@dataclass(frozen=True)
class GradeCount:
    month: dt.date
    theme: str
    grade: str
    count: int | None  # None when suppressed


def grade_distribution_spec(counts: list[GradeCount], months: list[dt.date]) -> dict[str, Any]:
    """Vega-Lite spec of case audits per grade, month and theme: one row of stacked bars per
    theme, a bar per month of ``months`` (all of them on the axis, with audits or not).

    Suppressed counts (``count`` None) are not drawn: a bar's height would give them away.
    """
    labels = {grade: label for grade, label, _ in GRADE_COLOURS}
    order = {grade: index for index, (grade, _, _) in enumerate(GRADE_COLOURS)}
    month_labels = [f"{month:%b %y}" for month in months]
    x = alt.X(
        "month_label:O",
        title=None,
        scale=alt.Scale(domain=month_labels),
        axis=alt.Axis(labelAngle=0, labelFontSize=9),
    )
    y = alt.Y("count:Q", title="audits", stack="zero", axis=alt.Axis(tickCount=3))
    colour = alt.Color(
        "grade_label:N",
        title=None,
        scale=alt.Scale(
            domain=[label for _, label, _ in GRADE_COLOURS], range=[colour for _, _, colour in GRADE_COLOURS]
        ),
        legend=alt.Legend(orient="bottom", labelLimit=200),
    )
    bars = (
        alt.Chart(alt.Data(name=AUDIT_DATA))
        .mark_bar()
        .encode(
            x=x,
            y=y,
            color=colour,
            order=alt.Order("grade_order:Q", sort="ascending"),
            tooltip=[
                alt.Tooltip("theme:N", title="Theme"),
                alt.Tooltip("month_name:N", title="Month"),
                alt.Tooltip("grade_label:N", title="Grade"),
                alt.Tooltip("count:Q", title="Audits"),
            ],
        )
        .properties(width=CHART_WIDTH, height=AUDIT_PANEL_HEIGHT)
    )
    chart = bars.facet(
        row=alt.Row("theme:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left", labelFontSize=11)),
        spacing=12,
    )
    chart = chart.configure_view(stroke=None).configure_axis(labelFontSize=10, titleFontSize=10)
    spec = chart.to_dict(validate=True)
    spec["datasets"] = {
        AUDIT_DATA: [
            {
                "month_label": f"{c.month:%b %y}",
                "month_name": f"{c.month:%B %Y}",
                "theme": c.theme,
                "grade": c.grade,
                "grade_label": labels.get(c.grade, c.grade),
                "grade_order": order.get(c.grade, len(order)),
                "count": c.count,
            }
            for c in counts
            if c.count is not None and c.month in months
        ]
    }
    return spec
