"""Repositories for the workspace's other records: campaigns, people, styles, settings.

Each is a thin, typed door onto its tables so the GUI and command line never
write SQL; bulk paths (the sample generator, imports) use Core executemany.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable

from sqlalchemy import delete, func, insert, select

from engine.store.schema import Campaign, Event, GlobalStylesRow, Person, Segment, Setting, utcnow


class Campaigns:
    def __init__(self, workspace):
        self._ws = workspace

    def list(self) -> list[Campaign]:
        with self._ws.session() as s:
            return list(s.scalars(select(Campaign).order_by(func.lower(Campaign.name))))

    def get(self, campaign_id: int) -> Campaign:
        with self._ws.session() as s:
            row = s.get(Campaign, campaign_id)
            if row is None:
                raise LookupError(f"Campaign {campaign_id} does not exist.")
            return row

    def create(self, name: str, *, settings: dict | None = None, workflow: dict | None = None, status: str = "draft") -> Campaign:
        with self._ws.session() as s:
            row = Campaign(name=name, settings=settings or {}, workflow=workflow or {}, status=status)
            s.add(row)
            s.flush()
            return row

    def update(self, campaign_id: int, **fields) -> None:
        with self._ws.session() as s:
            row = s.get(Campaign, campaign_id)
            if row is None:
                raise LookupError(f"Campaign {campaign_id} does not exist.")
            for key, value in fields.items():
                setattr(row, key, value)
            row.updated_at = utcnow()

    def mark_opened(self, campaign_id: int) -> None:
        self.update(campaign_id, opened_at=utcnow())

    def delete(self, campaign_id: int) -> None:
        with self._ws.session() as s:
            s.execute(delete(Campaign).where(Campaign.id == campaign_id))


class People:
    def __init__(self, workspace):
        self._ws = workspace

    def count(self) -> int:
        with self._ws.session() as s:
            return s.scalar(select(func.count()).select_from(Person)) or 0

    def event_count(self, name: str | None = None) -> int:
        with self._ws.session() as s:
            q = select(func.count()).select_from(Event)
            if name:
                q = q.where(Event.name == name)
            return s.scalar(q) or 0

    def page(self, offset: int = 0, limit: int = 100, search: str = "") -> list[Person]:
        """People ordered by id; `search` matches identifiers and attribute text."""
        with self._ws.session() as s:
            q = select(Person).order_by(Person.id)
            if search:
                like = f"%{search.lower()}%"
                from sqlalchemy import String, cast, or_

                q = q.where(
                    or_(
                        func.lower(Person.email).like(like),
                        func.lower(Person.external_id).like(like),
                        func.lower(cast(Person.attributes, String)).like(like),
                    )
                )
            return list(s.scalars(q.offset(offset).limit(limit)))

    def get(self, person_id: int) -> Person:
        with self._ws.session() as s:
            row = s.get(Person, person_id)
            if row is None:
                raise LookupError(f"Person {person_id} does not exist.")
            return row

    def events_of(self, person_id: int) -> list[Event]:
        with self._ws.session() as s:
            return list(s.scalars(select(Event).where(Event.person_id == person_id).order_by(Event.timestamp)))

    def bulk_insert(self, people: Iterable[dict], events: Iterable[dict]) -> None:
        """Insert many rows in one transaction (Core executemany: ~100× faster than the ORM)."""
        with self._ws.engine.begin() as conn:
            people = list(people)
            if people:
                conn.execute(insert(Person), people)
            events = list(events)
            for i in range(0, len(events), 50_000):
                conn.execute(insert(Event), events[i : i + 50_000])
        self._ws.notify({"people", "events"})

    def segments(self) -> list[Segment]:
        with self._ws.session() as s:
            return list(s.scalars(select(Segment).order_by(func.lower(Segment.name))))

    def add_segment(self, name: str, conditions: dict, description: str = "", kind: str = "data") -> Segment:
        with self._ws.session() as s:
            row = Segment(name=name, conditions=conditions, description=description, kind=kind)
            s.add(row)
            s.flush()
            return row


class GlobalStylesStore:
    """The workspace's single set of global styles, kept as its JSON document."""

    def __init__(self, workspace):
        self._ws = workspace

    def get(self) -> dict:
        with self._ws.session() as s:
            row = s.scalars(select(GlobalStylesRow).order_by(GlobalStylesRow.id)).first()
            return dict(row.data) if row else {}

    def set(self, data: dict) -> None:
        with self._ws.session() as s:
            row = s.scalars(select(GlobalStylesRow).order_by(GlobalStylesRow.id)).first()
            if row is None:
                s.add(GlobalStylesRow(data=data))
            else:
                row.data = data
                row.updated_at = utcnow()


class Settings:
    """Workspace settings as key → JSON value."""

    def __init__(self, workspace):
        self._ws = workspace

    def get(self, key: str, default: Any = None) -> Any:
        with self._ws.session() as s:
            row = s.get(Setting, key)
            return default if row is None else row.value

    def set(self, key: str, value: Any) -> None:
        with self._ws.session() as s:
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value
