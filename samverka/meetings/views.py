"""Public and participant views of meetings and webinars: the lists, the event page, registration,
the person's own registrations (signed in, or by the secret link in every mail) and the
coordinator's list of registrations with approve and decline.

Every view reads top to bottom: method and login, the access gate, the form, the workflow
(services.py), the answer. Everything works without JavaScript: plain forms, POST, redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.accounts.rules import is_coordinator
from samverka.ops.page_cache import public_page
from samverka.registry.models import Project

from . import selectors, services
from .forms import EventFilterForm, GuestRegistrationForm, PersonRegistrationForm
from .models import Event, Registration
from .rules import can_manage_registrations, can_see_video_link
from .services import RegistrationRefused

PER_PAGE = 25

MESSAGES = {
    "confirm_email": gettext_lazy("Almost done: we have sent you an e-mail; follow its link to confirm your registration."),
    "confirmed": gettext_lazy("You are registered. A confirmation is on its way to your e-mail."),
    "waiting": gettext_lazy("The event is full: you are on the waiting list and will get an e-mail if a seat frees."),
    "pending": gettext_lazy("Your registration awaits a coordinator's approval; you will get an e-mail."),
}


# --- Access gates -----------------------------------------------------------------------------


def get_event_for_page(request, pk: int) -> Event:
    """The event with what its page shows; 404 if there is none, or if it is a draft and the person
    is not a coordinator."""
    event = selectors.event_for_page(pk).first()
    if event is None or (event.status == Event.Status.DRAFT and not is_coordinator(request.user)):
        raise Http404
    return event


def get_event_for_registration(request, pk: int) -> Event:
    """The event a person may try to register for: published or cancelled (the workflow says why not)."""
    event = get_object_or_404(Event, pk=pk)
    if event.status == Event.Status.DRAFT and not is_coordinator(request.user):
        raise Http404
    return event


def get_event_for_managing(request, pk: int) -> Event:
    """The event whose registrations this person may manage: 404 if none, 403 if not a coordinator."""
    event = get_object_or_404(Event, pk=pk)
    if not can_manage_registrations(request.user, event):
        raise PermissionDenied
    return event


def get_registration_for_token(token: str) -> Registration:
    """The registration the secret link in its mail points at; 404 for an unknown token."""
    registration = Registration.objects.select_related("event", "project").filter(token=token).first()
    if registration is None or registration.erased_at:
        raise Http404
    return registration


# --- Lists ------------------------------------------------------------------------------------


def _event_list(request, *, past: bool):
    form = EventFilterForm(request.GET or None)
    events = selectors.events_for_list(past=past, **form.filters())
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "meetings/event_list.html",
        {"form": form, "page": page, "past": past, "query": query.urlencode()},
    )


@require_GET
def event_list(request):
    return _event_list(request, past=False)


@require_GET
def event_list_past(request):
    return _event_list(request, past=True)


# --- The event page ---------------------------------------------------------------------------


def _person_form(request, event, data=None):
    projects = list(Project.objects.filter(roles__person=request.user).only("pk", "title").order_by("title"))
    return PersonRegistrationForm(data, person=request.user, projects=projects, prefix="person")


def _event_page(request, event, *, guest_form=None, person_form=None, status=200):
    registration = selectors.registration_of(request.user, event)
    registration_open = services.registration_closed_reason(event) is None
    active = registration is not None and registration.status in Registration.ACTIVE_STATUSES
    if registration_open and not active:
        if request.user.is_authenticated:
            person_form = person_form or _person_form(request, event)
        elif event.openness != Event.Openness.SIGNED_IN:
            guest_form = guest_form or GuestRegistrationForm(prefix="guest")
    return render(
        request,
        "meetings/event_detail.html",
        {
            "event": event,
            "seats": services.Seats(taken=event.seats_taken, waiting=event.waiting_count, capacity=event.capacity),
            "registration": registration,
            "active_registration": active,
            "closed_reason": services.registration_closed_reason(event),
            "show_video_link": is_coordinator(request.user)
            or (registration is not None and can_see_video_link(request.user, registration)),
            "is_past": event.ends_at < timezone.now(),
            "guest_form": guest_form,
            "person_form": person_form,
            "can_manage": can_manage_registrations(request.user, event),
        },
        status=status,
    )


@require_GET
@public_page
def event_detail(request, pk: int):
    event = get_event_for_page(request, pk)
    return _event_page(request, event)


@require_POST
def register(request, pk: int):
    """Register the signed-in person in one click, or a guest from the form on the event page."""
    event = get_event_for_registration(request, pk)
    language = translation.get_language()
    try:
        if request.user.is_authenticated:
            form = _person_form(request, event, request.POST)
            if not form.is_valid():
                return _event_page(request, get_event_for_page(request, pk), person_form=form)
            registration = services.register_person(
                event=event,
                person=request.user,
                project=form.cleaned_data.get("project"),
                consent=form.cleaned_data["consent"],
                language=language,
            )
        else:
            form = GuestRegistrationForm(request.POST, prefix="guest")
            if not form.is_valid():
                return _event_page(request, get_event_for_page(request, pk), guest_form=form)
            data = form.cleaned_data
            registration = services.register_guest(
                event=event,
                name=data["name"],
                email=data["email"],
                organisation_name=data["organisation_name"],
                project=data["case_number"],
                consent=data["consent"],
                language=language,
            )
    except RegistrationRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(event)
    messages.success(request, MESSAGES[_message_for(registration)])
    return redirect(event)


def _message_for(registration: Registration) -> str:
    return {
        Registration.Status.UNCONFIRMED: "confirm_email",
        Registration.Status.REGISTERED: "confirmed",
        Registration.Status.WAITING: "waiting",
        Registration.Status.PENDING: "pending",
    }[registration.status]


@login_required
@require_POST
def cancel_own(request, pk: int):
    """A signed-in person cancels their registration from the event page."""
    event = get_event_for_registration(request, pk)
    registration = selectors.registration_of(request.user, event)
    if registration is None:
        raise Http404
    try:
        services.cancel_registration(registration=registration)
    except RegistrationRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(event)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


# --- By the secret link in every mail ---------------------------------------------------------


@require_GET
def registration_page(request, token: str):
    registration = get_registration_for_token(token)
    return render(
        request,
        "meetings/registration/registration.html",
        {
            "registration": registration,
            "event": registration.event,
            "show_video_link": can_see_video_link(request.user, registration),
            "can_cancel": registration.status in Registration.ACTIVE_STATUSES,
        },
    )


@require_POST
def registration_cancel(request, token: str):
    registration = get_registration_for_token(token)
    try:
        services.cancel_registration(registration=registration)
    except RegistrationRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("meetings:registration", token=token)


@require_http_methods(["GET", "POST"])
def registration_confirm(request, token: str):
    """GET: a button to confirm (link checkers that open mail links confirm nothing). POST: confirm."""
    registration = get_registration_for_token(token)
    if request.method == "POST":
        try:
            registration = services.confirm_guest(registration=registration)
        except RegistrationRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, MESSAGES[_message_for(registration)])
        return redirect("meetings:registration", token=token)
    if registration.status != Registration.Status.UNCONFIRMED:
        return redirect("meetings:registration", token=token)
    return render(
        request, "meetings/registration/confirm.html", {"registration": registration, "event": registration.event}
    )


# --- The person's own list --------------------------------------------------------------------


@login_required
@require_GET
def my_registrations(request):
    registrations = list(selectors.registrations_of(request.user))
    now = timezone.now()
    return render(
        request,
        "meetings/registration/mine.html",
        {
            "upcoming": [r for r in registrations if r.event.ends_at >= now][::-1],
            "past": [r for r in registrations if r.event.ends_at < now],
        },
    )


# --- The coordinator's list -------------------------------------------------------------------


@login_required
@require_GET
def registration_list(request, pk: int):
    event = get_event_for_managing(request, pk)
    registrations = list(selectors.registrations_for_coordinator(event))
    return render(
        request,
        "meetings/registration/list.html",
        {
            "event": event,
            "registrations": registrations,
            "seats": services.Seats(
                taken=sum(r.status in Registration.SEAT_STATUSES for r in registrations),
                waiting=sum(r.status == Registration.Status.WAITING for r in registrations),
                capacity=event.capacity,
            ),
        },
    )


def _decide(request, pk: int, registration_pk: int, workflow, done: str):
    event = get_event_for_managing(request, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, event=event)
    try:
        workflow(registration=registration)
    except RegistrationRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done % {"name": registration.name or registration.email})
    return redirect("meetings:registration_list", pk=event.pk)


@login_required
@require_POST
def registration_approve(request, pk: int, registration_pk: int):
    return _decide(request, pk, registration_pk, services.approve_registration, _("%(name)s is approved."))


@login_required
@require_POST
def registration_decline(request, pk: int, registration_pk: int):
    return _decide(request, pk, registration_pk, services.decline_registration, _("%(name)s is declined."))
