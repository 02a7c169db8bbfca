"""Forms for the coordinator's pages: copy, series, discussion groups, notes and attachments,
and the admin's event and attachment forms."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka import uploads

from . import groups, organise
from .models import Attachment, DiscussionGroup, Event, Registration


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class CopyForm(forms.Form):
    date = forms.DateField(label=_("New date"), widget=DateInput)
    time = forms.TimeField(label=_("Starts at"), widget=TimeInput, help_text=_("Swedish time."))

    def starts(self) -> datetime.datetime:
        return datetime.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])


class SeriesForm(forms.Form):
    every_weeks = forms.IntegerField(
        label=_("Every how many weeks"), min_value=1, max_value=8, initial=2,
        help_text=_("1 for every week, 2 for every second week, up to 8."),
    )
    occurrences = forms.IntegerField(
        label=_("Number of occurrences"), min_value=2, max_value=organise.MAX_OCCURRENCES, required=False,
        help_text=_("Including this event; from 2 to 26. Or give an end date instead."),
    )
    until = forms.DateField(
        label=_("Last date"), required=False, widget=DateInput,
        help_text=_("The series ends on or before this date."),
    )

    def __init__(self, *args, event: Event, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        occurrences, until = data.get("occurrences"), data.get("until")
        if self.errors:
            return data
        if occurrences is None and until is None:
            self.add_error("occurrences", _("Give the number of occurrences or a last date."))
        elif occurrences is not None and until is not None:
            self.add_error("until", _("Give either the number of occurrences or a last date, not both."))
        elif until is not None and len(self.starts()) < 2:
            self.add_error("until", _("The last date must leave room for at least one more occurrence."))
        return data

    def starts(self) -> list[datetime.datetime]:
        return organise.series_starts(
            event=self.event,
            every_weeks=self.cleaned_data["every_weeks"],
            occurrences=self.cleaned_data.get("occurrences"),
            until=self.cleaned_data.get("until"),
        )


class SplitForm(forms.Form):
    number_of_groups = forms.IntegerField(label=_("Number of groups"), min_value=1, max_value=groups.MAX_GROUPS, initial=4)
    strategy = forms.ChoiceField(
        label=_("How to group"),
        choices=[("mix", _("Mix the portfolios")), ("by_portfolio", _("One portfolio per group"))],
        initial="mix",
        widget=forms.RadioSelect,
    )
    source = forms.ChoiceField(
        label=_("Who"),
        choices=[("attendees", _("Those who attended")), ("registrants", _("Those registered"))],
        initial="registrants",
        widget=forms.RadioSelect,
    )
    replace = forms.BooleanField(label=_("Replace the existing groups, their topics and notes"), required=False)

    def __init__(self, *args, has_groups: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_groups:
            del self.fields["replace"]

    def clean_replace(self):
        if not self.cleaned_data["replace"]:
            raise ValidationError(_("Tick the box to replace the existing groups."))
        return True


class GroupForm(forms.ModelForm):
    """A group's topic and note-taker (one of its members)."""

    class Meta:
        model = DiscussionGroup
        fields = ["topic", "note_taker"]

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["note_taker"]
        field.queryset = Registration.objects.filter(pk__in=[member.pk for member in members])
        field.choices = [("", _("No note-taker yet"))] + [(m.pk, str(m)) for m in members]
        field.label = _("Note-taker")


class MoveForm(forms.Form):
    registration = forms.IntegerField(widget=forms.HiddenInput)
    to = forms.TypedChoiceField(label=_("Move to group"), coerce=int)

    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(number, number) for number in numbers]


class NotesForm(forms.ModelForm):
    class Meta:
        model = DiscussionGroup
        fields = ["notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 16})}
        help_texts = {"notes": _("Markdown: a blank line between paragraphs, - for a list, **bold**.")}


class AttachmentForm(forms.ModelForm):
    """Title, kind and file; the file is checked by content and its type and size set from that."""

    class Meta:
        model = Attachment
        fields = ["title", "kind", "file"]
        labels = {"kind": pgettext_lazy("attachment", "Kind")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        file_field = self.fields["file"]
        file_field.max_length = None  # the name is made safe and short when it is stored
        file_field.error_messages["empty"] = uploads.EMPTY
        file_field.help_text = _("PDF, DOCX, PPTX, XLSX, ODT, PNG or JPEG, at most %(limit)s.") % {
            "limit": uploads.format_size(uploads.max_bytes())
        }

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and hasattr(file, "content_type"):  # a new upload, not the file already stored
            file_type = uploads.validate_upload(file)
            # Before the model instance takes the file: it keeps the name it sees now.
            file.name = uploads.safe_filename(file.name, file_type)
            self.instance.content_type = file_type.content_type
            self.instance.size = file.size
        return file


def _https_by_default(db_field, **kwargs):
    # An address typed without a scheme is taken to be https:// (as CoordinatorAdmin does).
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class EventAdminForm(forms.ModelForm):
    """The admin's event form: Event.clean() holds the rules, shared with every other form."""

    class Meta:
        model = Event
        fields = "__all__"
        formfield_callback = _https_by_default

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "capacity" in self.fields:
            self.fields["capacity"].error_messages["min_value"] = _("The number of seats cannot be below zero.")
