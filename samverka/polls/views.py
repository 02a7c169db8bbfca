"""Poll pages: see urls.py."""
