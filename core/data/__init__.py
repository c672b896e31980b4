"""Data sets: Fashion-MNIST and the digits, and the explorers' toy data."""
