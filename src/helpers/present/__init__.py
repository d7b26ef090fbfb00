"""Presentation: labels in both languages, Arabic text for matplotlib, charts, the map, the report, and the review and explore views for JupyterLab."""
