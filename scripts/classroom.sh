#!/usr/bin/env bash
# The classroom server: installs like run.sh, then serves the class on this machine's network at port 8501
# with at most 2 training runs at once, and a teacher key. Without $PLAYGROUND_TEACHER_KEY it makes one
# (10 letters and digits that cannot be mistaken for each other) and prints it in a box before Streamlit
# starts; a key you set is kept and never printed. Extra arguments go to `streamlit run` and win over these,
# e.g. --server.port 8080. PLAYGROUND_NO_INSTALL=1 starts from .venv as it is (a machine without internet).
. "$(dirname "$0")/setup.sh" requirements.txt
export PLAYGROUND_MAX_JOBS=${PLAYGROUND_MAX_JOBS:-2}
if [ -z "${PLAYGROUND_TEACHER_KEY:-}" ]; then
  PLAYGROUND_TEACHER_KEY=$(.venv/bin/python -c \
    'import secrets; print("".join(secrets.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(10)))')
  export PLAYGROUND_TEACHER_KEY
  line=+--------------------------------------------------------------+
  printf '\n  %s\n' "$line"
  printf '  | %-60s |\n' "Teacher key for this session:  $PLAYGROUND_TEACHER_KEY" "" \
    "Type it in the sidebar's \"Teacher tools\" to unlock them." \
    "Set PLAYGROUND_TEACHER_KEY to choose your own next time."
  printf '  %s\n\n' "$line"
fi
exec .venv/bin/python -m streamlit run app.py --server.address 0.0.0.0 --server.port 8501 "$@"
