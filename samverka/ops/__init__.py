"""Running Samverka in production: request ids and JSON logs, the health endpoint, the answer
when the database is away, a cache that keeps the site serving when Redis is not, and backup
and restore (``backups.py`` and the ``backup``/``restore`` commands).

An app without models: installed only for its management commands.
"""
