#!/usr/bin/env bash
# The two commands of the README:
#   ./dev.sh start   set up, then run the bot (BOT_TOKEN in .env) or, without a token, the offline demo
#   ./dev.sh test    set up, then run every check: ruff, mypy, locales, pytest (SQLite + PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
PY="$VENV/bin/python"

setup() {
    if [ ! -x "$PY" ]; then
        python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
            echo "Python 3.11 or newer is needed (found $(python3 --version 2>&1))." >&2
            exit 1
        }
        python3 -m venv "$VENV"
    fi
    # Install only when the lock file changed since the last install.
    if [ ! -f "$VENV/.installed" ] || [ requirements.lock -nt "$VENV/.installed" ] || [ pyproject.toml -nt "$VENV/.installed" ]; then
        "$PY" -m pip install --quiet --disable-pip-version-check -r requirements.lock
        "$PY" -m pip install --quiet --disable-pip-version-check --no-deps -e .
        touch "$VENV/.installed"
    fi
}

has_token() {
    [ -n "${BOT_TOKEN:-}" ] && return 0
    [ -f .env ] && grep -Eq '^BOT_TOKEN=.+' .env
}

case "${1:-}" in
    start)
        setup
        if has_token; then
            exec "$VENV/bin/mediation-bot" run
        fi
        echo "No BOT_TOKEN set (see .env.example): running the offline demo instead."
        exec "$VENV/bin/mediation-bot" demo
        ;;
    test)
        setup
        "$VENV/bin/ruff" format --check .
        "$VENV/bin/ruff" check .
        "$VENV/bin/mypy"
        "$VENV/bin/mediation-bot" locales-check
        shift
        exec "$VENV/bin/pytest" -p no:cacheprovider "$@"
        ;;
    *)
        echo "usage: ./dev.sh start | test [pytest arguments]" >&2
        exit 2
        ;;
esac
