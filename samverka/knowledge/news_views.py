"""The news pages: the list (filtered by portfolio) and a news item with its images and files.

News are written in the back office by coordinators. A news item whose publication time is in
the future is scheduled: nobody else sees it (404) until then; coordinators see it marked.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import selectors
from .forms import NewsFilterForm
from .models import NewsItem
from .rules import can_see_news_item


def get_news_item_for_page(request, pk: int) -> NewsItem:
    """The news item with what its page shows; 404 if there is none, or if it is a draft or not
    yet due and the person is no coordinator."""
    news_item = selectors.news_item_for_page(pk).first()
    if news_item is None or not can_see_news_item(request.user, news_item):
        raise Http404
    return news_item


@require_GET
def news_list(request):
    form = NewsFilterForm(request.GET or None)
    filters = form.filters()
    news = selectors.news_for_list(person=request.user, **filters)
    page = selectors.page_of(news, request.GET.get("page"), per_page=selectors.NEWS_PER_PAGE)
    return render(request, "knowledge/news_list.html", {
        "form": form,
        "page": page,
        "portfolio": filters.get("portfolio"),
        "now": timezone.now(),
    })


@require_GET
def news_detail(request, pk: int):
    news_item = get_news_item_for_page(request, pk)
    return render(request, "knowledge/news_detail.html", {
        "news_item": news_item,
        "attachments": news_item.attachments.all(),
        "now": timezone.now(),
    })
