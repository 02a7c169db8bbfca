"""The back office: registry lists for coordinators, and the import page run with the real worker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from samverka.registry.models import ImportJob, Project

ADMIN_LISTS = ["programmeperiod", "region", "themearea", "portfolio", "programme", "organisation", "project",
               "projectrole", "importjob"]


def upload(client, data, name="insatser.csv", **fields):
    return client.post(
        reverse("admin:registry_project_import"), {"file": SimpleUploadedFile(name, data), **fields}
    )


@pytest.mark.django_db
@pytest.mark.parametrize("model", ADMIN_LISTS)
def test_coordinator_sees_every_registry_list(coordinator_client, project_a, leader_a, model):
    response = coordinator_client.get(reverse(f"admin:registry_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_coordinator_opens_a_project_in_the_admin(coordinator_client, project_a):
    response = coordinator_client.get(reverse("admin:registry_project_change", args=[project_a.pk]))
    assert response.status_code == 200
    assert "Vätgas i Norrbotten" in response.content.decode()


@pytest.mark.django_db
def test_project_list_links_to_the_import_and_its_queries_do_not_grow(
    coordinator_client, make_project, django_assert_num_queries
):
    url = reverse("admin:registry_project_changelist")
    for _ in range(3):
        make_project()
    with django_assert_num_queries(16) as few:
        response = coordinator_client.get(url)
    assert reverse("admin:registry_project_import") in response.content.decode()
    for _ in range(30):
        make_project()
    with django_assert_num_queries(len(few.captured_queries)):
        coordinator_client.get(url)


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_admin_login(client):
    for url in (reverse("admin:registry_project_import"), reverse("admin:registry_project_import_job", args=[1])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_signed_in_non_staff_is_denied(participant_client, leader_a_client, registry, files):
    for client in (participant_client, leader_a_client):
        response = upload(client, files.csv(files.table([files.bank_row()], files.BANK_HEADER)))
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    assert not ImportJob.objects.exists()
    assert Project.objects.count() == 1  # project A, from the fixture


@pytest.mark.django_db
def test_import_page_refuses_wrong_method(coordinator_client):
    assert coordinator_client.put(reverse("admin:registry_project_import")).status_code == 405
    assert coordinator_client.post(reverse("admin:registry_project_import_status", args=[1])).status_code == 405


@pytest.mark.django_db
def test_unknown_job_is_404(coordinator_client):
    assert coordinator_client.get(reverse("admin:registry_project_import_job", args=[999])).status_code == 404


@pytest.mark.django_db
def test_upload_form_needs_a_file(coordinator_client):
    response = coordinator_client.post(reverse("admin:registry_project_import"), {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


@pytest.mark.django_db
def test_upload_form_refuses_a_bad_map(coordinator_client, files):
    response = upload(coordinator_client, b"a;b\n1;2\n", map="Namn")
    assert response.status_code == 200
    assert "“Namn” is not of the form Heading=field." in response.content.decode()


@pytest.mark.django_db
def test_preview_shows_every_problem_and_no_apply_button(coordinator_client, registry, files):
    rows = [files.bank_row(), files.bank_row(case="20200182", Projektslut="2018-12-31"), files.bank_row()]
    response = upload(coordinator_client, files.csv(files.table(rows, files.BANK_HEADER)))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:registry_project_import_job", args=[job.pk])

    page = coordinator_client.get(response.url).content.decode()

    assert job.status == ImportJob.Status.PREVIEWED
    assert job.problems == [
        {"row": 3, "column": "Projektslut", "message": "The end date 2018-12-31 is before the start date 2019-01-01."},
        {"row": 4, "column": "Ärende-ID", "message": "The case number 20200181 is in both row 2 and row 4."},
    ]
    assert "<td>3</td><td>Projektslut</td><td>The end date 2018-12-31 is before the start date 2019-01-01.</td>" in page
    assert "Import all rows" not in page
    # Applying anyway is refused.
    coordinator_client.post(response.url)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED
    assert not Project.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_coordinator_uploads_previews_and_applies_with_the_worker(coordinator_client, registry, files):
    rows = [files.bank_row(), files.bank_row(case="20200182", Projektnamn="Solel på taken")]
    response = upload(coordinator_client, files.xlsx(files.table(rows, files.BANK_HEADER)), name="insatser.xlsx")
    job_url = response.url
    job = ImportJob.objects.get()

    preview = coordinator_client.get(job_url).content.decode()
    assert "2 projects will be created" in preview
    assert "Solel på taken" in preview
    assert "Import all rows" in preview
    assert not Project.objects.exists()

    response = coordinator_client.post(job_url)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING
    running = coordinator_client.get(job_url).content.decode()
    assert '<progress id="import-progress-bar"' in running
    assert "Refresh" in running

    call_command("db_worker", batch=True, no_startup_delay=True, queue_name="default", verbosity=0)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.total_rows, job.processed_rows, job.created_count) == (2, 2, 2)
    assert job.summary == "2 rows: 2 created, 0 updated, 0 unchanged"
    assert job.finished_at is not None
    assert set(Project.objects.values_list("case_number", flat=True)) == {"20200181", "20200182"}
    status = coordinator_client.get(reverse("admin:registry_project_import_status", args=[job.pk])).json()
    assert status["status"] == "done"
    assert status["created"] == 2
    assert "2 rows: 2 created" in coordinator_client.get(job_url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_worker_finds_new_problems_and_saves_nothing(coordinator_client, registry, portfolio, files):
    response = upload(coordinator_client, files.csv(files.table([files.bank_row()], files.BANK_HEADER)))
    # The portfolio disappears between the preview and the apply.
    portfolio.delete()
    coordinator_client.post(response.url)

    call_command("db_worker", batch=True, no_startup_delay=True, queue_name="default", verbosity=0)

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert job.problems == [{"row": 2, "column": "Portfölj", "message": "Unknown portfolio “Förnybar energi”."}]
    assert not Project.objects.exists()
