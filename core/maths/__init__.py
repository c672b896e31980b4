"""The maths the explorers teach and the engines train with: activations, losses, metrics."""
