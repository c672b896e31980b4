#!/usr/bin/env bash
# Install everything (system packages too when run as root with apt) and run the whole test suite.
# Extra arguments go to pytest, e.g. -k softmax or tests/test_activations.py.
. "$(dirname "$0")/setup.sh" requirements-dev.txt
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
   && ! dpkg -s dataset-fashion-mnist chromium fonts-noto-cjk >/dev/null 2>&1; then
  # The real data set, the browser for the end-to-end tests, and Korean fonts for its screenshots.
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q dataset-fashion-mnist chromium fonts-noto-cjk
fi
set +e
.venv/bin/python -m pytest "$@"
rc=$?
# pytest exits 5 when it collected no test: that is a failure here, not a pass.
[ "$rc" = 5 ] && echo "no tests were collected" >&2
exit "$rc"
