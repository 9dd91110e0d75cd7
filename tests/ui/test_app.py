"""app.py: binding, auth and upload limits from the settings; the Blocks build."""

from __future__ import annotations

import pytest

import app
from assistant.settings import Settings, UISettings


def test_defaults_bind_to_loopback_without_auth(tmp_path):
    options = app.launch_options(Settings(data_dir=tmp_path))
    assert options["server_name"] == "127.0.0.1" and options["server_port"] == 7860
    assert options["auth"] is None
    assert options["max_file_size"] == "50mb"


def test_auth_and_limits_follow_settings(tmp_path):
    settings = Settings(data_dir=tmp_path, ui=UISettings(host="0.0.0.0", port=8000, auth="admin:s:cret",
                                                          max_upload_mb=5))
    options = app.launch_options(settings)
    assert options["server_name"] == "0.0.0.0" and options["server_port"] == 8000
    assert options["auth"] == ("admin", "s:cret")
    assert options["max_file_size"] == "5mb"


@pytest.mark.parametrize("bad", ["nocolon", ":pass"])
def test_malformed_auth_is_refused(bad):
    with pytest.raises(ValueError):
        app.parse_auth(bad)


def test_env_reaches_the_launch_options(monkeypatch, tmp_path):
    monkeypatch.setenv("NIANBAO_AUTH", "u:p")
    monkeypatch.setenv("NIANBAO_PORT", "7999")
    options = app.launch_options(Settings.from_env(data_dir=tmp_path))
    assert options["auth"] == ("u", "p") and options["server_port"] == 7999


def test_build_over_the_corpus_has_every_tab_and_examples(corpus_library):
    from ui.blocks import example_questions

    demo = app.build(corpus_library.settings, corpus_library)
    labels = {getattr(b, "label", None) for b in demo.blocks.values()}
    assert {"问答", "年报", "对比", "上传", "评测"} <= labels
    questions = example_questions(corpus_library)
    assert questions[0] == "大宁县2020年行政许可处理决定数量是多少？" and len(questions) == 6


def test_examples_for_an_unknown_library_are_generated(tmp_path):
    from assistant.stores.library import Library
    from ui.blocks import example_questions

    library = Library(Settings(data_dir=tmp_path, embedder="hash"))
    assert example_questions(library) == ["本年新收政府信息公开申请多少件？"]


def test_served_app_requires_login_when_auth_is_set(corpus_library):
    import http.cookiejar
    import socket
    import urllib.error
    import urllib.parse
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = corpus_library.settings.model_copy(
        update={"ui": UISettings(host="127.0.0.1", port=port, auth="admin:pw")})
    demo = app.serve(settings, block=False, library=corpus_library)
    base = f"http://127.0.0.1:{port}"

    def status(opener, path, form=None):
        try:
            data = urllib.parse.urlencode(form).encode() if form else None
            return opener.open(base + path, data=data, timeout=10).status
        except urllib.error.HTTPError as exc:
            return exc.code

    try:
        browser = urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                              urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        assert status(browser, "/config") == 401
        assert status(browser, "/login", {"username": "admin", "password": "nope"}) == 400
        assert status(browser, "/login", {"username": "admin", "password": "pw"}) == 200
        assert status(browser, "/config") == 200
    finally:
        demo.close()
