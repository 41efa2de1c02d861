"""How current the site is: status entries older than their allowed age, and pages and cases whose review is
overdue.

Every function takes ``today`` as a parameter, so the rules can be tested on any date.
"""
from __future__ import annotations

from datetime import date

from .dates import parse_day


def age_days(as_of, today: date) -> int:
    """Whole days from ``as_of`` to ``today`` (negative if ``as_of`` is later)."""
    return (today - parse_day(as_of)).days


def is_stale(handbook, entry, today: date) -> bool:
    """True when the entry was checked longer ago than ``max_age_days``."""
    return age_days(entry.as_of, today) > handbook.status_settings.max_age_days


def stale_entries(handbook, today: date) -> list:
    """Status entries past ``max_age_days`` on ``today``, in file order."""
    return [e for e in handbook.status_entries if is_stale(handbook, e, today)]


def overdue_pages(handbook, today: date) -> list[tuple[str, str | None]]:
    """Pages (path under docs/, reviewed date or ``None``) not reviewed within ``page_review_days`` of ``today``."""
    limit = handbook.status_settings.page_review_days
    found = []
    for path, page in sorted(handbook.pages.items()):
        reviewed = page.meta.data.get("reviewed")
        if reviewed is None or age_days(reviewed, today) > limit:
            found.append((path, None if reviewed is None else str(reviewed)))
    return found


def overdue_cases(handbook, today: date) -> list:
    """Cases (by id) not reviewed within ``page_review_days`` of ``today``: a case page is read like any page."""
    limit = handbook.status_settings.page_review_days
    return [c for c in handbook.cases if age_days(c.reviewed, today) > limit]
