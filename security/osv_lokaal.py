"""A local OSV query service over the advisories in ``security/advisories/``.

``pip-audit`` asks a vulnerability service about every installed package. Neither the
PyPI vulnerability data nor the public OSV API can be reached from the machines this
project is built on (only a package mirror can), so CI points ``pip-audit --osv-url``
at this server instead: it answers ``POST /v1/query`` the way OSV does, from the
OSV-format files in the directory it is given.

    python security/osv_lokaal.py [--port 0] [--map security/advisories]

prints ``http://127.0.0.1:<port>/v1/query`` and serves until stopped. Where the
public OSV API is reachable, run ``pip-audit -s osv`` without ``--osv-url`` as well.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from packaging.version import InvalidVersion, Version

MAP = Path(__file__).resolve().parent / "advisories"


def _naam(naam: str) -> str:
    return re.sub(r"[-_.]+", "-", naam).lower()


def laad(map_: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(map_.glob("*.json"))]


def _getroffen(bereik: dict, versie: Version) -> bool:
    """Whether ``versie`` falls in an OSV ECOSYSTEM range (introduced/fixed events)."""
    getroffen = False
    for gebeurtenis in bereik.get("events", []):  # in version order, as OSV lists them
        if "introduced" in gebeurtenis:
            getroffen = versie >= Version(gebeurtenis["introduced"])
        elif "fixed" in gebeurtenis and versie >= Version(gebeurtenis["fixed"]):
            getroffen = False
    return getroffen


def zoek(adviezen: list[dict], pakket: str, versie: str) -> list[dict]:
    try:
        v = Version(versie)
    except InvalidVersion:
        return []
    gevonden = []
    for advies in adviezen:
        for getroffen in advies.get("affected", []):
            if getroffen.get("package", {}).get("ecosystem") != "PyPI":
                continue
            if _naam(getroffen["package"]["name"]) != _naam(pakket):
                continue
            if versie in getroffen.get("versions", []) or any(
                    _getroffen(b, v) for b in getroffen.get("ranges", [])
                    if b.get("type") == "ECOSYSTEM"):
                gevonden.append(advies)
                break
    return gevonden


def server(adviezen: list[dict], port: int = 0) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server interface
            lengte = int(self.headers.get("Content-Length") or 0)
            vraag = json.loads(self.rfile.read(lengte) or b"{}")
            pakket = vraag.get("package", {})
            antwoord = {"vulns": zoek(adviezen, pakket.get("name", ""),
                                      vraag.get("version", ""))}
            body = json.dumps(antwoord).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args):
            pass

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--map", type=Path, default=MAP)
    args = parser.parse_args()
    http = server(laad(args.map), args.port)
    print(f"http://127.0.0.1:{http.server_address[1]}/v1/query", flush=True)
    try:
        http.serve_forever()
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
