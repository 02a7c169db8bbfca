"""Forms for cooperation: a project's wish, and asking another project to cooperate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CooperationRequest, CooperationWish


class WishForm(forms.ModelForm):
    class Meta:
        model = CooperationWish
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"text": {"required": _("Write what your project wants to cooperate on.")}}
        help_texts = {
            "text": _('For example: "We want partners for a joint dissemination event in the autumn." '
                      "Other projects see it on your project page and in the list of who wants to cooperate."),
        }


class WishEditForm(WishForm):
    active = forms.BooleanField(
        label=_("Still looking"), required=False, help_text=_("Untick when you have found the partners you wanted.")
    )

    class Meta(WishForm.Meta):
        fields = ["text", "active"]


class AskForm(forms.Form):
    """``projects``: the sender's own projects that may ask (never the one asked)."""

    from_project = forms.TypedChoiceField(label=_("On behalf of"), coerce=int)
    message = forms.CharField(
        label=_("Your message"),
        max_length=CooperationRequest._meta.get_field("message").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write a message to the project.")},
        help_text=_("What you would like to do together. The project leaders will answer you by e-mail."),
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        # Plain choices read once: a model choice field would ask the database on every render.
        self.projects = {project.pk: project for project in projects}
        self.fields["from_project"].choices = [(pk, project.title) for pk, project in self.projects.items()]

    def clean_from_project(self):
        return self.projects[self.cleaned_data["from_project"]]
