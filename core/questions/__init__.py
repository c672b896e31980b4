"""The question bank: what a page can ask the class before it shows the answer (see bank.py)."""
