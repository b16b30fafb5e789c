from __future__ import annotations

from django.core import mail
from django.test import Client

from obieg.accounts.models import User


def test_a_member_signs_in_and_out(member: User, client: Client) -> None:
    response = client.post(
        "/en/accounts/login/",
        {"username": "member", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.get("/en/accounts/me/").status_code == 200

    client.post("/en/accounts/logout/")
    assert client.get("/en/accounts/me/").status_code == 302


def test_a_wrong_password_is_refused_with_a_message(member: User, client: Client) -> None:
    response = client.post("/en/accounts/login/", {"username": "member", "password": "nope"})

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_password_reset_sends_a_link_that_sets_a_new_password(member: User, client: Client) -> None:
    client.post("/en/accounts/password-reset/", {"email": member.email})

    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form = client.get("/" + path, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a new long passphrase 42", "new_password2": "a new long passphrase 42"},
    )
    member.refresh_from_db()
    assert member.check_password("a new long passphrase 42")


def test_managers_enter_the_admin_and_members_do_not(
    manager_client: Client, member_client: Client
) -> None:
    assert manager_client.get("/admin/directory/organisation/").status_code == 200
    assert member_client.get("/admin/directory/organisation/").status_code == 302
