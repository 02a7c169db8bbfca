"""Running Samverka in production: request ids and JSON logs, the health endpoint, the answer
when the database is away, and a cache that keeps the site serving when Redis is not.

Not an app (no models); plain modules the settings and the root URLs name.
"""
