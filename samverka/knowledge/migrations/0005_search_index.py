"""The search index's engine-specific part: a GIN index on the stored vector (PostgreSQL), or an
FTS5 table of stems whose rowid is the SearchEntry's id (SQLite). See knowledge/search.py."""

from django.db import migrations

POSTGRESQL = (
    "CREATE INDEX searchentry_vector_gin ON knowledge_searchentry USING GIN (vector)",
    "DROP INDEX IF EXISTS searchentry_vector_gin",
)
SQLITE = (
    "CREATE VIRTUAL TABLE knowledge_searchfts USING fts5(title, lead, body, tokenize='unicode61 remove_diacritics 0')",
    "DROP TABLE IF EXISTS knowledge_searchfts",
)


def _run(schema_editor, forward: bool) -> None:
    statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(schema_editor.connection.vendor)
    if statements:
        schema_editor.execute(statements[0 if forward else 1])


def create(apps, schema_editor):
    _run(schema_editor, forward=True)


def drop(apps, schema_editor):
    _run(schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0004_similar_reasons")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
