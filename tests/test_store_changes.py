"""The store tells listeners which tables a commit wrote (what keeps the window's lists current)."""
from __future__ import annotations

from engine.store import Workspace


def test_listeners_hear_each_writing_commit_with_its_tables_and_nothing_for_reads(tmp_path):
    ws = Workspace.open(tmp_path / "ws.db")
    heard: list[frozenset] = []
    ws.add_listener(heard.append)
    try:
        email = ws.files.create_email("News")
        ws.files.set_source(email.ref, "<x-base></x-base>")
        campaign = ws.campaigns.create("Onboarding")
        ws.campaigns.delete(campaign.id)  # a bulk DELETE statement: no ORM object is flushed
        ws.people.bulk_insert([{"cio_id": "c1", "email": "a@example.com", "attributes": {}}], [])
        assert [sorted(t) for t in heard] == [
            ["emails"], sorted(heard[1]), ["campaigns"], ["campaigns"], ["events", "people"],
        ]
        assert "emails" in heard[1]
        heard.clear()
        ws.files.all()
        ws.campaigns.list()
        ws.people.count()
        assert heard == []  # reads commit too, but wrote nothing
        ws.remove_listener(heard.append)
        ws.files.create_folder("Quiet")
        assert heard == []
    finally:
        ws.close()


def test_a_rolled_back_write_is_not_announced(tmp_path):
    from engine.store.schema import Folder

    ws = Workspace.open(tmp_path / "ws.db")
    heard: list[frozenset] = []
    ws.add_listener(heard.append)
    try:
        try:
            with ws.session() as s:
                s.add(Folder(name="Half done"))
                s.flush()  # written to the transaction …
                raise RuntimeError("… then the operation fails")
        except RuntimeError:
            pass
        assert heard == []
        assert not [f for f in ws.files.all() if f.name == "Half done"]
        ws.files.create_folder("Done")  # the next commit names only its own tables
        assert heard == [frozenset({"folders"})]
    finally:
        ws.close()
