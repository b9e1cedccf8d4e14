"""``toapis-proxy``: a validating proxy that forwards an application's traffic unchanged and
judges it with the suite's own judges (``conformance.judges``): each request, each response, and
each task across its exchanges. See ``conformance.proxy.cli``."""

from conformance.proxy.app import ProxyConfig, create_app
from conformance.proxy.server import Proxy, RunningProxy, build_proxy, run_in_thread
from conformance.proxy.tracker import CHECKS, Finding, Seen, Tracker

__all__ = [
    "CHECKS",
    "Finding",
    "Proxy",
    "ProxyConfig",
    "RunningProxy",
    "Seen",
    "Tracker",
    "build_proxy",
    "create_app",
    "run_in_thread",
]
