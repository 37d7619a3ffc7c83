"""Clients generated from the served document, as an integrator would generate them.

- :func:`python_client`: ``openapi-python-client`` into a folder of its own, imported
  under a package name per backend (two sessions in one test run do not share one);
- :func:`typescript_client`: ``@hey-api/openapi-ts`` with its fetch client, and
  :func:`tsc`, the TypeScript compiler with ``--strict`` over it and a file of ours.

Nothing here talks to the API: the document is read once over plain HTTP (a client
cannot be generated from a document it has not got yet), and everything after goes
through the generated code.
"""

from __future__ import annotations

import importlib
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[2]
OPENAPI_PYTHON_CLIENT = Path(sys.executable).with_name("openapi-python-client")
NODE_BIN = ROOT / "node_modules" / ".bin"
METHODS = ("get", "post", "put", "patch", "delete")

#: What openapi-python-client warns about that is its own limit, not a fault of the
#: document: it generates no request body for ``text/csv`` (the JSON body of the same
#: operation is generated, so the operation stays usable).
GENERATOR_LIMITS = (re.compile(r"Unsupported content type text/csv"),)


def document(api: str, folder: Path) -> tuple[dict[str, Any], Path]:
    response = requests.get(f"{api}/openapi.json", timeout=30)
    response.raise_for_status()
    path = folder / "openapi.json"
    path.write_text(response.text)
    return response.json(), path


def snake(operation_id: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", operation_id).lower()


def operations(doc: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """operationId -> (method, path, operation) for every operation of the document."""
    found = {}
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                found[item[method].get("operationId", f"<{method} {path}>")] = (
                    method, path, item[method])
    return found


@dataclass
class PythonClient:
    """The generated package, its operations by operationId, and the document."""

    package: ModuleType
    doc: dict[str, Any]
    warnings: list[str]
    modules: dict[str, ModuleType] = field(default_factory=dict)

    @property
    def models(self) -> ModuleType:
        return importlib.import_module(f"{self.package.__name__}.models")

    @property
    def errors(self) -> ModuleType:
        return importlib.import_module(f"{self.package.__name__}.errors")

    def op(self, operation_id: str) -> ModuleType:
        """The module of one operation, by its operationId (the contract's name for it)."""
        assert operation_id in operations(self.doc), f"no operation {operation_id} in the document"
        assert operation_id in self.modules, (
            f"{operation_id}: the generated client has no module {snake(operation_id)} "
            f"(generator warnings: {self.warnings})")
        return self.modules[operation_id]

    def client(self, base_url: str, token: str | None):
        klass = self.package.AuthenticatedClient if token else self.package.Client
        kwargs = {"token": token} if token else {}
        return klass(base_url=base_url, raise_on_unexpected_status=True, timeout=30.0,
                     **kwargs)

    def declared_headers(self, operation_id: str, status: int) -> dict[str, Any]:
        """The response headers the document declares for one status of an operation."""
        _method, _path, operation = operations(self.doc)[operation_id]
        response = operation["responses"].get(str(status)) or {}
        if "$ref" in response:
            response = self.doc["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
        return {name.lower(): spec for name, spec in (response.get("headers") or {}).items()}


def python_client(doc: dict[str, Any], doc_path: Path, folder: Path,
                  package: str) -> PythonClient:
    config = folder / "openapi-python-client.json"
    # The generator reads text/* bodies as text and knows no other XML type: the Atom feed
    # of a status page is read as the text it is, as an integrator would configure it.
    config.write_text(json.dumps({"post_hooks": [], "package_name_override": package,
                                  "project_name_override": package,
                                  "content_type_overrides": {
                                      "application/atom+xml": "text/xml"}}))
    output = folder / package
    shutil.rmtree(output, ignore_errors=True)
    result = subprocess.run(
        [str(OPENAPI_PYTHON_CLIENT), "generate", "--path", str(doc_path), "--output-path",
         str(output), "--meta", "none", "--config", str(config)],
        check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = _warnings(result.stdout + result.stderr)
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
    pkg = importlib.import_module(package)
    client = PythonClient(package=pkg, doc=doc, warnings=warnings)
    by_stem = {}
    for module_path in sorted((output / "api").glob("*/*.py")):
        if module_path.stem != "__init__":
            by_stem[module_path.stem] = (
                f"{package}.api.{module_path.parent.name}.{module_path.stem}")
    for operation_id in operations(doc):
        if snake(operation_id) in by_stem:
            client.modules[operation_id] = importlib.import_module(by_stem[snake(operation_id)])
    return client


def _warnings(output: str) -> list[str]:
    """The generator's warnings, one block each, without those of :data:`GENERATOR_LIMITS`."""
    if "Warning(s) encountered" not in output:
        return []
    body = output.split("Warning(s) encountered", 1)[1]
    body = body.split("If you believe this was a mistake")[0]
    blocks = [b.strip() for b in re.split(r"\n(?=WARNING|ERROR|Unable|Cannot)", body)[1:]]
    return [b for b in blocks if b and not any(limit.search(b) for limit in GENERATOR_LIMITS)]


def typescript_client(doc_path: Path, folder: Path) -> Path:
    """``@hey-api/openapi-ts`` with the fetch client into ``folder/client``."""
    output = folder / "client"
    shutil.rmtree(output, ignore_errors=True)
    result = subprocess.run(
        [str(NODE_BIN / "openapi-ts"), "--input", str(doc_path), "--output", str(output),
         "--plugins", "@hey-api/client-fetch", "@hey-api/typescript", "@hey-api/sdk",
         "--no-log-file"],
        check=False, capture_output=True, text=True, timeout=120, cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "sdk.gen.ts").exists(), result.stdout + result.stderr
    return output


def tsc(folder: Path, *sources: Path) -> subprocess.CompletedProcess:
    """``tsc --strict --noEmit`` over the generated client and ``sources`` (copied beside it)."""
    for source in sources:
        shutil.copy(source, folder / source.name)
    (folder / "tsconfig.json").write_text(json.dumps({
        "compilerOptions": {
            "strict": True, "noEmit": True, "target": "ES2022", "module": "ESNext",
            "moduleResolution": "Bundler", "lib": ["ES2022", "DOM", "DOM.Iterable"],
            "types": [], "noUnusedLocals": False, "exactOptionalPropertyTypes": False,
            "skipLibCheck": False,
        },
        "include": ["client/**/*.ts", *(source.name for source in sources)],
    }))
    return subprocess.run([str(NODE_BIN / "tsc"), "--project", "tsconfig.json", "--strict",
                           "--noEmit", "--pretty", "false"],
                          check=False, capture_output=True, text=True, timeout=300,
                          cwd=folder)
