"""Subscribing, confirming by the signed link (and every way a link can be refused), changing,
ending, and the clean-up of unconfirmed subscriptions."""

import datetime
import time

import pytest
from django.core import signing
from django.utils import timezone, translation

from samverka.knowledge import subscriptions
from samverka.knowledge.models import Subscription
from samverka.knowledge.subscriptions import Choices, LinkRefused

pytestmark = pytest.mark.django_db

NEWS_WEEKLY = Choices(content_kinds=("news",), frequency="weekly")
TIPS_NOW = Choices(content_kinds=("tip", "event:webinar"), frequency="immediate")


def link_for(email, choices=NEWS_WEEKLY, language="en", *, age=datetime.timedelta(0), monkeypatch=None):
    """A confirmation value made ``age`` ago (the signer and our stamp read the same clock)."""
    if not age:
        return subscriptions.confirmation_value(email=email, choices=choices, language=language)
    then = time.time() - age.total_seconds()
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: then)
        return subscriptions.confirmation_value(email=email, choices=choices, language=language)


def refusal(value):
    with translation.override("en"):
        with pytest.raises(LinkRefused) as raised:
            subscriptions.confirm_subscription(value=value)
        return raised.value.code, str(raised.value.message)


# --- Signed-in people ---------------------------------------------------------------------


def test_a_signed_in_person_is_confirmed_at_once(participant, portfolio, area):
    choices = Choices(content_kinds=("news", "tip"), frequency="immediate", portfolios=(portfolio.pk,), regions=(area.pk,))
    subscription = subscriptions.subscribe_person(person=participant, choices=choices)
    subscription.refresh_from_db()
    assert subscription.person == participant and subscription.email == "petra@example.org"
    assert subscription.confirmed_at is not None
    assert Choices.of(subscription) == choices


def test_a_signed_in_person_changes_their_choices_and_keeps_one_row(participant, portfolio):
    first = subscriptions.subscribe_person(person=participant, choices=NEWS_WEEKLY)
    confirmed_at = Subscription.objects.get().confirmed_at
    subscriptions.subscribe_person(person=participant, choices=TIPS_NOW)
    subscription = Subscription.objects.get()
    assert subscription.pk == first.pk and subscription.confirmed_at == confirmed_at
    assert Choices.of(subscription) == TIPS_NOW


def test_a_visitors_row_for_a_persons_address_becomes_theirs(participant, make_subscription):
    guest = make_subscription(email="petra@example.org", confirmed_at=None)
    subscriptions.subscribe_person(person=participant, choices=TIPS_NOW)
    subscription = Subscription.objects.get()
    assert subscription.pk == guest.pk and subscription.person == participant and subscription.confirmed_at


def test_a_person_with_a_new_address_keeps_one_row(participant, make_subscription):
    own = subscriptions.subscribe_person(person=participant, choices=NEWS_WEEKLY)
    make_subscription(email="petra.ny@example.org")
    participant.email = "Petra.Ny@example.org"
    participant.save(update_fields=["email"])
    subscriptions.subscribe_person(person=participant, choices=TIPS_NOW)
    subscription = Subscription.objects.get()
    assert subscription.pk == own.pk and subscription.email == "petra.ny@example.org"


def test_the_mail_language_is_the_persons(participant):
    participant.language = "en"
    participant.save(update_fields=["language"])
    assert subscriptions.subscribe_person(person=participant, choices=NEWS_WEEKLY).language == "en"


# --- Visitors: asking -------------------------------------------------------------------------


