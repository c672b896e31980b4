#!/usr/bin/env bash
# Install everything into .venv (no root needed) and launch the app on http://localhost:8501.
# Extra arguments go to `streamlit run`, e.g. --server.address 0.0.0.0 --server.port 8080.
. "$(dirname "$0")/setup.sh" requirements.txt
exec .venv/bin/python -m streamlit run app.py "$@"
