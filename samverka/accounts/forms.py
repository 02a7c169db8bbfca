import re

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samverka.emails import split_addresses
from samverka.registry.models import Project, ProjectRole

from .models import Audience, User

MAX_INVITATIONS = 200


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "phone", "organisation_name", "title", "language", "audiences"]
        widgets = {"audiences": forms.CheckboxSelectMultiple}
        help_texts = {"audiences": _("Tell the coordinator which invitations are meant for you.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "type": "tel"})
        self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"
        self.fields["title"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["audiences"].queryset = Audience.objects.all()

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not re.fullmatch(r"\+?[0-9 ()\-]{5,30}", phone):
            raise ValidationError(_("Enter a phone number with digits, spaces and an optional leading +."))
        return phone


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses"),
        help_text=_("One address per line, or separated by commas."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("Used in the greeting when you invite one person."),
    )
    audiences = forms.ModelMultipleChoiceField(
        label=_("Audiences"), queryset=Audience.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    case_number = forms.CharField(
        label=_("Project case number"),
        required=False,
        max_length=20,
        help_text=_("Optional: the case number of the project the invited people will work in."),
    )
    role = forms.ChoiceField(
        label=_("Role in the project"), choices=[("", "—"), *ProjectRole.Role.choices], required=False
    )

    def clean_emails(self):
        addresses, bad = split_addresses(self.cleaned_data["emails"])
        if bad:
            raise ValidationError(
                ngettext(
                    "This is not a valid e-mail address: %(addresses)s",
                    "These are not valid e-mail addresses: %(addresses)s",
                    len(bad),
                )
                % {"addresses": ", ".join(bad)}
            )
        if not addresses:
            raise ValidationError(_("Enter at least one e-mail address."))
        if len(addresses) > MAX_INVITATIONS:
            raise ValidationError(
                _("Invite at most %(max)d people at a time.") % {"max": MAX_INVITATIONS}
            )
        return addresses

    def clean_case_number(self):
        case_number = self.cleaned_data["case_number"].strip()
        if not case_number:
            return ""
        projects = list(Project.objects.filter(case_number=case_number).only("id", "title", "case_number")[:2])
        if not projects:
            raise ValidationError(_("No project has the case number %(number)s.") % {"number": case_number})
        if len(projects) > 1:
            raise ValidationError(
                _("Several projects have the case number %(number)s; invite from the project's page.")
                % {"number": case_number}
            )
        self.project = projects[0]
        return case_number

    def clean(self):
        cleaned = super().clean()
        self.cleaned_data["project"] = getattr(self, "project", None) if cleaned.get("case_number") else None
        if cleaned.get("case_number") and not cleaned.get("role") and "case_number" not in self.errors:
            self.add_error("role", _("Choose the role the invited people will have in the project."))
        if cleaned.get("role") and not cleaned.get("case_number") and "case_number" not in self.errors:
            self.add_error("case_number", _("Enter the case number of the project the role is in."))
        if cleaned.get("name") and len(cleaned.get("emails") or []) > 1:
            self.add_error("name", _("Leave the name empty when you invite several people at once."))
        return cleaned


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data["password2"]
        if password1 and password1 != password2:
            raise ValidationError(_("The two passwords differ."))
        return password2

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password1")
        if password and "password2" not in self.errors:
            # The similarity check compares the password with the name and the address.
            someone = User(email=self.email, name=cleaned.get("name", ""))
            try:
                password_validation.validate_password(password, someone)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class EraseAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type your e-mail address to confirm"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_confirm(self):
        typed = self.cleaned_data["confirm"].strip()
        if typed.lower() != self.person.email.lower():
            raise ValidationError(_("That is not the e-mail address of your account."))
        return typed
