"""allauth's WebAuthn forms, made to refuse a malformed answer from the
browser with the Swedish "wrong code" error instead of a 500: fido2 parses
the posted JSON and raises KeyError, TypeError or ValueError on fields that
are missing or of the wrong kind, which allauth catches only in part.
(Registered in settings MFA_FORMS.)"""

from allauth.mfa.adapter import get_adapter
from allauth.mfa.webauthn.forms import (
    AddWebAuthnForm,
    AuthenticateWebAuthnForm,
    ReauthenticateWebAuthnForm,
)

MALFORMED = (KeyError, TypeError, ValueError, AttributeError)


class AddSecurityKeyForm(AddWebAuthnForm):
    def clean(self) -> dict:
        try:
            return super().clean()
        except MALFORMED:
            raise get_adapter().validation_error("incorrect_code") from None


class _SafeCredential:
    def clean_credential(self):
        try:
            return super().clean_credential()
        except MALFORMED:
            raise get_adapter().validation_error("incorrect_code") from None


class AuthenticateSecurityKeyForm(_SafeCredential, AuthenticateWebAuthnForm):
    pass


class ReauthenticateSecurityKeyForm(_SafeCredential, ReauthenticateWebAuthnForm):
    pass
