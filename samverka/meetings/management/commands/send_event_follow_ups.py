from samverka.meetings import event_mails

from ._event_job import EventJobCommand


class Command(EventJobCommand):
    help = (
        "Send the follow-up to those who attended or were registered, for every published event that "
        "ended in the last 14 days and has had no follow-up: links to the notes and attachments on the "
        "event page and, if the event has a feedback survey, to each one's own survey. Run it daily; an "
        "event is followed up once (Event.follow_up_sent_at)."
    )
    verb = "sent"
    noun = "follow-ups"

    def due(self):
        return event_mails.events_due_for_follow_up()

    def run_one(self, event, *, dry_run):
        return event_mails.send_follow_ups(event=event, dry_run=dry_run)
