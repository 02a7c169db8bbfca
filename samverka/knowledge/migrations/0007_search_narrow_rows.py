"""PostgreSQL: keep the search entries' rows narrow.

With the default TOAST threshold (about 2 kB) most of an entry's lead, body and vector stay in
the row, so reading the few columns a search counts (kind, year, language, …) for 80 000
matches read the whole 280 MB table. With ``toast_tuple_target = 128`` the long values move to
the TOAST table when a row is written, and the table's own pages shrink about five times
(53 MB at 100 000 entries); the vector is read only to rank the page's candidates.
Rows written before this migration keep their layout until ``rebuild_search_index`` (or
``VACUUM FULL knowledge_searchentry``) writes them again.
"""

from django.db import migrations


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE knowledge_searchentry SET (toast_tuple_target = 128)")


def default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE knowledge_searchentry RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0006_similar_champions")]

    operations = [migrations.RunPython(narrow, default, elidable=False)]
