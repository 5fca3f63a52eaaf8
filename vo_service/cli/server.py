"""Serving: gunicorn with several workers in production, Flask's reloader in debug mode."""
from __future__ import annotations

import signal
from pathlib import Path
from typing import Sequence

from gunicorn.app.base import BaseApplication

from vo_service.web.app import create_app
from vo_service.protocol.uws.results import default_results_dir
from vo_service.protocol.uws.service import LEASE_S
from vo_service.cli.worker import WorkerPool


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict, db_url: str, public_url: str, app_options: dict) -> None:
        self.options = options
        self.db_url = db_url
        self.public_url = public_url
        self.app_options = app_options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app(self.db_url, public_url=self.public_url, **self.app_options)


def serve(db_url: str, *, host: str, port: int, workers: int, debug: bool, public_url: str,
          async_workers: int = 2, results_dir: Path | None = None, upload_url_prefixes: Sequence[str] = (),
          lease_s: float = LEASE_S) -> int:
    """Run the web service and, unless async_workers is 0, a local pool of async job workers.

    gunicorn's web workers are forked inside `_serve_web` and leave through this `finally`
    too; the pool ignores `stop` there, so only this process stops its workers.
    """
    results_dir = results_dir or default_results_dir(db_url)
    app_options = {"results_dir": results_dir, "upload_url_prefixes": tuple(upload_url_prefixes),
                   "lease_s": lease_s}
    pool = WorkerPool(db_url, results_dir, async_workers, lease_s)
    pool.start()
    try:
        return _serve_web(db_url, host=host, port=port, workers=workers, debug=debug, public_url=public_url,
                          app_options=app_options)
    finally:
        pool.stop()


def _serve_web(db_url: str, *, host: str, port: int, workers: int, debug: bool, public_url: str,
               app_options: dict) -> int:
    if debug:
        signal.signal(signal.SIGTERM, _stop_like_ctrl_c)
        create_app(db_url, public_url=public_url, **app_options).run(host=host, port=port, debug=True,
                                                                      use_reloader=False)
        return 0
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": 4,
        "timeout": 600,
        "accesslog": "-",
        "access_log_format": '%(h)s "%(r)s" %(s)s %(b)s %(M)sms',
    }
    _Gunicorn(options, db_url, public_url, app_options).run()
    return 0


def _stop_like_ctrl_c(signum: int, frame: object) -> None:
    """SIGTERM ends the debug server as Ctrl-C does (gunicorn handles it itself), so `serve` stops the pool."""
    raise SystemExit(0)
