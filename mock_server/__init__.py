"""toapis-mock: a stateful reference implementation of the ToAPIs image API contract.

Use it in-process (``create_app``) or as a real server (``run_in_thread``, or ``toapis-mock``).
"""

from mock_server.app import create_app
from mock_server.config import DEFAULT_TOKEN, MockConfig
from mock_server.server import RunningServer, run_in_thread

__all__ = ["DEFAULT_TOKEN", "MockConfig", "RunningServer", "create_app", "run_in_thread"]
