"""The Gradio UI of 年报问答 (`nianbao serve`, or `python app.py`).

A thin adapter: the layout and handlers live in the ``ui`` package; this module opens
the library for the configured data dir and starts the server, bound to
``settings.ui.host`` (127.0.0.1 unless changed) with basic auth when ``settings.ui.auth``
is set.
"""

from __future__ import annotations

import os

from assistant.settings import Settings


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    """'user:pass' -> ('user', 'pass'); None or '' -> None. The password may contain ':'."""
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user:
        raise ValueError("NIANBAO_AUTH must be user:password")
    return user, password


def launch_options(settings: Settings) -> dict:
    """Keyword arguments for ``Blocks.launch`` from the settings.

    The page-region cache and the exports folder are the folders served by URL (behind
    the same login): the sources panel's pictures load lazily instead of riding inside its
    HTML, and the download buttons hand out files written under the data dir.
    """
    from ui.blocks import page_cache
    from ui.exports import export_dir
    from ui.style import CSS, HEAD, theme

    return dict(server_name=settings.ui.host, server_port=settings.ui.port, auth=parse_auth(settings.ui.auth),
                auth_message="年报问答：请登录" if settings.ui.auth else None,
                max_file_size=f"{settings.ui.max_upload_mb}mb", theme=theme(), css=CSS, head=HEAD,
                allowed_paths=[str(page_cache(settings)), str(export_dir(settings.data_dir))],
                ssr_mode=False, show_error=True, footer_links=["api"])


def build(settings: Settings, library=None):
    """The app's Blocks over ``library`` (opened from settings when not given)."""
    import threading

    from assistant.stores.library import Library
    from ui.blocks import App
    from ui.blocks import build as build_blocks

    library = library or Library(settings)
    library.check_embedder()
    threading.Thread(target=library.warm_up, daemon=True, name="warm-up").start()
    return build_blocks(App(library))


def serve(settings: Settings, *, block: bool = True, library=None):
    """Start the app. With ``block=False`` the server runs in a background thread and the
    Blocks are returned (call ``.close()`` to stop it)."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    demo = build(settings, library)
    demo.queue(default_concurrency_limit=4)
    demo.launch(prevent_thread_lock=not block, **launch_options(settings))
    return demo


if __name__ == "__main__":
    import sys

    from assistant.stores.store import StoreError

    try:
        serve(Settings.from_env())
    except StoreError as exc:   # e.g. an index built with another embedder: say what to do
        sys.exit(f"nianbao: {exc}")
