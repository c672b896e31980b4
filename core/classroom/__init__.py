"""Who a browser is, the teacher key, and per-student limits."""
