"""What the browser tests share: chromium's path and flags, the corpus, and the small steps
every test takes (ask a question and wait for the whole answer, measure boxes, save a
screenshot when NIANBAO_SCREENSHOTS=<folder> is set). The fixtures are in conftest.py."""

from __future__ import annotations

import os
import socket
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = os.environ.get("NIANBAO_SCREENSHOTS")
TIMEOUT = 30_000  # ms for an answer to arrive
PHONE = {"width": 390, "height": 844}
HOSTILE = ('<script>window.__nbxss=1</script><img src=x onerror="window.__nbxss=2">'
           "[点此领奖](http://evil.example/)**加粗**$x^2$${window.__nbxss=3}")
HONGZE_2023 = "淮安市洪泽区人民政府 2023年"
FIX_REASON = '结果维持10+结果纠正1，总计误印为0 <img src=x onerror="window.__nbxss=4">'


DESKTOP = {"width": 1400, "height": 1000}


def new_page(browser, phone: bool = False, **options):
    """(context, page): a fresh browser context — desktop, or a phone with touch — whose page
    waits up to TIMEOUT for anything; the caller closes the context."""
    size = dict(viewport=PHONE, is_mobile=True, has_touch=True) if phone else dict(viewport=DESKTOP)
    context = browser.new_context(locale="zh-CN", **size, **options)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    return context, page


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_turn(page, turn: int = 1) -> None:
    # The new bubble and the "looking for sources" panel arrive in one update, and the
    # panel says data-state="final" only with the last update of the answer (text whole,
    # page pictures drawn): so both together mean this turn is done.
    page.wait_for_function(
        "n => document.querySelectorAll('#nb-chat .nb-answer').length >= n"
        " && document.querySelector('#nb-sources .nb-sources[data-state=final] .nb-summary') !== null", arg=turn)
    page.wait_for_timeout(300)  # let the last streamed update settle


def ask(page, question: str, turn: int = 1):
    """Type a question, send it, wait until the sources panel shows the answer's summary."""
    page.fill("#nb-question textarea", question)
    page.click("#nb-send")
    wait_for_turn(page, turn)


def last_answer(page) -> str:
    return page.locator("#nb-chat .nb-answer").last.inner_text()


def shoot(page, name: str, full_page: bool = True) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(800)
        page.screenshot(path=str(Path(SHOTS) / name), full_page=full_page)


def inside(inner: dict, outer: dict, slack: float = 1.0) -> bool:
    """Whether bounding box ``inner`` lies within ``outer`` (Playwright boxes)."""
    return (inner["x"] >= outer["x"] - slack and inner["y"] >= outer["y"] - slack
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack)


def visible_box(page, selector: str) -> dict:
    """The part of the panel (or any scroller) on screen: its box clipped to the window."""
    return page.evaluate("""sel => { const r = document.querySelector(sel).getBoundingClientRect();
        const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, window.innerHeight);
        return {x: r.left, y: top, width: r.width, height: bottom - top}; }""", selector)


def card_in_view(page, key: int) -> bool:
    """Card ``key`` is on screen inside the panel: the whole card, or for a card taller
    than the panel its head and the cited cell (or passage)."""
    view = visible_box(page, "#nb-sources div.nb-sources")
    card = page.locator(f"#nb-src-{key}")
    box = card.bounding_box()
    if box is None:
        return False
    if box["height"] <= view["height"]:
        return inside(box, view)
    cited = card.locator("td.nb-hl, .nb-passage").first
    return all(inside(b, view) for b in (card.locator(".nb-card-head").bounding_box(), cited.bounding_box()))


def open_report_cell(page, cell_id: str):
    page.get_by_role("tab", name="年报").click()
    page.wait_for_function("() => document.querySelector('#nb-report-detail')?.innerText.includes('洪泽区')")
    page.locator(f'#nb-report-detail td[data-cell="{cell_id}"]').click()
    page.locator("#nb-cell-form").first.wait_for(state="visible")
    page.wait_for_function("id => document.querySelector('#nb-fix-info')?.innerText.includes(id)", arg=cell_id)
