"""The service state of the Flask app handling the current request."""
from __future__ import annotations

from flask import current_app

from vo_service.protocol.state import ServiceState
from vo_service.protocol.uws.service import AsyncService
from vo_service.settings import Settings

STATE_KEY = "apo"
ASYNC_KEY = "apo_async"
SETTINGS_KEY = "apo_settings"


def service_state() -> ServiceState:
    return current_app.extensions[STATE_KEY]


def async_service() -> AsyncService:
    return current_app.extensions[ASYNC_KEY]


def settings() -> Settings:
    return current_app.extensions[SETTINGS_KEY]
