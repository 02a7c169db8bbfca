from django.urls import path  # noqa: F401 — each area adds its paths in its own section below

from . import cooperation_views, feeds, news_views, search_views, subscription_views, views

app_name = "knowledge"

# Each area keeps its paths in its own block; Swedish path words, as elsewhere on the site.
urlpatterns = [
    # knowledge items and news (views.py, news_views.py, feeds.py)
    path("kunskapsbank/", views.item_list, name="item_list"),
    path("kunskapsbank/ny/", views.item_create, name="item_new"),
    path("kunskapsbank/<int:pk>/", views.item_detail, name="item"),
    path("kunskapsbank/<int:pk>/andra/", views.item_edit, name="item_edit"),
    path("kunskapsbank/<int:pk>/bilagor/", views.attachment_add, name="item_attachment_add"),
    path("kunskapsbank/<int:pk>/bilagor/<int:attachment_pk>/ta-bort/", views.attachment_remove, name="item_attachment_remove"),
    path("nyheter/", news_views.news_list, name="news_list"),
    path("nyheter/<int:pk>/", news_views.news_detail, name="news_item"),
    path("nyheter/rss/", feeds.NewsFeed(), name="news_rss"),
    path("nyheter/atom/", feeds.NewsAtomFeed(), name="news_atom"),
    path("nyheter/portfolj/<slug:slug>/rss/", feeds.PortfolioNewsFeed(), name="news_portfolio_rss"),
    path("nyheter/portfolj/<slug:slug>/atom/", feeds.PortfolioNewsAtomFeed(), name="news_portfolio_atom"),
    # search (search_views.py)
    path("sok/", search_views.search_page, name="search"),
    # projects like yours and cooperation (cooperation_views.py)
    path("samverkan/", cooperation_views.wish_list, name="cooperation"),
    path("samverkan/projekt/<int:pk>/", cooperation_views.matching, name="cooperation_matching"),
    path("samverkan/projekt/<int:pk>/onskemal/ny/", cooperation_views.wish_add, name="cooperation_wish_add"),
    path("samverkan/projekt/<int:pk>/fraga/", cooperation_views.ask, name="cooperation_ask"),
    path("samverkan/onskemal/<int:pk>/", cooperation_views.wish_edit, name="cooperation_wish_edit"),
    path("samverkan/onskemal/<int:pk>/stang/", cooperation_views.wish_close, name="cooperation_wish_close"),
    # subscriptions (subscription_views.py)
    path("prenumerera/", subscription_views.subscribe, name="subscribe"),
    path("prenumeration/bekrafta/<str:value>/", subscription_views.confirm, name="subscription_confirm"),
    path("prenumeration/<uuid:token>/", subscription_views.manage, name="subscription"),
    path("prenumeration/<uuid:token>/avsluta/", subscription_views.unsubscribe, name="unsubscribe"),
]
