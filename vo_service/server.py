"""Serving: gunicorn with several workers in production, Flask's reloader in debug mode."""
from __future__ import annotations

from gunicorn.app.base import BaseApplication

from vo_service.app import create_app


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict, db_url: str, public_url: str) -> None:
        self.options = options
        self.db_url = db_url
        self.public_url = public_url
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app(self.db_url, public_url=self.public_url)


def serve(db_url: str, *, host: str, port: int, workers: int, debug: bool, public_url: str) -> int:
    if debug:
        create_app(db_url, public_url=public_url).run(host=host, port=port, debug=True)
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
    _Gunicorn(options, db_url, public_url).run()
    return 0
