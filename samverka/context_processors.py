from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "language_switch": _language_switch(request)}


def _language_switch(request):
    """The same page in the other language, as a plain link (works without JavaScript or cookies).

    Swedish pages live at /, English ones under /en/, so the address alone says the language.
    """
    other = "en" if get_language() == "sv" else "sv"
    url = translate_url(request.get_full_path(), other)
    return {"code": other, "label": {"en": "In English", "sv": "På svenska"}[other], "url": url}
