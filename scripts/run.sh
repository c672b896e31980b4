#!/usr/bin/env bash
# Install everything into .venv (no root needed) and launch the app on http://localhost:8501 (this machine
# only: .streamlit/config.toml sets server.address = 127.0.0.1).
# Extra arguments go to `streamlit run`, e.g. --server.address 0.0.0.0 --server.port 8080.
. "$(dirname "$0")/setup.sh" requirements.txt
exec .venv/bin/python -m streamlit run app.py "$@"
