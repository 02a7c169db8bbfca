"""Forms of the knowledge bank and the news: the lists' filters, the item form of project members
and coordinators, attachments; and the back office's forms for items, news, images and files.

Titles and leads are plain text: markup typed into them is dropped (``texts.plain_text``).
Files are checked by content through ``samverka/uploads.py``, next to the field.
"""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka import uploads
from samverka.accounts.rules import is_coordinator
from samverka.meetings.models import Event
from samverka.registry.forms import LocalisedChoiceField, localised_name
from samverka.registry.models import Portfolio, Project, ProjectRole

from .models import LANGUAGE_CHOICES, Attachment, KnowledgeItem, NewsImage, NewsItem, Tag
from .services import ALT_TEXT_REQUIRED
from .texts import plain_text

ALL = pgettext_lazy("filter", "All")
CHOOSE_A_PROJECT = _("Choose at least one of your projects: the one the item is about.")


class LocalisedMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return localised_name(obj)


class PlainTitleAndLead:
    """Mix into a form with ``title`` and ``lead``: markup typed there is dropped."""

    def clean_title(self):
        return plain_text(self.cleaned_data.get("title", ""))

    def clean_lead(self):
        return plain_text(self.cleaned_data.get("lead", ""))


# --- Filters ------------------------------------------------------------------------------------


class ItemFilterForm(forms.Form):
    """The GET filters of the knowledge bank; every field optional, an invalid one is left out."""

    kind = forms.ChoiceField(
        label=pgettext_lazy("knowledge item", "Kind"), choices=[("", ALL), *KnowledgeItem.Kind.choices], required=False
    )
    portfolio = LocalisedChoiceField(
        label=_("Portfolio"), queryset=Portfolio.objects.all(), to_field_name="slug", required=False, empty_label=ALL
    )
    tag = forms.ModelChoiceField(
        label=_("Tag"), queryset=Tag.objects.all(), to_field_name="slug", required=False, empty_label=ALL
    )
    language = forms.ChoiceField(label=_("Language"), choices=[("", ALL), *LANGUAGE_CHOICES], required=False)

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class NewsFilterForm(forms.Form):
    portfolio = LocalisedChoiceField(
        label=_("Portfolio"), queryset=Portfolio.objects.all(), to_field_name="slug", required=False, empty_label=ALL
    )

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


# --- Writing an item on the site ----------------------------------------------------------------


class KnowledgeItemForm(PlainTitleAndLead, forms.ModelForm):
    """What a writer types and links. Members choose among their own projects (at least one, so
    the item stays theirs to edit); coordinators among all. Publishing is the button pressed."""

    class Meta:
        model = KnowledgeItem
        fields = ["kind", "title", "lead", "body", "language", "projects", "portfolios", "events", "tags"]
        labels = {"kind": pgettext_lazy("knowledge item", "Kind")}
        help_texts = {
            "body": _("Markdown: a blank line between paragraphs, - for a list, **bold**, [a link](https://…)."),
            "events": _("The meetings or webinars the item comes from, if any."),
        }
        widgets = {"lead": forms.Textarea(attrs={"rows": 3}), "body": forms.Textarea(attrs={"rows": 14})}

    def __init__(self, *args, person, events=None, **kwargs):
        super().__init__(*args, **kwargs)
        coordinator = is_coordinator(person)
        projects = Project.objects.order_by("title")
        if not coordinator:
            mine = ProjectRole.objects.editors().filter(person=person).values("project_id")
            projects = projects.filter(pk__in=mine)
        self.fields["projects"] = forms.ModelMultipleChoiceField(
            label=_("Projects"),
            queryset=projects,
            required=not coordinator,
            widget=forms.SelectMultiple if coordinator else forms.CheckboxSelectMultiple,
            error_messages={"required": CHOOSE_A_PROJECT},
            help_text=_("The projects the item is about.") if coordinator else _("Those of your projects that the item is about."),
        )
        self.fields["portfolios"] = LocalisedMultipleChoiceField(
            label=_("Portfolios"), queryset=Portfolio.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
        )
        self.fields["tags"] = forms.ModelMultipleChoiceField(
            label=_("Tags"), queryset=Tag.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
        )
        self.fields["events"].queryset = events if events is not None else event_choices()
        self.fields["events"].required = False


def event_choices(*, also=()):
    """Events an item may come from: published (or cancelled) ones that have begun, newest
    first; and the events in ``also`` (ids), e.g. those the item already links to."""
    allowed = Q(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED], starts_at__lte=timezone.now())
    if also:
        allowed |= Q(pk__in=list(also))
    return Event.objects.filter(allowed).order_by("-starts_at", "-pk")


class AttachmentForm(forms.Form):
    """A file for an item: checked by content next to the field, stored by services.add_attachment."""

    title = forms.CharField(
        label=_("Title of the file"), max_length=200,
        help_text=_("As people will see it, e.g. “Notes from the project-leader meeting on 25 November”."),
    )
    file = forms.FileField(label=_("File"), error_messages={"empty": uploads.EMPTY})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, DOCX, PPTX, XLSX, ODT, PNG or JPEG, at most %(limit)s.") % {
            "limit": uploads.format_size(uploads.max_bytes())
        }

    def clean_title(self):
        return plain_text(self.cleaned_data.get("title", ""))

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file:
            uploads.validate_upload(file)
        return file


# --- The back office ----------------------------------------------------------------------------


class KnowledgeItemAdminForm(PlainTitleAndLead, forms.ModelForm):
    class Meta:
        model = KnowledgeItem
        fields = "__all__"

    def clean(self):
        data = super().clean()
        # A published item has a publication time; the coordinator need not type one.
        if data.get("status") == KnowledgeItem.Status.PUBLISHED and not data.get("published_at"):
            data["published_at"] = timezone.now()
            self.instance.published_at = data["published_at"]
        return data


class NewsItemAdminForm(PlainTitleAndLead, forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = "__all__"


class AdminAttachmentForm(forms.ModelForm):
    """Title and file; the file is checked by content and its type and size set from that."""

    class Meta:
        model = Attachment
        fields = ["title", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        file_field = self.fields["file"]
        file_field.max_length = None  # the name is made safe and short when it is stored
        file_field.error_messages["empty"] = uploads.EMPTY

    def clean_title(self):
        return plain_text(self.cleaned_data.get("title", ""))

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and hasattr(file, "content_type"):  # a new upload, not the file already stored
            file_type = uploads.validate_upload(file)
            file.name = uploads.safe_filename(file.name, file_type)
            self.instance.content_type = file_type.content_type
            self.instance.size = file.size
        return file


class NewsImageForm(forms.ModelForm):
    """A news image: PNG or JPEG by content, and alt text always."""

    class Meta:
        model = NewsImage
        fields = ["image", "alt_text", "caption", "position"]
        error_messages = {"alt_text": {"required": ALT_TEXT_REQUIRED}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        image_field = self.fields["image"]
        image_field.max_length = None
        image_field.error_messages["empty"] = uploads.EMPTY

    def clean_alt_text(self):
        alt_text = plain_text(self.cleaned_data.get("alt_text", ""))
        if not alt_text:
            raise forms.ValidationError(ALT_TEXT_REQUIRED, code="required")
        return alt_text

    def clean_image(self):
        file = self.cleaned_data.get("image")
        if file and hasattr(file, "content_type"):
            file_type = uploads.validate_upload(file, images_only=True)
            file.name = uploads.safe_filename(file.name, file_type)
            self.instance.content_type = file_type.content_type
            self.instance.size = file.size
        return file
