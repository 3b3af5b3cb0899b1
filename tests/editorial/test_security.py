"""Security: password storage, login throttling, CSRF, Content-Security-Policy, HTTPS settings,
no debug pages, uploads checked by content, and staff accounts from the command line."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from lxml import html
from PIL import Image

from readingroom.catalogue.models import Attachment, Document

from .conftest import PASSWORD, errors, form_values

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def login(client: Client, username: str, password: str, address: str = "10.0.0.1"):  # type: ignore[no-untyped-def]
    page = client.get(LOGIN, REMOTE_ADDR=address)
    token = form_values(page.content, "login-form")["csrfmiddlewaretoken"][0]
    return client.post(
        LOGIN,
        {"username": username, "password": password, "csrfmiddlewaretoken": token},
        REMOTE_ADDR=address,
    )


def signed_in(client: Client) -> bool:
    return client.get("/admin/", REMOTE_ADDR="10.0.0.1").status_code == 200


def test_passwords_use_djangos_default_hasher(staff):
    staff("editor")
    user = get_user_model().objects.get(username="editor1")
    assert not hasattr(settings, "PASSWORD_HASHERS") or settings.PASSWORD_HASHERS[0].endswith(
        "PBKDF2PasswordHasher"
    )
    assert user.password.startswith("pbkdf2_sha256$") and PASSWORD not in user.password


def test_login_is_throttled_after_repeated_failures(staff):
    staff("editor")
    limit = settings.AXES_FAILURE_LIMIT
    attacker = Client(enforce_csrf_checks=True)
    for _ in range(limit - 1):
        wrong = login(attacker, "editor1", "not the password")
        assert wrong.status_code == 200 and b"Please enter the correct" in wrong.content
    assert login(attacker, "editor1", "not the password").status_code == 429
    locked = login(attacker, "editor1", PASSWORD)  # even the right password is refused now
    assert locked.status_code == 429
    assert b"Too many failed sign-ins" in locked.content
    assert not signed_in(attacker)
    # The lock is on this username from this address: the real editor elsewhere signs in.
    elsewhere = Client(enforce_csrf_checks=True)
    assert login(elsewhere, "editor1", PASSWORD, address="10.0.0.2").status_code == 302
    with time_machine.travel(dt.timedelta(minutes=16)):
        later = Client(enforce_csrf_checks=True)
        assert login(later, "editor1", PASSWORD).status_code == 302
        assert signed_in(later)


def test_every_form_is_protected_against_csrf(staff, archive):
    editor = staff("editor")
    anonymous = Client(enforce_csrf_checks=True)
    response = anonymous.post(LOGIN, {"username": "editor1", "password": PASSWORD})
    assert response.status_code == 403
    pub = Document.objects.get(key="pub")
    pages = [
        "/admin/",
        "/admin/catalogue/document/",
        f"/admin/catalogue/document/{pub.pk}/change/",
        f"/admin/catalogue/document/{pub.pk}/history/1/restore/",
        "/admin/catalogue/document/add/",
        "/admin/catalogue/person/add/",
        "/admin/editorial/comment/add/",
    ]
    for url in pages:
        tree = html.fromstring(editor.get(url).content)
        for form in tree.xpath("//form[translate(@method, 'POST', 'post')='post']"):
            assert form.xpath(".//input[@name='csrfmiddlewaretoken']"), url
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(get_user_model().objects.get(username="editor1"))
    forged = checked.post(f"/admin/catalogue/document/{pub.pk}/change/", {"title": "Forged"})
    assert forged.status_code == 403
    assert Document.objects.get(key="pub").title != "Forged"


def test_content_security_policy_forbids_inline_script(staff, archive):
    editor = staff("editor")
    pub = Document.objects.get(key="pub")
    for client, url in [
        (Client(), "/"),
        (Client(), pub.get_absolute_url()),
        (Client(), "/admin/login/"),
        (editor, f"/admin/catalogue/document/{pub.pk}/change/"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert "frame-ancestors 'none'" in policy
        for script in html.fromstring(response.content).xpath("//script[not(@src)]"):
            assert script.get("type") == "application/ld+json", (url, script.text)
        assert not re.search(rb"\son[a-z]+=", response.content), url  # no event handlers


def _python(code: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("READINGROOM_HTTPS")}
    environment.update(env, DJANGO_SETTINGS_MODULE="readingroom.settings")
    environment.pop("READINGROOM_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


DEPLOY_CHECKS = """
import django; django.setup()
from django.core import checks
from django.conf import settings
found = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
print(settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS)
print(sorted(m.id for m in found))
"""


def test_https_turns_on_secure_cookies_and_hsts_and_debug_is_off():
    plain = _python(DEPLOY_CHECKS).splitlines()
    assert plain[0] == "False False 0"  # no debug pages unless READINGROOM_DEBUG=1
    assert "security.W004" in plain[1] and "security.W012" in plain[1]
    https = _python(DEPLOY_CHECKS, READINGROOM_HTTPS="1").splitlines()
    assert https[0] == "False True 31536000"
    # Left to the operator: HSTS for subdomains (READINGROOM_HSTS_SUBDOMAINS=1) and preload.
    assert https[1] == "['security.W005', 'security.W021']"
    proxied = _python(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECURE_PROXY_SSL_HEADER, settings.CSRF_COOKIE_SECURE)",
        READINGROOM_PROXY_SSL_HEADER="1",
    )
    assert proxied == "('HTTP_X_FORWARDED_PROTO', 'https') True"


def test_error_pages_show_no_debug_information(client):
    response = client.get("/no/such/page/anywhere")
    assert response.status_code == 404
    assert b"Traceback" not in response.content and b"URLconf" not in response.content


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (3, 2), "white").save(buffer, "PNG")
    return buffer.getvalue()


UPLOADS = {
    "php-as-jpg": ("scan.jpg", b"<?php system($_GET['c']); ?>", "image", "plain text"),
    "html-as-jpg": ("scan.jpg", b"<!DOCTYPE html><script>alert(1)</script>", "image", "text"),
    "html-as-txt": ("notes.txt", b"<html><body onload=alert(1)>", "text", "web page"),
    "png-as-php": ("scan.php", _png(), "image", "PNG image"),
    "executable": ("tool.jpg", b"\x7fELF\x02\x01\x01\x00" + bytes(100), "image", "accepted"),
}


def _upload(client: Client, document: Document, name: str, content: bytes, kind: str):  # type: ignore[no-untyped-def]
    url = f"/admin/catalogue/document/{document.pk}/change/"
    values = form_values(client.get(url).content, "document_form")
    values.update(
        {
            "attachments-TOTAL_FORMS": ["1"],
            "attachments-0-label": ["Page 1"],
            "attachments-0-kind": [kind],
            "attachments-0-position": ["0"],
            "change_note": ["Added a scan."],
            "_save": ["Save"],
        }
    )
    data = {k: v[0] if len(v) == 1 else v for k, v in values.items()}
    data["attachments-0-file"] = SimpleUploadedFile(name, content)
    return client.post(url, data)


@pytest.mark.parametrize("case", sorted(UPLOADS))
def test_uploads_are_judged_by_content(staff, archive, case):
    name, content, kind, message = UPLOADS[case]
    response = _upload(staff("editor"), Document.objects.get(key="pub"), name, content, kind)
    assert response.status_code == 200
    assert any(message in e for e in errors(response)), errors(response)
    assert not Attachment.objects.exists()


def test_an_allowed_upload_is_stored_by_checksum_outside_the_code_and_not_served(staff, archive):
    document = Document.objects.get(key="pub")
    response = _upload(staff("editor"), document, "page 1.PNG", _png(), "image")
    assert response.status_code == 302, errors(response)
    attachment = Attachment.objects.get()
    assert (attachment.mime_type, attachment.kind, attachment.width) == ("image/png", "image", 3)
    assert attachment.file.name == f"scans/{attachment.sha256[:2]}/{attachment.sha256}.png"
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert not stored.is_relative_to(Path(settings.BASE_DIR))
    assert stored.stat().st_mode & 0o111 == 0  # never executable
    assert Client().get(f"/media/{attachment.file.name}").status_code == 404


def test_createuser_makes_staff_accounts_with_a_role(tmp_path, monkeypatch):
    secret = tmp_path / "password"
    secret.write_text(PASSWORD + "\n")
    secret.chmod(0o600)
    out = io.StringIO()
    call_command("createuser", "ada", "--email", "ada@example.org", "--role", "cataloguer",
                 "--password-file", str(secret), stdout=out)  # fmt: skip
    ada = get_user_model().objects.get(username="ada")
    assert ada.is_staff and not ada.is_superuser and ada.check_password(PASSWORD)
    assert list(ada.groups.values_list("name", flat=True)) == ["cataloguer"]
    assert "Created ada (cataloguer)" in out.getvalue()
    monkeypatch.setenv("READINGROOM_PASSWORD", "password")
    with pytest.raises(CommandError, match="too common"):
        call_command("createuser", "bob", "--role", "editor")
    with pytest.raises(CommandError, match="already a user"):
        call_command("createuser", "ada", "--role", "editor", "--password-file", str(secret))
    assert not get_user_model().objects.filter(username="bob").exists()
