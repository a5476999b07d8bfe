"""Adapters: thin layers (HTTP API, Gradio UI, WeCom) that only call `Assistant`."""
