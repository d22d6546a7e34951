"""The workspace store: migrations, round trips, and the Design Studio file operations."""
from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from engine.store import FileError, Workspace, WorkspaceError
from engine.store.files import COMPONENT, EMAIL, FOLDER, TEMPLATE
from engine.store.migrate import HEAD_REVISION, current_revision, head_revision
from engine.store.schema import Base


@pytest.fixture
def ws(tmp_path):
    with Workspace.open(tmp_path / "ws.db") as workspace:
        yield workspace


def test_empty_database_is_migrated_to_head(tmp_path):
    path = tmp_path / "fresh.db"
    with Workspace.open(path) as ws:
        assert current_revision(ws.engine) == head_revision()
        tables = set(sa.inspect(ws.engine).get_table_names())
    expected = {"folders", "emails", "components", "global_styles", "versions", "campaigns",
                "segments", "people", "events", "deliveries", "assets", "settings", "alembic_version"}
    assert expected <= tables


def test_head_constant_matches_the_newest_migration_script():
    assert HEAD_REVISION == head_revision()


def test_migrations_produce_exactly_the_schema_models(tmp_path):
    """The newest migration and schema.py must agree, or an upgrade would lose columns."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with Workspace.open(tmp_path / "m.db") as ws, ws.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_reopening_keeps_the_data(tmp_path):
    path = tmp_path / "keep.db"
    with Workspace.open(path) as ws:
        folder = ws.files.create_folder("Promos")
        email = ws.files.create_email("Spring sale", folder.id, source="<x-base>Hi</x-base>", subject="Spring!")
    with Workspace.open(path) as ws:
        assert ws.files.source(email.ref) == "<x-base>Hi</x-base>"
        assert ws.files.email(email.id).subject == "Spring!"
        assert [f.name for f in ws.files.list(folder.id)] == ["Spring sale"]


def test_sqlite_is_opened_with_wal_and_foreign_keys(ws):
    with ws.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_committed_edit_is_visible_to_an_independent_connection(ws, tmp_path):
    email = ws.files.create_email("Autosaved")
    ws.files.set_source(email.ref, "<x-base>edited</x-base>")
    raw = sqlite3.connect(tmp_path / "ws.db")
    assert raw.execute("select source from emails where id=?", (email.id,)).fetchone()[0] == "<x-base>edited</x-base>"


def test_any_sqlalchemy_url_is_accepted(tmp_path):
    url = f"sqlite:///{tmp_path / 'by-url.db'}"
    with Workspace.open(url) as ws:
        ws.files.create_email("Via URL")
        assert ws.url == url


def test_bad_url_gives_a_clear_error():
    with pytest.raises(WorkspaceError, match="unknown database type"):
        Workspace.open("nosuchdialect://x/y")


def test_not_a_database_gives_a_clear_error(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not sqlite " * 100)
    with pytest.raises(WorkspaceError, match="cannot open or upgrade"):
        Workspace.open(bogus)


def test_create_each_kind_and_list_folders_first(ws):
    ws.files.create_email("b email")
    ws.files.create_email("a template", kind=TEMPLATE)
    ws.files.create_component("Footer")
    ws.files.create_folder("z folder")
    kinds = [(f.kind, f.name) for f in ws.files.list()]
    assert kinds == [(FOLDER, "z folder"), (TEMPLATE, "a template"), (EMAIL, "b email"), (COMPONENT, "Footer")]


def test_component_tag_is_made_valid_and_unique(ws):
    a = ws.files.create_component("Footer")
    b = ws.files.create_component("Footer")
    assert a.tag == "footer-block" and b.tag == "footer-block-2"


def test_type_filter(ws):
    ws.files.create_email("Mail")
    ws.files.create_email("Layout", kind=TEMPLATE)
    ws.files.create_component("Card thing")
    assert [f.name for f in ws.files.list(type_filter="messages")] == ["Mail"]
    assert [f.name for f in ws.files.list(type_filter="templates")] == ["Layout"]
    assert [f.name for f in ws.files.list(type_filter="components")] == ["Card thing"]
    with pytest.raises(FileError):
        ws.files.list(type_filter="pictures")


def test_sort_by_last_edited_descending(ws):
    first = ws.files.create_email("First")
    ws.files.create_email("Second")
    ws.files.set_source(first.ref, "<x-base>newer</x-base>")
    names = [f.name for f in ws.files.list(sort="last_edited", descending=True)]
    assert names == ["First", "Second"]


def test_rename_refuses_an_empty_name(ws):
    email = ws.files.create_email("Old")
    assert ws.files.rename(email.ref, "  New  ").name == "New"
    with pytest.raises(FileError, match="name is required"):
        ws.files.rename(email.ref, "   ")


def test_duplicate_file_and_folder_deeply(ws):
    folder = ws.files.create_folder("Q4")
    inner = ws.files.create_folder("Drafts", folder.id)
    ws.files.create_email("Promo", inner.id, source="<x-base>promo</x-base>")
    copy = ws.files.duplicate(folder.ref)
    assert copy.name == "[Copy] Q4"
    (inner_copy,) = ws.files.list(copy.id)
    assert inner_copy.name == "Drafts"
    (email_copy,) = ws.files.list(inner_copy.id)
    assert ws.files.source(email_copy.ref) == "<x-base>promo</x-base>"
    single = ws.files.duplicate(email_copy.ref)
    assert single.name == "[Copy] Promo" and single.folder_id == inner_copy.id


def test_delete_folder_deletes_everything_inside(ws):
    folder = ws.files.create_folder("Old")
    sub = ws.files.create_folder("Older", folder.id)
    ws.files.create_email("Gone", sub.id)
    ws.files.create_component("Gone too", folder.id)
    ws.files.delete(folder.ref)
    assert ws.files.all() == []


def test_email_used_in_a_campaign_cannot_be_deleted(ws):
    email = ws.files.create_email("Linked")
    ws.campaigns.create("Flow", workflow={"blocks": [{"type": "email", "settings": {"email_id": email.id}}]})
    assert ws.files.get(email.ref).used_in == 1
    with pytest.raises(FileError, match="used in a campaign"):
        ws.files.delete(email.ref)
    assert ws.files.get(email.ref).name == "Linked"


def test_search_names_and_content_with_counts_and_excerpts(ws):
    ws.files.create_email("Holiday sale", source="<x-base>\n<x-paragraph>Nothing here</x-paragraph>\n</x-base>")
    ws.files.create_email("Receipt", source="<x-base>\n  <x-paragraph>Your holiday order</x-paragraph>\n  holiday holiday\n</x-base>")
    result = ws.files.search("HOLIDAY")
    by_name = {m.file.name: m for m in result.matches}
    assert by_name["Holiday sale"].name_matches and by_name["Holiday sale"].hits == []
    receipt = by_name["Receipt"]
    assert [h.line for h in receipt.hits] == [2, 3, 3]
    hit = receipt.hits[0]
    assert hit.excerpt[hit.start:hit.end] == "holiday"
    assert result.match_count == 4


def test_recent_files_keep_the_five_latest_opened(ws):
    refs = [ws.files.create_email(f"E{i}").ref for i in range(7)]
    for ref in refs:
        ws.files.mark_opened(ref)
    assert [f.name for f in ws.files.recent()] == ["E6", "E5", "E4", "E3", "E2"]


def test_move_refuses_a_folder_into_itself(ws):
    parent = ws.files.create_folder("Parent")
    child = ws.files.create_folder("Child", parent.id)
    with pytest.raises(FileError, match="into itself"):
        ws.files.move(parent.ref, child.id)


def test_component_used_in_counts_the_files_using_its_tag(ws):
    card = ws.files.create_component("Promo card", tag="promo-card")
    ws.files.create_component("Promo card wide", tag="promo-card-wide")
    ws.files.create_email("A", source="<x-base><promo-card code='X'/></x-base>")
    ws.files.create_email("B", source="<x-base><promo-card>1</promo-card><promo-card>2</promo-card></x-base>")
    ws.files.create_email("C", source="<x-base><promo-card-wide/></x-base>")
    assert ws.files.get(card.ref).used_in == 2
    by_tag = {f.tag: f.used_in for f in ws.files.all() if f.kind == "component"}
    assert by_tag == {"promo-card": 2, "promo-card-wide": 1}
