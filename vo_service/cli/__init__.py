"""The command line: `apo` and its commands, the server and the async workers."""
from vo_service.cli.commands import main

__all__ = ["main"]
