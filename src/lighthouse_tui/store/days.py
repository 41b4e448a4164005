"""Stored moments (UTC text) to the user's days, fast: a review or a capacity sweep turns
100,000 of them into days, and `astimezone` on each took a seventh of a second."""

from datetime import date, datetime, timedelta

_HOUR = timedelta(hours=1)
_DAY = timedelta(days=1)


class LocalDays:
    """`datetime.fromisoformat(stored).astimezone().date()`, exactly, for stored moments
    (`…THH:MM:SS.ffffffZ`). A UTC day whose offset is the same whole number of hours from
    its first to its last microsecond maps each of its hours by arithmetic, worked out once
    per UTC day; a day with a change of offset, or a zone off by a fraction of an hour, has
    each moment converted."""

    def __init__(self) -> None:
        self._hours: dict[str, list[date] | None] = {}
        """Per UTC day, the local day of each of its 24 hours, or None."""

    def __call__(self, stored: str) -> date:
        return self.of_hour(stored[:13]) or datetime.fromisoformat(stored).astimezone().date()

    def of_hour(self, hour: str) -> date | None:
        """The local day of every moment of the UTC hour `hour` (`YYYY-MM-DDTHH`), or None
        when that hour is not all in one local day, or not known to be."""
        utc_day = hour[:10]
        try:
            hours = self._hours[utc_day]
        except KeyError:
            hours = self._hours[utc_day] = _hours_of_day(utc_day)
        return None if hours is None else hours[int(hour[11:13])]


def _hours_of_day(utc_day: str) -> list[date] | None:
    start = datetime.fromisoformat(f"{utc_day}T00:00:00+00:00")
    first, last = start.astimezone(), (start + _DAY - timedelta(microseconds=1)).astimezone()
    offset = first.utcoffset()
    if offset is None or offset != last.utcoffset() or offset % _HOUR:
        return None
    return [(start + offset + hour * _HOUR).date() for hour in range(24)]
