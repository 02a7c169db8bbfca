"""Search entries carry their portfolio and programme-area ids themselves.

``portfolio_ids`` and ``area_ids`` (JSON arrays of ids, sorted) replace the link tables
``knowledge_searchentry_portfolios`` and ``knowledge_searchentry_areas``: counting the facets of
80 000 matches joined both tables (merge joins over the whole link index, the matches sorted by
id for each) and read the matches once per facet; now one read of the matches, grouped, gives
every count (see knowledge/search_results.py). The ids are copied from the links here (and back
when migrating backwards), so no rebuild of the index is needed. On PostgreSQL the copy writes
every row again: at 100 000 entries the table grew from 53 to 115 MB until
``VACUUM FULL knowledge_searchentry`` (or ``rebuild_search_index``) made it 49 MB again.
"""

from django.db import migrations, models

ENTRY = "knowledge_searchentry"
LINKS = (("portfolio_ids", "knowledge_searchentry_portfolios", "portfolio_id", "registry_portfolio"),
         ("area_ids", "knowledge_searchentry_areas", "region_id", "registry_region"))


def _copy_sql(vendor: str, column: str, table: str, key: str) -> str:
    if vendor == "postgresql":
        return (
            f"UPDATE {ENTRY} e SET {column} = l.ids FROM (SELECT searchentry_id, jsonb_agg({key} ORDER BY {key}) AS ids "
            f"FROM {table} GROUP BY searchentry_id) l WHERE l.searchentry_id = e.id"
        )
    return (
        f"UPDATE {ENTRY} SET {column} = (SELECT json_group_array({key}) FROM (SELECT {key} FROM {table} "
        f"WHERE searchentry_id = {ENTRY}.id ORDER BY {key})) WHERE id IN (SELECT searchentry_id FROM {table})"
    )


def _back_sql(vendor: str, column: str, table: str, key: str, target: str) -> str:
    # Only ids that still exist: the arrays keep the id of a portfolio deleted since.
    if vendor == "postgresql":
        elements = f"jsonb_array_elements_text(e.{column}) AS x(value)"
        value = "CAST(x.value AS BIGINT)"
    else:
        elements = f"json_each(e.{column}) AS x"
        value = "x.value"
    return (
        f"INSERT INTO {table} (searchentry_id, {key}) SELECT e.id, {value} FROM {ENTRY} e, {elements} "
        f"WHERE {value} IN (SELECT id FROM {target})"
    )


def copy_ids(apps, schema_editor):
    for column, table, key, _target in LINKS:
        schema_editor.execute(_copy_sql(schema_editor.connection.vendor, column, table, key))


def copy_links(apps, schema_editor):
    for column, table, key, target in LINKS:
        schema_editor.execute(_back_sql(schema_editor.connection.vendor, column, table, key, target))


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0007_search_narrow_rows")]

    operations = [
        migrations.AddField(
            model_name="searchentry", name="portfolio_ids", field=models.JSONField(blank=True, default=list, editable=False)
        ),
        migrations.AddField(
            model_name="searchentry", name="area_ids", field=models.JSONField(blank=True, default=list, editable=False)
        ),
        migrations.RunPython(copy_ids, copy_links, elidable=False),
        migrations.RemoveField(model_name="searchentry", name="portfolios"),
        migrations.RemoveField(model_name="searchentry", name="areas"),
    ]
