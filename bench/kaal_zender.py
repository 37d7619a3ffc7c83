"""The baseline of the fan-out benchmark: signed POSTs straight to the receiver.

Each process sends its share of messages with the same thread count, HTTP client (one
shared urllib3 pool) and Standard Webhooks signing as the worker, but without the
outbox: no claim, no database, no bookkeeping, no e-mail. That is the floor the worker
is compared with.

argv: base URL, file with {afnemer_id: secret}, number of messages, threads, offset.
"""

from __future__ import annotations

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import urllib3
from standardwebhooks.webhooks import Webhook


def main() -> None:
    basis, geheimen_pad, aantal, threads, begin = (sys.argv[1], sys.argv[2], int(sys.argv[3]),
                                                   int(sys.argv[4]), int(sys.argv[5]))
    with open(geheimen_pad, encoding="utf-8") as f:
        geheimen = list(json.load(f).items())

    def stuur(i: int) -> None:
        afnemer, geheim = geheimen[i % len(geheimen)]
        body = json.dumps({"type": "kaal", "timestamp": datetime.now(UTC).isoformat(),
                           "data": {"i": i}}, separators=(",", ":"))
        msg_id = f"kaal_{i}"
        nu = datetime.fromtimestamp(int(time.time()), UTC)
        response = http.request(
            "POST", f"{basis}/{afnemer}", body=body.encode(), redirect=False, retries=False,
            timeout=urllib3.Timeout(connect=10, read=10),
            headers={"Content-Type": "application/json", "webhook-id": msg_id,
                     "webhook-timestamp": str(int(nu.timestamp())),
                     "webhook-signature": Webhook(geheim).sign(msg_id, nu, body)})
        if not 200 <= response.status < 300:
            raise RuntimeError(f"HTTP {response.status}")

    http = urllib3.PoolManager(maxsize=threads)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        start = time.perf_counter()
        list(pool.map(stuur, range(begin, begin + aantal)))
        print(f"{time.perf_counter() - start:.6f}", flush=True)  # sending only, no start-up


if __name__ == "__main__":
    main()