def test_a_visitor_gets_an_unconfirmed_row_and_a_mail_task(django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        subscription = subscriptions.request_subscription(email=" Gunnel@Example.NET ", choices=TIPS_NOW, language="en")
    subscription.refresh_from_db()
    assert subscription.email == "gunnel@example.net" and subscription.confirmed_at is None
    assert Choices.of(subscription) == TIPS_NOW and subscription.language == "en"
    task = DBTaskResult.objects.get()
    assert task.task_path.endswith("send_subscription_confirmation")


def test_nothing_is_enqueued_before_commit(django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        subscriptions.request_subscription(email="gunnel@example.net", choices=TIPS_NOW, language="sv")
    assert len(callbacks) == 1 and DBTaskResult.objects.count() == 0


def test_a_visitor_cannot_change_someone_elses_subscription(make_subscription, portfolio):
    theirs = make_subscription(email="gunnel@example.net", kinds=("news",), frequency="weekly", portfolios=[portfolio])
    subscriptions.request_subscription(email="gunnel@example.net", choices=TIPS_NOW, language="en")
    theirs.refresh_from_db()
    assert Choices.of(theirs) == Choices(("news",), "weekly", (portfolio.pk,), ())
    assert theirs.language == "sv"


def test_asking_again_while_unconfirmed_takes_the_new_choices_and_restarts_the_week(make_subscription):
    old = timezone.now() - datetime.timedelta(days=6)
    row = make_subscription(email="gunnel@example.net", confirmed_at=None)
    Subscription.objects.filter(pk=row.pk).update(created_at=old)
    subscriptions.request_subscription(email="gunnel@example.net", choices=TIPS_NOW, language="en")
    row.refresh_from_db()
    assert Choices.of(row) == TIPS_NOW and row.created_at > old


# --- Confirming -------------------------------------------------------------------------------


def test_confirming_applies_the_choices_in_the_link(portfolio, county):
    choices = Choices(("tip", "event:workshop"), "immediate", (portfolio.pk,), (county.pk,))
    subscriptions.request_subscription(email="gunnel@example.net", choices=NEWS_WEEKLY, language="sv")
    subscription = subscriptions.confirm_subscription(value=link_for("gunnel@example.net", choices, "en"))
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None and subscription.language == "en"
    assert Choices.of(subscription) == choices


def test_confirming_changes_an_existing_subscription_only_now(make_subscription):
    theirs = make_subscription(email="gunnel@example.net", kinds=("news",))
    subscriptions.request_subscription(email="gunnel@example.net", choices=TIPS_NOW, language="en")
    value = link_for("gunnel@example.net", TIPS_NOW)
    subscriptions.confirm_subscription(value=value)
    theirs.refresh_from_db()
    assert Choices.of(theirs) == TIPS_NOW


def test_a_reused_link_says_already_confirmed_and_changes_nothing():
    subscriptions.request_subscription(email="gunnel@example.net", choices=NEWS_WEEKLY, language="en")
    value = link_for("gunnel@example.net")
    first = subscriptions.confirm_subscription(value=value)
    first.refresh_from_db()
    subscriptions.change_subscription(subscription=first, choices=TIPS_NOW)
    assert refusal(value) == ("already", "Your subscription is already confirmed. Nothing has changed.")
    again = Subscription.objects.get()
    assert again.confirmed_at == first.confirmed_at and Choices.of(again) == TIPS_NOW


def test_an_older_link_does_not_undo_a_newer_confirmation(monkeypatch):
    subscriptions.request_subscription(email="gunnel@example.net", choices=NEWS_WEEKLY, language="en")
    older = link_for("gunnel@example.net", NEWS_WEEKLY, age=datetime.timedelta(hours=1), monkeypatch=monkeypatch)
    subscriptions.confirm_subscription(value=link_for("gunnel@example.net", TIPS_NOW))
    assert refusal(older)[0] == "already"
    assert Choices.of(Subscription.objects.get()) == TIPS_NOW


def test_an_expired_link(monkeypatch):
    subscriptions.request_subscription(email="gunnel@example.net", choices=NEWS_WEEKLY, language="en")
    value = link_for("gunnel@example.net", age=datetime.timedelta(days=3, minutes=1), monkeypatch=monkeypatch)
    assert refusal(value) == (
        "expired",
        "This link has expired: a confirmation link is valid for three days. Subscribe again to get a new one.",
    )
    assert Subscription.objects.get().confirmed_at is None


def test_a_link_just_inside_three_days_still_works(monkeypatch):
    subscriptions.request_subscription(email="gunnel@example.net", choices=NEWS_WEEKLY, language="en")
    value = link_for("gunnel@example.net", age=datetime.timedelta(days=2, hours=23), monkeypatch=monkeypatch)
    assert subscriptions.confirm_subscription(value=value).confirmed_at is not None


INVALID = "This link is not valid. Check that you copied the whole link from the e-mail, or subscribe again."


def test_a_forged_link_with_another_address():
    subscriptions.request_subscription(email="gunnel@example.net", choices=NEWS_WEEKLY, language="en")
    value = link_for("gunnel@example.net")
    payload, stamp, signature = value.rsplit(":", 2)
    forged = link_for("mallory@example.com").rsplit(":", 2)[0] + f":{stamp}:{signature}"
    assert refusal(forged) == ("invalid", INVALID)
    assert Subscription.objects.get().confirmed_at is None


def test_a_link_with_a_changed_signature():
    subscriptions.request_subscription(email="gunnel@example.net", choices=NEWS_WEEKLY, language="en")
    value = link_for("gunnel@example.net")
    tampered = value[:-1] + ("A" if value[-1] != "A" else "B")
    assert refusal(tampered) == ("invalid", INVALID)


def test_a_cut_off_link():
    value = link_for("gunnel@example.net")
    assert refusal(value[: len(value) // 2]) == ("invalid", INVALID)


def test_garble():
    assert refusal("nonsense") == ("invalid", INVALID)


def test_a_value_signed_for_something_else():
    value = signing.dumps({"e": "gunnel@example.net"}, salt="samverka.other")
    assert refusal(value) == ("invalid", INVALID)


def test_a_signed_value_of_the_wrong_shape():
    value = signing.dumps({"e": "gunnel@example.net", "c": {"k": ["nonsense"], "f": "weekly", "p": [], "r": []},
                           "l": "en", "t": time.time()}, salt=subscriptions.CONFIRM_SALT, compress=True)
    assert refusal(value) == ("invalid", INVALID)


def test_a_link_for_an_ended_subscription():
    subscription = subscriptions.request_subscription(email="gunnel@example.net", choices=NEWS_WEEKLY, language="en")
    value = link_for("gunnel@example.net")
    subscriptions.end_subscription(subscription=subscription)
    assert refusal(value) == (
        "ended", "This subscription has ended, so there is nothing to confirm. Subscribe again if you like."
    )
    assert not Subscription.objects.exists()


# --- Changing, ending, cleaning up ------------------------------------------------------------


def test_change_replaces_every_choice(make_subscription, portfolio, other_portfolio, area, county):
    subscription = make_subscription(portfolios=[portfolio], regions=[area])
    choices = Choices(("result",), "weekly", (other_portfolio.pk,), (county.pk,))
    subscriptions.change_subscription(subscription=subscription, choices=choices)
    assert Choices.of(Subscription.objects.get()) == choices


def test_end_deletes_the_row_and_its_deliveries(make_subscription):
    from samverka.knowledge.models import Delivery

    subscription = make_subscription()
    Delivery.objects.create(subscription=subscription, source="news", object_id=1)
    subscriptions.end_subscription(subscription=subscription)
    assert not Subscription.objects.exists() and not Delivery.objects.exists()


def test_unconfirmed_rows_older_than_seven_days_are_deleted(make_subscription):
    now = timezone.now()
    old = make_subscription(email="old@example.net", confirmed_at=None)
    young = make_subscription(email="young@example.net", confirmed_at=None)
    confirmed = make_subscription(email="kept@example.net")
    Subscription.objects.filter(pk__in=[old.pk, confirmed.pk]).update(created_at=now - datetime.timedelta(days=8))
    Subscription.objects.filter(pk=young.pk).update(created_at=now - datetime.timedelta(days=6))
    assert subscriptions.delete_unconfirmed(dry_run=True) == 1
    assert Subscription.objects.count() == 3
    assert subscriptions.delete_unconfirmed() == 1
    assert set(Subscription.objects.values_list("email", flat=True)) == {"young@example.net", "kept@example.net"}


def test_choices_in_words(portfolio, area):
    with translation.override("en"):
        described = subscriptions.describe_choices(
            Choices(("event:webinar", "news", "tip"), "immediate", (portfolio.pk,), (area.pk,))
        )
    assert described == {
        "kinds": ["News", "Tips", "Webinar"],
        "portfolios": ["Renewable energy"],
        "regions": ["Övre Norrland"],
        "frequency": "a mail for each new item",
    }


def test_at_most_three_confirmation_mails_an_hour_to_one_address(django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    for _attempt in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            subscriptions.request_subscription(email="gunnel@example.net", choices=NEWS_WEEKLY, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        subscriptions.request_subscription(email="other@example.net", choices=NEWS_WEEKLY, language="en")
    assert DBTaskResult.objects.count() == 4
    assert Subscription.objects.count() == 2


def test_a_portfolio_gone_since_the_link_was_made_is_left_out(portfolio, other_portfolio):
    subscriptions.request_subscription(email="gunnel@example.net", choices=NEWS_WEEKLY, language="en")
    value = link_for("gunnel@example.net", Choices(("news",), "weekly", (portfolio.pk, other_portfolio.pk)))
    other_portfolio.delete()
    subscription = subscriptions.confirm_subscription(value=value)
    assert Choices.of(subscription).portfolios == (portfolio.pk,)
