import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.registry.models import ProjectRole


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class Audience(models.Model):
    """A tag that says which kind of participant a person is; events and polls invite audiences."""

    class Code(models.TextChoices):
        PROJECT_LEADER = "project_leader", _("project leader")
        REGIONAL_OFFICIAL = "regional_official", _("regional development official")
        OTHER_ACTOR = "other_actor", _("other actor")

    code = models.CharField(_("code"), max_length=32, choices=Code.choices, unique=True)

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["code"]

    def __str__(self):
        return str(self.get_code_display())


class User(AbstractUser):
    """A person. The e-mail address is the identity; coordinators are staff."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation_name = models.CharField(pgettext_lazy("person", "organisation"), max_length=200, blank=True)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    audiences = models.ManyToManyField(Audience, verbose_name=_("audiences"), blank=True, related_name="people")
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mail Samverka sends you."),
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "email"]

    def __str__(self):
        if self.erased_at:
            return str(_("Erased person"))
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email

    @property
    def is_coordinator(self) -> bool:
        return self.is_active and self.is_staff


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True)

    def for_list(self):
        return self.select_related("invited_by", "accepted_by", "project").prefetch_related("audiences")


class Invitation(models.Model):
    """A coordinator's invitation to join Samverka, sent by e-mail with a one-time link.

    Accepting it gives the person the audience tags and, when a project is named, a role in it.
    """

    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    audiences = models.ManyToManyField(Audience, verbose_name=_("audiences"), blank=True)
    invited_by = models.ForeignKey(
        User, verbose_name=_("invited by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    project = models.ForeignKey(
        "registry.Project", verbose_name=_("project"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="invitations",
    )
    role = models.CharField(_("role in the project"), max_length=16, choices=ProjectRole.Role.choices, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    token = models.CharField(max_length=64, unique=True, editable=False, default=new_invitation_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, verbose_name=_("accepted by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.email

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    def get_status_display(self) -> str:
        if self.accepted_at:
            return str(pgettext_lazy("invitation status", "accepted"))
        if self.sent_at:
            return str(pgettext_lazy("invitation status", "sent"))
        return str(pgettext_lazy("invitation status", "waiting to be sent"))

