"""Settings for bench/load_bench.py: production settings plus the floor's URL.

The floor is a minimal Django view that returns a constant through the same middleware and
the same server as the pages, so its throughput is the most any page could reach here.
"""

from samverka.settings import *  # noqa: F403

ROOT_URLCONF = "load_urls"
