"""A Report around a short text of our own wording, as the loader would make it (for tests)."""
from helpers.records import Report


def report_of(text: str, title: str | None = None, report_id: str = "w1", date: str = "2021-05-01") -> Report:
    """`report_of("بلغ عدد المتطوعين 1270", "عنوان")`: the title, a blank line, then the body."""
    full = f"{title}\n\n{text}" if title else text
    return Report(id=report_id, title=title, text=text, full_text=full, date=date,
                  date_origin="metadata", source=None, url=None, path="test.txt", line=None,
                  encoding="utf-8", content_hash="h", duplicate_of=None)
