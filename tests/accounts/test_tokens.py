from __future__ import annotations

from django.test import Client

from obieg.accounts.models import ApiToken, User
from obieg.accounts.services import api_token_authenticate, api_token_create, token_hash
from tests.conftest import bearer


def test_it_stores_only_the_hash_of_a_token(member: User) -> None:
    issued = api_token_create(user=member, name="import script")

    stored = ApiToken.objects.get(pk=issued.token.pk)
    assert stored.key_hash == token_hash(issued.secret)
    assert issued.secret not in (stored.key_hash, stored.prefix)
    assert api_token_authenticate(secret=issued.secret) == member


def test_a_revoked_token_no_longer_authenticates(member: User, client: Client) -> None:
    headers = bearer(member)
    token = member.api_tokens.get()

    response = client.delete(f"/api/v1/accounts/tokens/{token.pk}", **headers)

    assert response.status_code == 204
    assert client.get("/api/v1/accounts/me", **headers).status_code == 401


def test_the_me_endpoint_tells_the_role(manager: User, client: Client) -> None:
    response = client.get("/api/v1/accounts/me", **bearer(manager))

    assert response.status_code == 200
    assert response.json()["is_manager"] is True


def test_a_visitor_gets_401_with_a_reason(client: Client, db: None) -> None:
    response = client.get("/api/v1/accounts/me")

    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_a_token_is_shown_once_on_the_account_page(member: User, member_client: Client) -> None:
    response = member_client.post("/en/accounts/me/tokens/", {"name": "nightly import"})

    assert response.status_code == 201
    body = response.content.decode()
    secret = body.split('<code id="new-token">')[1].split("</code>")[0]
    assert api_token_authenticate(secret=secret) == member
    assert secret not in member_client.get("/en/accounts/me/").content.decode()


def test_an_unnamed_token_is_refused_naming_the_field(member_client: Client) -> None:
    response = member_client.post("/en/accounts/me/tokens/", {"name": ""})

    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.content.decode()
