"""A client library for accessing ToAPIs Image Generation API (every documented image model)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
