"""A client library for accessing ToAPIs Image Generation API (gpt-4o-image)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
