"""What a build takes from a workspace when the caller names one: global styles, components, a sample person.

The commands (`shot`, `matrix`) preview "as the app does" with these, so
they are read here once, the way the editor reads them: the styles row
(`GlobalStyles.from_json`), every component (`ComponentLibrary.from_workspace`)
and the person the preview's sample panel picks first (the first person by
store order, `People.page`).

Decision: a person is named by any identifier Customer.io gives them — the
external id (`customer.id`), the email, or the internal `cio_id` — matched
exactly; the first match by store order wins (identifiers are unique in
practice). An unknown one is a `LookupError` saying which.
"""
from __future__ import annotations

from sqlalchemy import or_, select


def default_person(ws):
    """The person the preview shows first (None in a workspace without people)."""
    people = ws.people.page(limit=1)
    return people[0] if people else None


def find_person(ws, ident: str):
    from engine.store.schema import Person

    with ws.session() as s:
        row = s.scalars(select(Person).where(or_(Person.external_id == ident, Person.email == ident,
                                                 Person.cio_id == ident)).order_by(Person.id).limit(1)).first()
    if row is None:
        raise LookupError(f"no person with id, email or cio_id {ident!r} in this workspace")
    return row


def workspace_styles(ws):
    from engine.styles import GlobalStyles

    data = ws.styles.get()
    return GlobalStyles.from_json(data) if data else None


def workspace_components(ws):
    from engine.components import ComponentLibrary

    library = ComponentLibrary.from_workspace(ws)
    return library if len(library) else None
