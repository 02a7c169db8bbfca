"""Background work of the results app. Tasks are thin: they call a workflow."""

from django_tasks import task


@task()
def refresh_statistics() -> list[str]:
    """Recompute the statistics' figures of every language after the data changed (freshness.refresh)."""
    from .freshness import refresh

    return refresh()
