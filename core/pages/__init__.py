"""Each page's own helpers (plain values in, plain values out)."""
