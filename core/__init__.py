"""Classification Playground core: all maths, data and training logic. Never imports streamlit."""
