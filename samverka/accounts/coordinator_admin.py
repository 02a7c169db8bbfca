"""The back office's access rule, shared by every app's admin: coordinators (staff) may see,
add, change and delete what an app registers, without per-model permissions to hand out."""

from django.contrib import admin
from django.db import models

from .rules import is_coordinator


class CoordinatorAdmin(admin.ModelAdmin):
    """Coordinators may see, add, change and delete the records of this model."""

    # An address typed without a scheme is taken to be https:// (Django 6's default too).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_module_permission(self, request):
        return is_coordinator(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_coordinator(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return is_coordinator(request.user) or super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return is_coordinator(request.user) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_coordinator(request.user) or super().has_delete_permission(request, obj)


class CoordinatorInline:
    """Mix in before an inline class: the same rule for inlines."""

    def has_view_permission(self, request, obj=None):
        return is_coordinator(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return is_coordinator(request.user) or super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return is_coordinator(request.user) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_coordinator(request.user) or super().has_delete_permission(request, obj)
