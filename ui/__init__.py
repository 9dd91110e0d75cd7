"""The Gradio app's parts: one module per tab or panel (app.py puts them together)."""
