"""Uploaded files on S3-compatible object storage (django-storages), so that no web process needs
another's local disk: an attachment stored through one storage object is read back through a
fresh one, and its URL is a signed link to the bucket.

The object store is moto's S3 server, run on loopback: the same HTTP API, signatures and
boto3 client code paths as a real bucket, without the cloud.
"""

import urllib.request

import boto3
import pytest
from django.core.files.base import ContentFile
from moto.server import ThreadedMotoServer
from storages.backends.s3 import S3Storage

from samverka.env import media_storage
from tests.ops.servers import free_port

BUCKET = "samverka-media"


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3", endpoint_url=endpoint, region_name="eu-north-1", aws_access_key_id="samverka", aws_secret_access_key="secret"
    ).create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    yield endpoint
    server.stop()


def storage(endpoint):
    return S3Storage(
        bucket_name=BUCKET,
        endpoint_url=endpoint,
        region_name="eu-north-1",
        access_key="samverka",
        secret_key="secret",
        default_acl=None,
        querystring_auth=True,
        file_overwrite=False,
    )


def test_a_file_written_by_one_process_is_read_by_another(s3_endpoint):
    name = storage(s3_endpoint).save("meetings/1/anteckningar.pdf", ContentFile(b"%PDF-1.4 anteckningar"))
    # A fresh storage object, as in another web process on another machine.
    other = storage(s3_endpoint)
    assert other.exists(name)
    with other.open(name) as file:
        assert file.read() == b"%PDF-1.4 anteckningar"
    assert other.size(name) == 21


def test_names_never_overwrite_an_existing_file(s3_endpoint):
    first = storage(s3_endpoint).save("knowledge/items/1/rapport.pdf", ContentFile(b"first"))
    second = storage(s3_endpoint).save("knowledge/items/1/rapport.pdf", ContentFile(b"second"))
    assert first != second
    assert storage(s3_endpoint).open(first).read() == b"first"


def test_the_url_is_a_signed_link_that_serves_the_file(s3_endpoint):
    store = storage(s3_endpoint)
    name = store.save("knowledge/news/1/bild.png", ContentFile(b"\x89PNG\r\n\x1a\nbild"))
    url = store.url(name)
    assert url.startswith(f"{s3_endpoint}/{BUCKET}/knowledge/news/1/") and "Signature" in url
    with urllib.request.urlopen(url) as response:
        assert response.read() == b"\x89PNG\r\n\x1a\nbild"


def test_deleting_removes_the_object(s3_endpoint):
    store = storage(s3_endpoint)
    name = store.save("meetings/2/bilder.pptx", ContentFile(b"PK\x03\x04"))
    store.delete(name)
    assert not storage(s3_endpoint).exists(name)


def test_settings_build_the_s3_storage_from_the_environment(monkeypatch):
    monkeypatch.setenv("MEDIA_STORAGE", "s3")
    monkeypatch.setenv("S3_BUCKET", "samverka-media")
    monkeypatch.setenv("S3_ENDPOINT_URL", "https://objects.example.org")
    monkeypatch.setenv("S3_REGION", "eu-north-1")
    assert media_storage() == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "samverka-media",
            "endpoint_url": "https://objects.example.org",
            "region_name": "eu-north-1",
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


def test_local_files_by_default(monkeypatch):
    monkeypatch.delenv("MEDIA_STORAGE", raising=False)
    assert media_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_s3_without_a_bucket_stops_the_start_with_a_clear_message(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("MEDIA_STORAGE", "s3")
    monkeypatch.delenv("S3_BUCKET", raising=False)
    with pytest.raises(ImproperlyConfigured) as refused:
        media_storage()
    assert str(refused.value) == "MEDIA_STORAGE=s3 needs S3_BUCKET, the bucket's name."
