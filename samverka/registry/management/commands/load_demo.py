"""python manage.py load_demo — the demo network of low-carbon ERDF projects."""

from django.conf import settings
from django.core.management.base import BaseCommand

from samverka.knowledge.demo import load_knowledge_demo
from samverka.meetings.demo import load_meetings_demo
from samverka.polls.demo import load_polls_demo
from samverka.registry.demo_data import load_demo
from samverka.results.demo import load_results_demo


class Command(BaseCommand):
    help = (
        "Load the demo data: programme periods, programme areas and counties, portfolios, "
        "programmes, about 120 fictional projects, demo people, the content pages, the 2020 "
        "project-leader meetings and their poll, knowledge items and news. "
        "Adds only what is missing, so it is safe to run again."
    )

    def handle(self, *args, **options):
        summary = load_demo(password=settings.DEMO_PASSWORD)
        self.stdout.write(summary.line())
        # The meetings of the reference case build on the registry's projects and people.
        meetings = load_meetings_demo(password=settings.DEMO_PASSWORD)
        if options["verbosity"] > 1:
            self.stdout.write(meetings.line())
        # The reference case's poll: the attendees of 25 November 2020 chose the next webinar.
        polls = load_polls_demo()
        if options["verbosity"] > 1:
            self.stdout.write(polls.line())
        # Tips from those meetings, results, news with the meetings' notes; then the search index
        # and the "projects like yours" lists are rebuilt over everything above.
        knowledge = load_knowledge_demo()
        if options["verbosity"] > 1:
            self.stdout.write(knowledge.line())
        load_results_demo()  # the demo projects' indicator values: targets, achieved, follow-ups
