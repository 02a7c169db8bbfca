from django.db import models


class SentMail(models.Model):
    """One mail sent from a task or a scheduled mail command, by its stable Message-ID
    (``samverka.emails.send(once=…)``).

    Written right after the SMTP server accepted the mail; a task that runs again (its worker
    was killed, ``requeue_stuck_tasks``), or a command's next run after a failure partway, finds
    the key and does not send that mail twice. The
    key names the kind of mail and row ids only: no address, name or text.
    """

    key = models.CharField(max_length=255, primary_key=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key
