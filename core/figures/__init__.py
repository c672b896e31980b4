"""Plotly figure builders: arrays and dicts in, ``go.Figure`` out; never a model object.

One module per page topic; shared look in :mod:`core.figures.style`.
"""
