"""Subscription pages: subscribe (signed in, or a visitor by e-mail), confirm by the signed link,
change or end a subscription by the secret link in every mail, and unsubscribe in one click.

Links in mails are opened by scanners too: a GET only shows a button, a POST acts. The
unsubscribe address also takes the RFC 8058 one-click POST a mail program sends on its own,
without our form's CSRF token; the secret in the address is what protects it.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import subscriptions
from .models import Subscription
from .subscription_forms import SubscriptionForm, VisitorSubscriptionForm, option_lists
from .subscriptions import Choices, LinkRefused


def get_subscription_for_token(token) -> Subscription:
    """The subscription the secret link in its mails points at; 404 for an unknown token."""
    subscription = Subscription.objects.prefetch_related("portfolios", "regions").filter(token=token).first()
    if subscription is None:
        raise Http404
    return subscription


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """A signed-in person sees and saves their choices at once; a visitor asks by e-mail."""
    options = option_lists()
    current = subscriptions.subscription_of(request.user)
    form_class = SubscriptionForm if request.user.is_authenticated else VisitorSubscriptionForm
    if request.method == "POST":
        form = form_class(request.POST, options=options)
        if form.is_valid():
            if request.user.is_authenticated:
                subscriptions.subscribe_person(person=request.user, choices=form.choices())
                messages.success(request, _("Your subscription is saved."))
            else:
                email = form.cleaned_data["email"]
                subscriptions.request_subscription(
                    email=email, choices=form.choices(), language=translation.get_language()
                )
                messages.success(
                    request,
                    _("Almost done: we have sent a link to %(email)s. Follow it within three days to confirm.")
                    % {"email": email},
                )
            return redirect("knowledge:subscribe")
    else:
        initial = SubscriptionForm.initial_for(Choices.of(current), options) if current else None
        form = form_class(initial=initial, options=options)
    return render(request, "knowledge/subscriptions/subscribe.html", {"form": form, "subscription": current})


@require_http_methods(["GET", "POST"])
def confirm(request, value: str):
    """GET: what the link would do, and a button; POST: confirm. A refused link says why."""
    try:
        confirmation = subscriptions.read_confirmation(value)
        subscriptions.check_confirmation(confirmation)
        if request.method == "POST":
            subscription = subscriptions.confirm_subscription(value=value)
            messages.success(request, _("Your subscription is confirmed."))
            return redirect("knowledge:subscription", token=subscription.token)
    except LinkRefused as refusal:
        return render(request, "knowledge/subscriptions/confirm.html", {"refusal": refusal})
    described = subscriptions.describe_choices(confirmation.choices)
    return render(
        request,
        "knowledge/subscriptions/confirm.html",
        {"confirmation": confirmation, "value": value, "described": described},
    )


@require_http_methods(["GET", "POST"])
def manage(request, token):
    """Change the choices without signing in: the secret link came in a mail to the address."""
    subscription = get_subscription_for_token(token)
    options = option_lists()
    if request.method == "POST":
        form = SubscriptionForm(request.POST, options=options)
        if form.is_valid():
            subscriptions.change_subscription(subscription=subscription, choices=form.choices())
            messages.success(request, _("Your subscription is saved."))
            return redirect("knowledge:subscription", token=token)
    else:
        form = SubscriptionForm(initial=SubscriptionForm.initial_for(Choices.of(subscription), options), options=options)
    return render(request, "knowledge/subscriptions/manage.html", {"form": form, "subscription": subscription})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: a button (a scanner following the link ends nothing). POST, from the button or a mail
    program's one-click request: the subscription ends. An unknown token has already ended."""
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is not None and request.method == "POST":
        subscriptions.end_subscription(subscription=subscription)
        return render(request, "knowledge/subscriptions/unsubscribed.html", {"ended_now": True})
    if subscription is None:
        return render(request, "knowledge/subscriptions/unsubscribed.html", {"ended_now": False})
    return render(request, "knowledge/subscriptions/unsubscribe.html", {"subscription": subscription})
