"""Fixtures of the browser tests: Debian's chromium driven by Playwright, and the app served
in a background thread on 127.0.0.1 over a data dir ingested with the hash embedder.

Installs nothing (scripts/install-browser.sh does, from `make test`); skips with the reason
when chromium or the playwright package is missing."""

from __future__ import annotations

import pytest

from tests.ui.browser import CHROMIUM, CHROMIUM_ARGS, CORPUS, TIMEOUT, free_port, new_page


@pytest.fixture(scope="module")
def sync_api():
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: run scripts/install-browser.sh (as root) to install Debian's chromium")
    try:
        from playwright import sync_api
    except ImportError:
        pytest.skip("the playwright Python package is not installed (pip install playwright; "
                    "never `playwright install`: the test uses /usr/bin/chromium)")
    return sync_api


@pytest.fixture(scope="module")
def server(sync_api, tmp_path_factory):
    """The app over a freshly ingested corpus; yields its URL."""
    if not CORPUS.exists():
        pytest.skip(f"no shared corpus at {CORPUS}")
    import app
    from assistant.settings import Settings, UISettings
    from assistant.stores.library import Library
    from ingest.pipeline import ingest_paths

    settings = Settings(data_dir=tmp_path_factory.mktemp("ui-data"), embedder="hash",
                        ui=UISettings(host="127.0.0.1", port=free_port()))
    library = Library(settings)
    failed = [r.line() for r in ingest_paths(library, [CORPUS]) if r.status == "failed"]
    assert failed == []
    demo = app.serve(settings, block=False, library=library)
    try:
        yield f"http://127.0.0.1:{settings.ui.port}/"
    finally:
        demo.close()


@pytest.fixture(scope="module")
def browser(sync_api):
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def desktop(browser):
    """One desktop context a module: its pages share the HTTP cache (the app's scripts load
    once), while each page is its own app session (chat, sources, state)."""
    context, first = new_page(browser)
    first.close()
    yield context
    context.close()


@pytest.fixture()
def page(desktop, server):
    page = desktop.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(server, wait_until="domcontentloaded")
    page.wait_for_selector("#nb-question textarea")
    yield page
    page.close()


@pytest.fixture(scope="module")
def editable_server(sync_api, tmp_path_factory):
    """The app over 洪泽区 2023 alone, anonymous corrections allowed (its own data dir:
    the corrections made here never reach the other tests' answers)."""
    pdf = CORPUS / "real" / "kiro__hzq2023_working.pdf"
    if not pdf.exists():
        pytest.skip(f"no {pdf}")
    import app
    from assistant.settings import Settings, UISettings
    from assistant.stores.library import Library
    from ingest.pipeline import ingest_paths

    settings = Settings(data_dir=tmp_path_factory.mktemp("ui-edit-data"), embedder="hash",
                        ui=UISettings(host="127.0.0.1", port=free_port(), allow_anonymous_corrections=True))
    library = Library(settings)
    assert [r.status for r in ingest_paths(library, [pdf])] == ["added"]
    demo = app.serve(settings, block=False, library=library)
    try:
        yield f"http://127.0.0.1:{settings.ui.port}/", library
    finally:
        demo.close()
