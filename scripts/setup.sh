# Sourced by run.sh and test.sh: create .venv (once) and install the pinned requirements into it.
# Usage: . scripts/setup.sh requirements.txt|requirements-dev.txt
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
req=${1:-requirements.txt}
py=${PYTHON:-python3}
"$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "Python >= 3.11 is needed ($("$py" --version 2>&1) found); set PYTHON=/path/to/python3.11+" >&2; exit 1; }
[ -x .venv/bin/python ] || "$py" -m venv .venv
# Reinstall only when the requirement files changed since the last successful install (never with
# PLAYGROUND_NO_INSTALL=1: .venv as it is, on a machine without internet).
stamp=.venv/.installed-$(cat requirements.txt "$req" | sha1sum | cut -c1-12)
if [ ! -f "$stamp" ] && [ -z "${PLAYGROUND_NO_INSTALL:-}" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req"
  touch "$stamp"
fi
# Compile the NumPy network's inner loop now (cached on disk) rather than on the first Train click.
.venv/bin/python -c 'from core.engines.network import warm_up; warm_up()'
