"""Serving: gunicorn with several workers in production, Flask's reloader in debug mode."""
from __future__ import annotations

import signal

from gunicorn.app.base import BaseApplication

from vo_service.cli.worker import WorkerPool
from vo_service.settings import Settings
from vo_service.web.app import create_app

#: gthread workers: each web process answers this many requests at once
THREADS_PER_WORKER = 4
#: a web worker silent for this long is restarted by gunicorn (long sync queries stream meanwhile)
WORKER_TIMEOUT_S = 600


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict, settings: Settings) -> None:
        self.options = options
        self.settings = settings
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings:
                self.cfg.set(key, value)

    def load(self):
        return create_app(self.settings)


def serve(settings: Settings, *, host: str, port: int, workers: int, debug: bool, async_workers: int = 2) -> int:
    """Run the web service and, unless async_workers is 0, a local pool of async job workers.

    gunicorn's web workers are forked inside `_serve_web` and leave through this `finally`
    too; the pool ignores `stop` there, so only this process stops its workers.
    """
    pool = WorkerPool(settings, async_workers)
    pool.start()
    try:
        return _serve_web(settings, host=host, port=port, workers=workers, debug=debug)
    finally:
        pool.stop()


def _serve_web(settings: Settings, *, host: str, port: int, workers: int, debug: bool) -> int:
    if debug:
        signal.signal(signal.SIGTERM, _stop_like_ctrl_c)
        create_app(settings).run(host=host, port=port, debug=True, use_reloader=False)
        return 0
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": THREADS_PER_WORKER,
        "timeout": WORKER_TIMEOUT_S,
        "accesslog": "-",
        "access_log_format": '%(h)s "%(r)s" %(s)s %(b)s %(M)sms',
        # gunicorn 27 opens one control socket per user; several services on a machine would share it
        "control_socket_disable": True,
    }
    _Gunicorn(options, settings).run()
    return 0


def _stop_like_ctrl_c(signum: int, frame: object) -> None:
    """SIGTERM ends the debug server as Ctrl-C does (gunicorn handles it itself), so `serve` stops the pool."""
    raise SystemExit(0)
