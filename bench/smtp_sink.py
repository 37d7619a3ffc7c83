"""A fast local SMTP sink for the fan-out benchmark (its own process).

Like ``bench/ontvanger.py`` for webhooks: the benchmark measures the worker, not the
mail server, and aiosmtpd's sink costs more CPU per mail than the worker spends on
building and sending it. This one speaks just enough SMTP on asyncio (EHLO/HELO,
MAIL, RCPT, DATA, RSET, NOOP, QUIT) and accepts every message without keeping it.
"""

from __future__ import annotations

import asyncio
import signal
import sys


class Sink:
    async def verbinding(self, reader: asyncio.StreamReader,
                         writer: asyncio.StreamWriter) -> None:
        writer.write(b"220 bench-sink ESMTP\r\n")
        try:
            while True:
                regel = await reader.readline()
                if not regel:
                    break
                opdracht = regel[:4].upper()
                if opdracht == b"DATA":
                    writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    await writer.drain()
                    await reader.readuntil(b"\r\n.\r\n")
                    writer.write(b"250 OK\r\n")
                elif opdracht == b"EHLO":
                    writer.write(b"250-bench-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                elif opdracht == b"QUIT":
                    writer.write(b"221 Bye\r\n")
                    await writer.drain()
                    break
                else:  # HELO, MAIL, RCPT, RSET, NOOP
                    writer.write(b"250 OK\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        finally:
            writer.close()


async def _main(poort: int) -> None:
    sink = Sink()
    server = await asyncio.start_server(sink.verbinding, "127.0.0.1", poort, backlog=512,
                                        limit=2**20)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(_main(int(sys.argv[1])))  # argv: port
