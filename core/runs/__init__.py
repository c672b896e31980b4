"""Runs: settings, training jobs, each browser's run list, the run store and exports."""
