"""The monthly HTML performance report (`csc report`), read from the dbt publication models."""

from csc.report.render import ReportError, render_report

__all__ = ["ReportError", "render_report"]
