"""A client library for accessing ToAPIs Image Generation API (gpt-4o-image, gpt-image-2, gpt-image-2-vip)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
