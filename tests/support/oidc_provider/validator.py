"""The claims of the test provider: each person's groups and amr are read
from the people file at every token and userinfo request, so a test can
take a person out of a group between two sign-ins."""

import json
import os
from pathlib import Path

from oauth2_provider.oauth2_validators import OAuth2Validator


def people() -> dict:
    return json.loads(Path(os.environ["OIDC_TEST_PEOPLE"]).read_text(encoding="utf-8"))


class Validator(OAuth2Validator):
    oidc_claim_scope = None  # every claim, whatever the scope

    def get_additional_claims(self, request):
        person = people()[request.user.username]
        return {
            "preferred_username": request.user.username,
            "given_name": person.get("given_name", ""),
            "family_name": person.get("family_name", ""),
            "email": person.get("email", ""),
            "groups": person.get("groups", []),
            "amr": person.get("amr", ["pwd"]),
        }
