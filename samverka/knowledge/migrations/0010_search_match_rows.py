"""PostgreSQL: what a search reads of each entry moves to a narrow row of its own (SearchMatch).

Counting facets reads one row per match. The entry's row also holds its title, its kind, year
and portfolio and area ids (written again in its facet row) and pointers to its lead and text,
so at 100 000 entries the rows read fill 3 600 pages; the match rows (id, facet row, language,
when a news item may appear, the vector's pointer) fill 1 600. The vectors move over with the
GIN index and the (language, id) index that the walk uses; the entries lose them. On SQLite
the new table stays empty (its FTS5 table plays this part). PostgreSQL keeps a dropped column's
values until the rows are written again: ``VACUUM FULL knowledge_searchentry`` (or
``rebuild_search_index``) gives their room back.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

FORWARD = [
    # As migration 0007 for the entries: long values (the vector) go to TOAST when a row is written.
    # (Only when the row is longer than about 2 kB, which a vector alone seldom is: migration 0011.)
    "ALTER TABLE knowledge_searchmatch SET (toast_tuple_target = 128)",
    """INSERT INTO knowledge_searchmatch (id, facets_id, language, due_at, vector)
       SELECT id, facets_id, language, CASE WHEN source = 'news' THEN published_at END, vector
       FROM knowledge_searchentry WHERE vector IS NOT NULL AND facets_id IS NOT NULL ORDER BY id""",
    "CREATE INDEX searchmatch_vector_gin ON knowledge_searchmatch USING GIN (vector)",
]
BACKWARD = [
    """UPDATE knowledge_searchentry e SET vector = m.vector FROM knowledge_searchmatch m WHERE m.id = e.id""",
    "CREATE INDEX searchentry_vector_gin ON knowledge_searchentry USING GIN (vector)",
]


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
        ('knowledge', '0009_search_facet_sets'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchMatch',
            fields=[
                ('id', models.BigIntegerField(primary_key=True, serialize=False)),
                ('language', models.CharField(max_length=2)),
                ('due_at', models.DateTimeField(null=True)),
                ('vector', django.contrib.postgres.search.SearchVectorField()),
                ('facets', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='knowledge.searchfacets')),
            ],
            options={
                'indexes': [models.Index(fields=['language', 'id'], name='searchmatch_language_id')],
            },
        ),
        migrations.RunPython(forward, backward, elidable=False),
        migrations.RemoveIndex(
            model_name='searchentry',
            name='searchentry_language_id',
        ),
        migrations.RemoveField(
            model_name='searchentry',
            name='vector',
        ),
    ]
