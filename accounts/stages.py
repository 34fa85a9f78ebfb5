"""allauth's login stage that asks for the second factor, taught one thing:
a sign-in through the identity provider whose amr/acr says multi-factor
(OIDC_MFA_AMR / OIDC_MFA_ACR) has shown the second factor already, so a user
who also has a local app or key is not asked for it again."""

from allauth.mfa.stages import AuthenticateStage

from .oidc import counts_as_second_factor, provider_claims

ALLAUTH_STAGE = "allauth.mfa.stages.AuthenticateStage"
STAGE = "accounts.stages.SecondFactorStage"


class SecondFactorStage(AuthenticateStage):
    def _should_handle(self, request) -> bool:
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if sociallogin is not None and counts_as_second_factor(provider_claims(sociallogin)):
            # The session is marked multi-factor in AccountAdapter.post_login.
            return False
        return super()._should_handle(request)


def with_second_factor_stage(stages: list[str]) -> list[str]:
    return [STAGE if path == ALLAUTH_STAGE else path for path in stages]
