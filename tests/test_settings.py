"""Every setting is documented in README, and env vars are read at call time."""

from pathlib import Path

from assistant.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _fields(model, prefix=""):
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if hasattr(type(value), "model_fields"):
            yield from _fields(value, f"{prefix}{name}.")
        else:
            assert info.description, f"{prefix}{name} has no description"
            yield prefix + name


def test_every_setting_is_in_the_readme():
    missing = [f for f in _fields(Settings()) if f"`{f}`" not in README]
    assert missing == []


def test_environment_is_read_when_asked(monkeypatch, tmp_path):
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", "http://127.0.0.1:1/v1")
    settings = Settings.from_env()
    assert settings.data_dir == tmp_path and settings.llm.base_url == "http://127.0.0.1:1/v1"
    assert Settings.from_env(data_dir=Path("elsewhere")).data_dir == Path("elsewhere")
