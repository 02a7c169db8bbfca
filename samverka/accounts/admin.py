from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from .models import Audience, Invitation, User


class PersonCreationForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("email", "name")


class PersonChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People, found by e-mail address; coordinators are the staff."""

    form = PersonChangeForm
    add_form = PersonCreationForm
    ordering = ["name", "email"]
    list_display = ["email", "name", "organisation_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_active", "audiences", ("erased_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "name", "organisation_name"]
    filter_horizontal = ["audiences", "groups", "user_permissions"]
    readonly_fields = ["last_login", "date_joined", "erased_at"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal details"), {"fields": ["name", "phone", "organisation_name", "title", "language", "audiences"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined", "erased_at"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]}),
    ]


@admin.register(Audience)
class AudienceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "code"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "project", "role", "invited_by", "created_at", "sent_at", "accepted_at"]
    list_filter = [("accepted_at", admin.EmptyFieldListFilter), ("sent_at", admin.EmptyFieldListFilter), "audiences"]
    search_fields = ["email", "name", "project__title", "project__case_number"]
    list_select_related = ["project", "invited_by"]
    raw_id_fields = ["project", "invited_by", "accepted_by"]
    readonly_fields = ["token", "created_at", "sent_at", "accepted_at", "accepted_by"]
    filter_horizontal = ["audiences"]
    date_hierarchy = "created_at"
