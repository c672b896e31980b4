"""Engines: the NumPy network, its compiled kernels and the Keras twin (loaded lazily)."""
