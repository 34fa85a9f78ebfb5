from .accounts import OrganisationFactory, UserFactory

__all__ = ["OrganisationFactory", "UserFactory"]
