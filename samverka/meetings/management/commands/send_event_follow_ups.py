from samverka.meetings import event_mails

from ._event_job import EventJobCommand


class Command(EventJobCommand):
    help = (
        "Send the follow-up to those who attended or were registered, for every published event that "
        "ended in the last 14 days and has had no follow-up: links to the notes and attachments on the "
        "event page and, if the event has a feedback survey, to each one's own survey. Run it daily: each "
        "person gets it once, the event is marked (Event.follow_up_sent_at) when all have gone, and a run "
        "that failed partway is finished by the next. Exits non-zero when a follow-up was not sent."
    )
    verb = "sent"
    noun = "follow-ups"

    def due(self):
        return event_mails.events_due_for_follow_up()

    def run_one(self, event, *, dry_run):
        return event_mails.send_follow_ups(event=event, dry_run=dry_run)
