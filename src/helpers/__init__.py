"""Rasd (رصد): a pipeline from Arabic reports to figures, incentives, charts and reports.

Stages, one module each: load → normalise → extract → aggregate → chart → report.
"""
__version__ = "0.1.0"
