"""Signals the registry sends, for apps that stand on it (the registry imports none of them).

``projects_changed`` is sent with ``ids`` (a list of project ids) when projects were written in
bulk, so that the models' own save signals never fired: the import's apply step sends it inside
its transaction, and a receiver that writes elsewhere waits for the commit.
"""

from django.dispatch import Signal

projects_changed = Signal()
