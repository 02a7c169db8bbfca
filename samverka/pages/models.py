"""Content pages that coordinators edit: about the network, how to apply, privacy,
and the accessibility statement with the fields the Swedish supervisory authority
(DIGG) asks for. Each text is kept in Swedish and English."""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Page(models.Model):
    class Slug(models.TextChoices):
        ABOUT = "om", _("About the network")
        APPLY = "sok-finansiering", _("How to apply for funding")
        PRIVACY = "personuppgifter", _("Privacy notice")

    slug = models.SlugField(_("page"), max_length=40, choices=Slug.choices, unique=True)
    title = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body = models.TextField(_("text (Swedish, Markdown)"))
    body_en = models.TextField(_("text (English, Markdown)"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:page", kwargs={"slug": self.slug})

    def localised_title(self):
        return self.title_en if get_language() == "en" and self.title_en else self.title

    def localised_body(self):
        return self.body_en if get_language() == "en" and self.body_en else self.body


class AccessibilityStatement(models.Model):
    """One statement for the site (tillgänglighetsredogörelse)."""

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class Method(models.TextChoices):
        SELF = "self", _("self-assessment (internal review)")
        THIRD_PARTY = "third_party", _("assessment by a third party")

    organisation = models.CharField(_("organisation responsible"), max_length=200)
    website = models.CharField(_("website the statement covers"), max_length=200)
    compliance = models.CharField(_("compliance status"), max_length=10, choices=Compliance.choices)
    non_accessible = models.TextField(_("content that is not accessible, and why (Swedish)"), blank=True)
    non_accessible_en = models.TextField(_("content that is not accessible, and why (English)"), blank=True)
    disproportionate_burden = models.TextField(_("disproportionate burden (Swedish)"), blank=True)
    disproportionate_burden_en = models.TextField(_("disproportionate burden (English)"), blank=True)
    assessment_method = models.CharField(_("how the site was assessed"), max_length=12, choices=Method.choices)
    assessment_description = models.TextField(_("description of the assessment (Swedish)"), blank=True)
    assessment_description_en = models.TextField(_("description of the assessment (English)"), blank=True)
    assessed_on = models.DateField(_("date of assessment"))
    statement_prepared_on = models.DateField(_("statement first published"))
    contact_email = models.EmailField(_("feedback e-mail"))
    contact_phone = models.CharField(_("feedback phone"), max_length=40, blank=True)
    response_time = models.CharField(_("response time (Swedish)"), max_length=200, blank=True)
    response_time_en = models.CharField(_("response time (English)"), max_length=200, blank=True)
    supervisory_url = models.URLField(
        _("supervisory authority's reporting page"),
        default="https://www.digg.se/tdosanmalan",
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statement")

    def __str__(self):
        return str(_("Accessibility statement"))

    def localised(self, field: str) -> str:
        english = getattr(self, f"{field}_en", "")
        return english if get_language() == "en" and english else getattr(self, field)
