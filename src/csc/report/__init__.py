"""The monthly HTML performance report and the disclosure rules shared with `csc publish`."""

from csc.report.render import ReportError, render_report

__all__ = ["ReportError", "render_report"]
