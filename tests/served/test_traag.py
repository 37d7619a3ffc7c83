"""Slow clients, as deployed: connections that trickle their request headers a byte at a
time (slowloris) do not block the API. Before, gunicorn's sync workers held one such
connection each, and as many slow connections as workers blocked every other client
until they gave up. Real sockets against ``afnemersportaal serve`` on both backends.
"""

from __future__ import annotations

import socket
import threading
import time
from urllib.parse import urlsplit

from tests.served.conftest import WORKERS, Served


def _traag(host: str, port: int, stop: threading.Event, gestart: threading.Barrier) -> None:
    """Open a connection and send a header line every half second until told to stop."""
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(f"GET /api/v1/diensten HTTP/1.1\r\nHost: {host}\r\n".encode())
        gestart.wait()
        i = 0
        while not stop.is_set():
            try:
                sock.sendall(f"X-Traag-{i}: a\r\n".encode())
            except OSError:
                return  # the server dropped us: also fine, it is not blocked
            i += 1
            stop.wait(0.5)


def test_slow_connections_do_not_block_other_clients(served: Served):
    """One slow connection more than there are worker processes; meanwhile ten ordinary
    requests are each answered (a sync worker per slow client left none for them)."""
    adres = urlsplit(served.base)
    stop = threading.Event()
    gestart = threading.Barrier(WORKERS + 2)
    traag = [threading.Thread(target=_traag, args=(adres.hostname, adres.port, stop, gestart),
                              daemon=True) for _ in range(WORKERS + 1)]
    for thread in traag:
        thread.start()
    gestart.wait(timeout=10)
    try:
        time.sleep(1)  # every slow connection has been accepted and is trickling
        for _ in range(10):
            response = served.get("/diensten", served.afnemer_token, timeout=5)
            assert response.status_code == 200
        assert all(thread.is_alive() for thread in traag), "the slow clients stopped early"
    finally:
        stop.set()
        for thread in traag:
            thread.join(timeout=5)
