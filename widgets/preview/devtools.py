"""Per-page DevTools: emulate `prefers-color-scheme` for one QWebEnginePage.

Why DevTools: Qt's colour-scheme hints, a dark palette and ForceDarkMode do
not drive the CSS media feature, and `--blink-settings=preferredColorScheme`
is process-wide, while the editor shows a light and a dark preview side by
side. `Emulation.setEmulatedMedia` is per page.

How (tech-notes): Chromium must have been started with
`QTWEBENGINE_REMOTE_DEBUGGING=127.0.0.1:PORT` (see `environment.py`). The page
is found in `http://127.0.0.1:PORT/json` by its `devToolsId()`; that list is
fetched with QNetworkAccessManager, asynchronously, because the endpoint is
served by this very process and a blocking request from the GUI thread
deadlocks. Commands then go over a QWebSocket. Everything is asynchronous and
signal-driven: callers either connect to `ready`/`failed` or use
`call(method, params, callback)`, which queues until the socket is open.
"""
from __future__ import annotations

import json
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtNetwork import QAbstractSocket, QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebSockets import QWebSocket

from .environment import debugging_port

COLOR_SCHEMES = ("light", "dark")


class DevToolsSession(QObject):
    """One DevTools connection to one page."""

    ready = Signal()
    failed = Signal(str)
    # Responses carrying an error from Chromium (method, message).
    error = Signal(str, str)

    def __init__(self, page: QWebEnginePage, port: int | None = None, parent: QObject | None = None):
        super().__init__(parent or page)
        self._page = page
        self._port = port if port is not None else debugging_port()
        self._network = QNetworkAccessManager(self)
        self._socket = QWebSocket()
        self._socket.setParent(self)
        self._socket.connected.connect(self._on_connected)
        self._socket.textMessageReceived.connect(self._on_message)
        self._socket.errorOccurred.connect(lambda _e: self._fail(f"DevTools socket: {self._socket.errorString()}"))
        self._next_id = 1
        self._pending: dict[int, tuple[str, Callable[[dict], None] | None]] = {}
        self._queue: list[tuple[str, dict, Callable[[dict], None] | None]] = []
        self._state = "idle"  # idle -> finding -> connecting -> open | failed
        self._attempts = 0

    # -- public -------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._state == "open"

    @property
    def is_connected(self) -> bool:
        """The socket itself is up (also while closing)."""
        return self._socket.state() != QAbstractSocket.SocketState.UnconnectedState

    @property
    def has_failed(self) -> bool:
        return self._state == "failed"

    def open(self) -> None:
        """Find the page's target and open the socket; `ready` or `failed` follows."""
        if self._state in ("finding", "connecting", "open"):
            return
        if self._port is None:
            self._fail("QTWEBENGINE_REMOTE_DEBUGGING was not set before the QApplication was created")
            return
        self._state = "finding"
        self._request_targets()

    def call(self, method: str, params: dict | None = None, callback: Callable[[dict], None] | None = None) -> None:
        """Send a DevTools command (queued until the session is open); `callback(result)` on reply."""
        if self._state == "open":
            self._send(method, params or {}, callback)
            return
        self._queue.append((method, params or {}, callback))
        self.open()

    def set_color_scheme(self, scheme: str, callback: Callable[[dict], None] | None = None) -> None:
        """Make this page's `prefers-color-scheme` media feature answer `light` or `dark`."""
        if scheme not in COLOR_SCHEMES:
            raise ValueError(f"colour scheme must be one of {COLOR_SCHEMES}, not {scheme!r}")
        self.call(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
            callback,
        )

    def close(self) -> None:
        self._socket.close()
        self._state = "idle"

    # -- finding the target ---------------------------------------------------------
    def _request_targets(self) -> None:
        request = QNetworkRequest(QUrl(f"http://127.0.0.1:{self._port}/json"))
        reply = self._network.get(request)
        reply.finished.connect(lambda: self._on_targets(reply))

    def _on_targets(self, reply: QNetworkReply) -> None:
        reply.deleteLater()
        if reply.error() != QNetworkReply.NetworkError.NoError:
            self._fail(f"DevTools endpoint on port {self._port}: {reply.errorString()}")
            return
        try:
            targets = json.loads(bytes(reply.readAll().data()).decode("utf-8"))
        except ValueError as exc:
            self._fail(f"DevTools endpoint sent invalid JSON: {exc}")
            return
        wanted = self._page.devToolsId()
        for target in targets:
            if target.get("id") == wanted and target.get("webSocketDebuggerUrl"):
                self._state = "connecting"
                self._socket.open(QUrl(target["webSocketDebuggerUrl"]))
                return
        # A page that has not loaded anything yet may not be listed: retry a few times.
        self._attempts += 1
        if self._attempts < 20:
            QTimer.singleShot(50, self._request_targets)
        else:
            self._fail(f"page {wanted} not among the DevTools targets")

    # -- socket -----------------------------------------------------------------------
    def _on_connected(self) -> None:
        self._state = "open"
        queued, self._queue = self._queue, []
        for method, params, callback in queued:
            self._send(method, params, callback)
        self.ready.emit()

    def _send(self, method: str, params: dict, callback: Callable[[dict], None] | None) -> None:
        message_id = self._next_id
        self._next_id += 1
        self._pending[message_id] = (method, callback)
        self._socket.sendTextMessage(json.dumps({"id": message_id, "method": method, "params": params}))

    def _on_message(self, text: str) -> None:
        message: dict[str, Any] = json.loads(text)
        message_id = message.get("id")
        if message_id is None:
            return  # an event; we subscribe to none
        method, callback = self._pending.pop(message_id, ("", None))
        if "error" in message:
            self.error.emit(method, str(message["error"].get("message", message["error"])))
        if callback is not None:
            callback(message.get("result", {}))

    def _fail(self, reason: str) -> None:
        if self._state == "failed":
            return
        self._state = "failed"
        self._queue.clear()
        self.failed.emit(reason)
