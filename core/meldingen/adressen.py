"""Where a webhook may go: outside development, only to public addresses.

An afnemer chooses the URL, and the worker connects from inside Logius' network. Left
alone, that makes the worker a way in: to the cloud's metadata service
(``169.254.169.254``), to internal hosts (``10.0.0.1``, ``192.168.0.1``, ``[fd00::1]``),
to the machine itself (``127.0.0.1``, ``2130706433``, ``0.0.0.0``, a name that resolves to
loopback). So, outside development:

- at registration, the host must resolve, and only to public addresses
  (:func:`niet_publiek`);
- at every delivery, the address the worker actually connected to is checked again
  (:class:`PubliekePool`), so a name that resolves elsewhere later (DNS rebinding) still
  reaches nothing internal. Redirects are never followed (``redirect=False``).

In development a webhook may point at ``localhost`` over plain http, to try a receiver
on one's own machine; nothing else changes there.
"""

from __future__ import annotations

import ipaddress
import socket

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError

IpAdres = ipaddress.IPv4Address | ipaddress.IPv6Address


def publiek(adres: IpAdres) -> bool:
    """Whether an address is on the public internet (not private, loopback, link-local,
    shared, reserved, multicast or unspecified), also written as IPv4 in IPv6."""
    if isinstance(adres, ipaddress.IPv6Address) and adres.ipv4_mapped is not None:
        adres = adres.ipv4_mapped
    return adres.is_global and not adres.is_multicast


def adressen(host: str) -> set[IpAdres]:
    """Every address ``host`` resolves to, as the system's resolver gives them (which
    also reads ``2130706433`` or ``0x7f.1`` as 127.0.0.1)."""
    infos = socket.getaddrinfo(host.strip("[]"), None, proto=socket.IPPROTO_TCP)
    return {ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos}


def niet_publiek(host: str) -> str | None:
    """Why ``host`` may not receive webhooks (outside development), or ``None``."""
    try:
        gevonden = adressen(host)
    except (OSError, UnicodeError, ValueError):
        return "De host bestaat niet (geen DNS-antwoord)."
    intern = sorted(str(a) for a in gevonden if not publiek(a))
    if intern or not gevonden:
        return ("Een webhook gaat alleen naar een publiek adres; deze host wijst naar "
                f"{', '.join(intern) or 'geen adres'}.")
    return None


class NietPubliek(NewConnectionError):
    """The connection reached an address that is not public; nothing was sent."""


def _controleer(conn: HTTPConnection, sock: socket.socket) -> socket.socket:
    adres = ipaddress.ip_address(str(sock.getpeername()[0]).split("%", 1)[0])
    if not publiek(adres):
        sock.close()
        raise NietPubliek(conn, f"verbinding met {adres} geweigerd: geen publiek adres")
    return sock


class _PubliekHttp(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _controleer(self, super()._new_conn())


class _PubliekHttps(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _controleer(self, super()._new_conn())


class _PubliekHttpPool(HTTPConnectionPool):
    ConnectionCls = _PubliekHttp


class _PubliekHttpsPool(HTTPSConnectionPool):
    ConnectionCls = _PubliekHttps


def publieke_pool(**opties) -> urllib3.PoolManager:
    """A pool manager whose every connection is checked after connecting, before a byte
    of the request goes out: an address that is not public ends it (:class:`NietPubliek`)."""
    pool = urllib3.PoolManager(**opties)
    pool.pool_classes_by_scheme = {"http": _PubliekHttpPool, "https": _PubliekHttpsPool}
    return pool
