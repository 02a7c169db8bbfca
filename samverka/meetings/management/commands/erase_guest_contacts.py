from samverka.meetings import event_mails

from ._event_job import EventJobCommand


class Command(EventJobCommand):
    help = (
        "Erase the name, organisation and e-mail address of guests (registrations without an account) "
        "who did not consent to future invitations, once the event's guest_retention_days after its end "
        "have passed. The rows stay, so counts of registrations and attendance survive. Run it daily; "
        "an event is handled once (Event.guests_erased_at)."
    )
    verb = "erased"
    noun = "guest registrations"

    def due(self):
        return event_mails.events_due_for_guest_erasure()

    def run_one(self, event, *, dry_run):
        return event_mails.erase_guests(event=event, dry_run=dry_run)
