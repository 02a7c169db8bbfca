"""The outcome on the public poll page once the poll has closed; its webinar once published."""

import pytest

from samverka.polls import outcome


@pytest.fixture
def closed_poll_with_outcome(make_poll, coordinator):
    poll = make_poll()
    option = poll.options.get(title="Sprida resultat")
    outcome.record_outcome(poll=poll, option=option, note="", by=coordinator)
    event = outcome.create_webinar_from_option(poll=poll, option=option, by=coordinator)
    poll.refresh_from_db()
    return poll, event


def test_the_closed_poll_page_shows_the_outcome_and_its_published_webinar(client, closed_poll_with_outcome):
    poll, event = closed_poll_with_outcome
    page = client.get(f"/en/omrostningar/{poll.pk}/").content.decode()
    assert f"The chosen topic: {poll.outcome_option.title}." in page
    assert event.get_absolute_url() not in page  # still a draft
    event.status = event.Status.PUBLISHED
    event.save()
    page = client.get(f"/omrostningar/{poll.pk}/").content.decode()
    assert f"Det valda temat: {poll.outcome_option.title}." in page
    assert event.get_absolute_url() in page
