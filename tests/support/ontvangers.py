"""Real receivers for the notification tests: an HTTP webhook receiver and an SMTP
server (aiosmtpd), both on free loopback ports."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller
from standardwebhooks import Webhook

from tests.support.oidc import free_port


@dataclass
class Ontvangen:
    pad: str
    headers: dict[str, str]
    body: bytes
    geldig: bool
    tijd: float = field(default_factory=time.monotonic)

    @property
    def json(self) -> dict:
        return json.loads(self.body)


class _StilleServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that dies mid-request (the crash test kills one) is no error here."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class WebhookOntvanger:
    """Records every POST; verifies the Standard Webhooks signature with ``geheimen``.

    ``antwoord`` decides the status per request (default 204); ``vertraging`` makes
    each request take that long (to catch a worker mid-batch).
    """

    def __init__(self) -> None:
        self.geheimen: dict[str, str] = {}  # path -> secret
        self.ontvangen: list[Ontvangen] = []
        self.antwoord: Callable[[Ontvangen], int] = lambda _o: 204
        self.vertraging = 0.0
        #: Sent as Retry-After with a 429 or 503, when set.
        self.retry_after: str | None = None
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802
                lengte = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(lengte)
                if len(body) < lengte:
                    # The sender died mid-request (the crash test kills it): an incomplete
                    # request is not a delivery, and no receiver would process it.
                    self.close_connection = True
                    return
                headers = {k.lower(): v for k, v in self.headers.items()}
                geheim = outer.geheimen.get(self.path)
                geldig = False
                if geheim:
                    try:
                        Webhook(geheim).verify(body, headers)
                        geldig = True
                    except Exception:
                        geldig = False
                ontvangen = Ontvangen(self.path, headers, body, geldig)
                if outer.vertraging:
                    time.sleep(outer.vertraging)
                with outer._lock:
                    outer.ontvangen.append(ontvangen)
                status = outer.antwoord(ontvangen)
                self.send_response(status)
                if outer.retry_after and status in (429, 503):
                    self.send_header("Retry-After", outer.retry_after)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = _StilleServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def voor(self, pad: str) -> list[Ontvangen]:
        with self._lock:
            return [o for o in self.ontvangen if o.pad == pad]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Postvak:
    def __init__(self) -> None:
        self.berichten: list[tuple[list[str], Message]] = []
        #: The client address (host, port) of the connection each message came over.
        self.verbindingen: list[tuple] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.verbindingen.append(tuple(session.peer))
        self.berichten.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 OK"


class SmtpOntvanger:
    def __init__(self) -> None:
        self.postvak = _Postvak()
        self.port = free_port()
        self.controller = Controller(self.postvak, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    @property
    def berichten(self) -> list[tuple[list[str], Message]]:
        return list(self.postvak.berichten)

    def aan(self, adres: str) -> list[Message]:
        return [m for to, m in self.berichten if adres in to]

    def close(self) -> None:
        self.controller.stop()

    def stop(self) -> None:
        """The server goes away (an outage); :meth:`start` brings it back, same port."""
        self.controller.stop()

    def start(self) -> None:
        self.controller = Controller(self.postvak, hostname="127.0.0.1", port=self.port)
        self.controller.start()
