from django.urls import path  # noqa: F401 — each area adds its paths in its own section below

app_name = "knowledge"

# Each area keeps its paths in its own block; Swedish path words, as elsewhere on the site.
urlpatterns = [
    # knowledge items and news (views.py, news_views.py, feeds.py)
    # search (search_views.py)
    # projects like yours and cooperation (cooperation_views.py)
    # subscriptions (subscription_views.py)
]
