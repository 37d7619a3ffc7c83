# Shared set-up for scripts/serve and scripts/test (sourced, not run).
# Creates .venv with the project installed; idempotent and quiet when up to date.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"

ensure_apt() {
    # ensure_apt COMMAND PACKAGE...: install Debian packages when COMMAND is missing.
    local probe="$1"; shift
    if ! command -v "$probe" >/dev/null 2>&1 && ! compgen -G "$probe" >/dev/null; then
        echo "==> apt-get install $*"
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
    fi
}

ensure_venv() {
    # ensure_venv EXTRAS: .venv with `pip install -e .[EXTRAS]`, redone when pyproject changes.
    local extras="$1" stamp=".venv/.installed-$1"
    if [ ! -x .venv/bin/python ]; then
        echo "==> creating .venv"
        "$PYTHON" -m venv .venv
    fi
    # An install with more extras (test) serves one with fewer: after ./scripts/test,
    # ./scripts/serve does not reinstall the project into the same .venv.
    local other
    if [ -z "$extras" ] && [ ! -f "$stamp" ]; then
        for other in .venv/.installed-*; do
            [ -f "$other" ] && [ ! pyproject.toml -nt "$other" ] && stamp="$other" && break
        done
    fi
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        echo "==> pip install -e .${extras:+[$extras]}"
        .venv/bin/python -m pip install -q --upgrade pip
        .venv/bin/python -m pip install -q -e ".${extras:+[$extras]}"
        touch "$stamp"
    fi
}

ensure_examples() {
    # The example plugin packages under examples/, each installed into .venv as its own
    # distribution (`pip install -e examples/<name>`), redone when its pyproject changes.
    local dir name stamp
    for dir in examples/*/; do
        [ -f "${dir}pyproject.toml" ] || continue
        name="$(basename "$dir")"
        stamp=".venv/.installed-example-${name}"
        if [ ! -f "$stamp" ] || [ "${dir}pyproject.toml" -nt "$stamp" ]; then
            echo "==> pip install -e examples/${name}"
            .venv/bin/python -m pip install -q --no-deps -e "examples/${name}"
            touch "$stamp"
        fi
    done
}

ensure_npm() {
    # node_modules from package-lock.json (Spectral for the OpenAPI lint).
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
        echo "==> npm ci"
        npm ci --no-audit --no-fund --loglevel=error
    fi
}
