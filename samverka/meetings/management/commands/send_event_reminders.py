from samverka.meetings import event_mails

from ._event_job import EventJobCommand


class Command(EventJobCommand):
    help = (
        "Send the reminder to the registered people of every published event that starts within its "
        "reminder days (Event.reminder_days; 0 sends none) and has had no reminder. Each mail has the "
        "video link, the dial-in details, a cancel link and the calendar file. Run it hourly; an event "
        "is reminded once (Event.reminder_sent_at)."
    )
    verb = "sent"
    noun = "reminders"

    def due(self):
        return event_mails.events_due_for_reminder()

    def run_one(self, event, *, dry_run):
        return event_mails.send_reminders(event=event, dry_run=dry_run)
