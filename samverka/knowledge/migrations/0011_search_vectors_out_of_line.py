"""PostgreSQL: keep the match rows' vectors out of line (in TOAST), as migration 0010 meant to.

PostgreSQL moves a row's long values to its TOAST table only when the row is longer than about
2 kB (``TOAST_TUPLE_THRESHOLD``, fixed when PostgreSQL is built); ``toast_tuple_target`` only
says how far it then shrinks the row. A search vector is usually shorter than that (1.25 kB on
average in ``bench/search_bench.py``), so a match row written with its vector kept it in the row:
100 000 rows filled 16 700 pages, and counting the facets of a word in most entries read them
all (96 ms for "kommun", against 20 ms for the same rows with their vectors in TOAST, 870 pages).
A row that is copied with a value already in another table's TOAST is always toasted, so the
vectors are first written to ``knowledge_searchvectorstage``, whose rows a filler makes longer
than the threshold, and copied from there (``search.write_matches``). The table holds rows only
inside the transaction that writes them; it is unlogged, as nothing in it outlives a write.

Existing match rows get their vectors back through the same table. PostgreSQL keeps the old
row versions' room until ``VACUUM FULL knowledge_searchmatch`` (docs/deploy.md).
"""

from django.db import migrations

STAGE = "knowledge_searchvectorstage"
FORWARD = [
    f"CREATE UNLOGGED TABLE {STAGE} (id bigint NOT NULL, vector tsvector NOT NULL, filler text NOT NULL)",
    # The vector goes out of line uncompressed; the filler is compressed in the row (to ~35 bytes).
    f"ALTER TABLE {STAGE} ALTER COLUMN vector SET STORAGE EXTERNAL, ALTER COLUMN filler SET STORAGE MAIN",
    f"INSERT INTO {STAGE} (id, vector, filler) SELECT id, vector, repeat(' ', 2048) FROM knowledge_searchmatch",
    f"UPDATE knowledge_searchmatch m SET vector = s.vector FROM {STAGE} s WHERE s.id = m.id",
    f"DELETE FROM {STAGE}",
]
BACKWARD = [f"DROP TABLE {STAGE}"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("knowledge", "0010_search_match_rows"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
