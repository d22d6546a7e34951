#!/usr/bin/env bash
# Campaign Studio set-up: idempotent, for a fresh Debian 12 machine (run as root, or with sudo).
#   bash setup.sh app        set everything up, then open the app on the sample workspace
#   bash setup.sh test       set everything up, then run the whole test suite headless
# Anything after the verb is passed on (to the app, or to pytest).
set -euo pipefail
cd "$(dirname "$0")"

verb="${1:-}"
[ $# -gt 0 ] && shift
case "$verb" in
  app|test) ;;
  *) echo "usage: bash setup.sh app|test [ARGS...]" >&2; exit 2 ;;
esac

# Debian libraries Qt and Qt WebEngine need (offscreen and real windows), and Xvfb.
DEBS="libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfreetype6 libfontconfig1 libdbus-1-3 fonts-dejavu-core
      libnss3 libnspr4 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libasound2 libxkbfile1
      xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0"
python3 -c "import ensurepip, venv" 2>/dev/null || DEBS="$DEBS python3-venv"
command -v python3 >/dev/null || DEBS="$DEBS python3 python3-venv"
missing=""
for pkg in $DEBS; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  echo "Installing Debian packages:$missing"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The virtualenv, reinstalled only when pyproject.toml changes.
[ -x .venv/bin/python ] || python3 -m venv .venv
stamp=".venv/.campaign-studio-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "Installing Python packages into .venv (log: .venv/install.log)"
  if ! { .venv/bin/python -m pip install --upgrade pip && .venv/bin/python -m pip install -e ".[test]"; } >.venv/install.log 2>&1; then
    tail -30 .venv/install.log >&2
    echo "Installing the Python packages failed; the whole log is in .venv/install.log" >&2
    exit 1
  fi
  rm -f .venv/.campaign-studio-*
  touch "$stamp"
fi

if [ "$(id -u)" -eq 0 ]; then export QTWEBENGINE_DISABLE_SANDBOX=1; fi

if [ "$verb" = test ]; then
  export QT_QPA_PLATFORM=offscreen
  exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
fi

# app: the sample workspace lives beside the checkout and is created on first open.
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: opening the app on a virtual screen (Xvfb)." >&2
  exec xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python main.py --workspace sample.db "$@"
fi
exec .venv/bin/python main.py --workspace sample.db "$@"
