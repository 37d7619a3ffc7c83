"""A fast local webhook receiver for the fan-out benchmark (its own process).

A small HTTP/1.1 server on asyncio with keep-alive. Every POST to ``/{afnemer_id}`` is
verified as Standard Webhooks with that afnemer's secret (bad signature: 401) and
counted per ``webhook-id``. ``GET /_stand`` answers the counts as JSON, ``GET /_totaal``
only their sum (cheap enough to poll).
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections import Counter

from standardwebhooks.webhooks import Webhook


class Ontvanger:
    def __init__(self, geheimen: dict[str, str]) -> None:
        self.webhooks = {afnemer: Webhook(geheim) for afnemer, geheim in geheimen.items()}
        self.per_id: Counter[str] = Counter()
        self.ongeldig = 0

    def verwerk(self, pad: str, headers: dict[str, str], body: bytes) -> int:
        webhook = self.webhooks.get(pad.strip("/"))
        if webhook is None:
            return 404
        try:
            webhook.verify(body, headers)
        except Exception:
            self.ongeldig += 1
            return 401
        self.per_id[headers["webhook-id"]] += 1
        return 204

    async def verbinding(self, reader: asyncio.StreamReader,
                         writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                kop = await reader.readuntil(b"\r\n\r\n")
                regels = kop.decode("latin-1").split("\r\n")
                methode, pad, _versie = regels[0].split(" ", 2)
                headers = {}
                for regel in regels[1:]:
                    if ":" in regel:
                        naam, waarde = regel.split(":", 1)
                        headers[naam.strip().lower()] = waarde.strip()
                body = await reader.readexactly(int(headers.get("content-length", 0)))
                if methode == "GET" and pad == "/_totaal":
                    antwoord = str(sum(self.per_id.values())).encode()
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                                 b"Content-Length: %d\r\n\r\n%s" % (len(antwoord), antwoord))
                elif methode == "GET" and pad == "/_stand":
                    inhoud = json.dumps({"perId": self.per_id, "ongeldig": self.ongeldig})
                    antwoord = inhoud.encode()
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 b"Content-Length: %d\r\n\r\n%s" % (len(antwoord), antwoord))
                else:
                    status = self.verwerk(pad, headers, body)
                    writer.write(b"HTTP/1.1 %d X\r\nContent-Length: 0\r\n\r\n" % status)
                await writer.drain()
                if headers.get("connection", "").lower() == "close":
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


async def _main(poort: int, geheimen: dict[str, str]) -> None:
    ontvanger = Ontvanger(geheimen)
    server = await asyncio.start_server(ontvanger.verbinding, "127.0.0.1", poort, backlog=512)
    print("klaar", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    # argv: port, file with {afnemer_id: secret}
    with open(sys.argv[2], encoding="utf-8") as f:
        asyncio.run(_main(int(sys.argv[1]), json.load(f)))
