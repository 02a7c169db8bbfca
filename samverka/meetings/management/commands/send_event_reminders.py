from samverka.meetings import event_mails

from ._event_job import EventJobCommand


class Command(EventJobCommand):
    help = (
        "Send the reminder to the registered people of every published event that starts within its "
        "reminder days (Event.reminder_days; 0 sends none) and has had no reminder. Each mail has the "
        "video link, the dial-in details, a cancel link and the calendar file. Run it hourly: each person "
        "is reminded once for a start time (an event moved is reminded again), the event is marked "
        "(Event.reminder_sent_at) when all have gone, and a run that failed partway is finished by the "
        "next. Exits non-zero when a reminder was not sent."
    )
    verb = "sent"
    noun = "reminders"

    def due(self):
        return event_mails.events_due_for_reminder()

    def run_one(self, event, *, dry_run):
        return event_mails.send_reminders(event=event, dry_run=dry_run)
