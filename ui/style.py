"""Look of the app: a theme with local fonts only (the app must not fetch web fonts) and CSS."""

from __future__ import annotations

FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"]
MONO = ["ui-monospace", "SFMono-Regular", "Menlo", "monospace"]


def theme():
    import gradio as gr

    return gr.themes.Soft(primary_hue="blue", neutral_hue="slate", font=FONTS, font_mono=MONO)


CSS = """
.nb-header h1 { font-size: 1.5rem; margin: 0; }
.nb-header p { margin: .2rem 0 0; color: var(--body-text-color-subdued); }
.nb-answer { line-height: 1.7; }
.nb-id { color: #94a3b8; font-size: 0.78em; font-family: monospace; }
.nb-understood { color: #475569; font-size: 0.88em; border-left: 3px solid #94a3b8; padding-left: 6px; margin-bottom: 4px; }
.nb-cite { color: #1d4ed8; font-weight: 600; cursor: pointer; margin-left: 1px; border-radius: 3px; }
.nb-cite:hover { background: #dbeafe; text-decoration: underline; }
div.nb-sources { max-height: 900px; overflow-y: auto; padding-right: .3rem; scroll-behavior: auto; }
.nb-sources, .nb-empty { font-size: .92rem; line-height: 1.6; }
.nb-empty { color: var(--body-text-color-subdued); padding: .8rem; border: 1px dashed var(--border-color-primary);
            border-radius: 8px; }
.nb-summary { padding: .5rem .7rem; background: var(--background-fill-secondary); border-radius: 8px;
              margin-bottom: .6rem; }
.nb-value { font-size: 1.15rem; font-weight: 700; margin: 0 .4rem; }
.nb-formula, .nb-note { margin-top: .25rem; font-size: .86rem; }
.nb-note { color: #b45309; }
.nb-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .6rem .7rem;
           margin-bottom: .6rem; background: var(--background-fill-primary); }
.nb-card-head { margin-bottom: .35rem; }
.nb-key { color: #1d4ed8; font-weight: 700; }
.nb-file { color: var(--body-text-color-subdued); font-size: .85rem; }
.nb-cellname { font-size: .88rem; margin-bottom: .3rem; }
.nb-cellname code, .nb-finding code { font-size: .78rem; color: var(--body-text-color-subdued); }
.nb-passage, .nb-context { white-space: normal; background: var(--background-fill-secondary);
                           padding: .45rem .6rem; border-radius: 6px; font-size: .9rem; }
.nb-context { margin-top: .4rem; font-size: .85rem; }
mark.nb-support { background: #fde68a; color: inherit; padding: 0 1px; border-radius: 2px; }
mark.nb-cell-mark { background: #fca5a5; color: inherit; font-weight: 700; }
.nb-table { border-collapse: collapse; margin: .3rem 0; font-size: .82rem; width: auto; }
.nb-table th, .nb-table td { border: 1px solid var(--border-color-primary); padding: .15rem .4rem;
                             text-align: center; white-space: nowrap; }
.nb-table th { background: var(--background-fill-secondary); font-weight: 600; }
.nb-table th.nb-rowlabel { text-align: left; white-space: normal; min-width: 7em; max-width: 18em; }
.nb-rowwrap { overflow-x: auto; max-width: 100%; }
.nb-num { font-variant-numeric: tabular-nums; }
td.nb-hl { background: #fde047 !important; outline: 2px solid #dc2626; font-weight: 700; }
td.nb-inferred { color: #1d4ed8; font-style: italic; }
td.nb-ambiguous { background: #fee2e2; }
td.nb-blank, td.nb-missing { color: #94a3b8; }
td.nb-flagged { box-shadow: inset 0 0 0 2px #dc2626; }
.nb-rawline { font-size: .88rem; margin-top: .3rem; }
.nb-raw { font-family: var(--font-mono); background: var(--background-fill-secondary); padding: 0 .3rem; }
.nb-badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 999px;
            background: #e2e8f0; color: #334155; }
.nb-route { background: #dbeafe; color: #1e40af; }
.nb-rule, .nb-status-flagged { background: #fee2e2; color: #991b1b; }
.nb-status-inferred { background: #dbeafe; color: #1d4ed8; }
.nb-status-ambiguous { background: #fee2e2; color: #991b1b; }
.nb-status-ok { background: #dcfce7; color: #166534; }
.nb-finding { margin-top: .4rem; font-size: .85rem; border-left: 3px solid #dc2626; padding-left: .5rem; }
.nb-finding ul { margin: .2rem 0 0 1rem; padding: 0; }
.nb-ok { color: #166534; }
.nb-page { margin: .5rem 0 0; }
.nb-page-wait { height: 120px; display: flex; align-items: center; justify-content: center; font-size: .85rem;
                color: var(--body-text-color-subdued); background: var(--background-fill-secondary);
                border: 1px dashed var(--border-color-primary); border-radius: 4px; }
@keyframes nb-flash { 0%, 30% { background: #fef08a; box-shadow: 0 0 0 3px #f59e0b; }
                      100% { background: var(--background-fill-primary); box-shadow: 0 0 0 0 transparent; } }
.nb-card.nb-flash { animation: nb-flash 1.6s ease-out; }
.nb-cite-note { font-size: .85rem; color: #b45309; background: #fffbeb; border: 1px solid #fcd34d;
                border-radius: 6px; padding: .3rem .5rem; margin-bottom: .5rem; }
/* a source card's row: the cited cell and 总计 in view, the other columns behind the toggle */
.nb-rowwrap .nb-col-extra { display: none; }
.nb-rowwrap.nb-cols-open .nb-col-extra { display: table-cell; }
.nb-cols-toggle { font-size: .78rem; color: #1d4ed8; background: none; border: none; padding: 0; cursor: pointer;
                  text-decoration: underline; }
/* an ambiguous cell: two or three readings, the rest behind 更多 */
details.nb-cands { display: inline; }
details.nb-cands > summary { display: inline; cursor: pointer; list-style: none; }
details.nb-cands > summary::-webkit-details-marker { display: none; }
.nb-more { margin-left: .25rem; font-size: .75rem; color: #1d4ed8; text-decoration: underline; }
details.nb-cands[open] .nb-more { display: none; }
.nb-cands-rest { white-space: normal; word-break: break-all; }
td.nb-ambiguous { white-space: normal !important; max-width: 12em; }
.nb-page img { max-width: 100%; border: 1px solid var(--border-color-primary); border-radius: 4px; }
.nb-page figcaption { font-size: .8rem; color: var(--body-text-color-subdued); }
.nb-report h3 { margin: .2rem 0; }
.nb-meta, .nb-title, .nb-legend { font-size: .88rem; margin-bottom: .3rem; }
.nb-table-title { margin: .9rem 0 .2rem; }
.nb-full { width: 100%; margin-bottom: .5rem; }
.nb-full th.nb-rowlabel { width: 30%; }
.nb-full td { min-width: 3.2em; }
.nb-examples button { font-size: .85rem !important; }
.nb-chart { background: var(--background-fill-primary); border: 1px solid var(--border-color-primary);
            border-radius: 8px; }
.nb-chart text { font-family: inherit; fill: var(--body-text-color); }
.nb-chart-title { font-size: 17px; font-weight: 600; }
.nb-chart-tick, .nb-chart-legend { font-size: 12px; }
.nb-chart-value { font-size: 11px; }
.nb-chart-missing { font-size: 11px; fill: #94a3b8 !important; }
.nb-chart-flag-mark { font-size: 12px; font-weight: 700; fill: #dc2626 !important; cursor: help; }
.nb-chart-notes { font-size: 13px; margin: 6px 0 4px; color: var(--body-text-color); }
.nb-chart-notes ol { margin: 4px 0 0 1.4em; padding: 0; }
.nb-chart-notes b { color: #dc2626; }
.nb-findings-head { font-weight: 600; margin: 4px 0 10px; }
.nb-finding-row { margin-bottom: 10px; }
.nb-finding-head { margin-bottom: 4px; }
.nb-finding-fix { color: #b45309; font-size: 13px; }
.nb-chart-grid { stroke: var(--border-color-primary); stroke-width: 1; }
.nb-chart-axis { stroke: #64748b; stroke-width: 1.2; }
.nb-eval table { border-collapse: collapse; font-size: .88rem; margin: .4rem 0; }
.nb-eval th, .nb-eval td { border: 1px solid var(--border-color-primary); padding: .2rem .6rem; }
.nb-eval th { background: var(--background-fill-secondary); text-align: left; }
.nb-eval td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nb-eval td.nb-eval-label { text-align: left; white-space: normal; }
.nb-eval .nb-eval-files { font-size: .82rem; color: var(--body-text-color-subdued); }
#nb-eval-log textarea { font-family: var(--font-mono); font-size: .8rem; white-space: pre; overflow-x: auto; }
/* the 年报 tab: cells open the correction form, findings carry their review */
#nb-report-detail td[data-cell] { cursor: pointer; }
#nb-report-detail td[data-cell]:hover { background: #eff6ff; outline: 1px solid #93c5fd; }
#nb-report-detail td.nb-picked { outline: 2px solid #2563eb !important; }
td.nb-corrected { background: #ecfdf5; white-space: nowrap; }
s.nb-printed { color: #991b1b; }
.nb-arrow { color: #64748b; margin: 0 .15rem; }
b.nb-fixed { color: #166534; }
.nb-status-corrected { background: #dcfce7; color: #166534; }
.nb-review-confirmed { background: #fee2e2; color: #991b1b; }
.nb-review-dismissed { background: #e2e8f0; color: #334155; }
.nb-review-none { background: #f1f5f9; color: #64748b; }
.nb-review { margin-top: .25rem; }
.nb-review .nb-badge { white-space: normal; }
.nb-review-note { font-size: .8rem; color: #b45309; margin-top: .15rem; }
.nb-corrections { font-size: .85rem; margin: .2rem 0 .5rem 1rem; padding: 0; }
button.nb-act { font-size: .75rem; padding: 0 .45rem; margin-left: .25rem; border: 1px solid #93c5fd;
                border-radius: 4px; background: #eff6ff; color: #1d4ed8; cursor: pointer; }
button.nb-act:hover { background: #dbeafe; }
#nb-editor { position: sticky; top: .5rem; align-self: flex-start; }
.nb-edit-head { font-size: .92rem; margin-bottom: .25rem; }
.nb-edit-head code { font-size: .75rem; color: var(--body-text-color-subdued); }
.nb-edit-line { font-size: .88rem; margin: .15rem 0; word-break: break-word; }
#nb-fix-info, #nb-review-info, #nb-fix-msg, #nb-review-msg { padding: .4rem .6rem; }
.nb-msg { font-size: .88rem; border-radius: 6px; padding: .3rem .5rem; word-break: break-word; }
.nb-msg-error { background: #fef2f2; color: #991b1b; border: 1px solid #fecaca; }
.nb-msg-off { background: #fffbeb; color: #92400e; border: 1px solid #fcd34d; }
.nb-msg-ok { background: #f0fdf4; color: #166534; border: 1px solid #bbf7d0; }
/* phone: chat, question box and 提问 on the first screen; the sources right under them */
@media (max-width: 768px) {
  #nb-sources-acc { padding: 8px 6px !important; }
  #nb-sources .html-container { padding: 4px 0 !important; }
  .nb-card { padding: .5rem .5rem; }
  .nb-cellname code, .nb-finding .nb-id { display: none; }
  #nb-chat label { display: none; }
  .nb-header p { display: none; }
  #nb-chat-row { flex-direction: column; flex-wrap: nowrap; }
  #nb-chat-row > .nb-chat-col, #nb-chat-row > #nb-sources-box { display: contents; }
  #nb-chat { order: 1; height: min(52vh, 440px) !important; min-height: 260px; }
  #nb-ask-row { order: 2; flex-wrap: nowrap; }
  #nb-ask-row #nb-send { min-width: 4.2em; flex-grow: 0; }
  #nb-chat-row .nb-choices { order: 3; }
  #nb-sources-acc { order: 4; }
  #nb-chat-row .nb-examples-title { order: 5; }
  #nb-chat-row .nb-examples { order: 6; }
  #nb-clear { order: 7; }
  div.nb-sources { max-height: none; overflow-y: visible; }
  /* the edit forms slide up from the bottom of the screen, over the tables */
  #nb-editor { position: static; }
  #nb-cell-form, #nb-review-form { position: fixed; left: 0; right: 0; bottom: 0; z-index: 60; max-height: 72vh;
                                   overflow-y: auto; box-shadow: 0 -6px 18px rgba(15, 23, 42, .25);
                                   border-radius: 12px 12px 0 0; }
  /* Gradio renders a group's id on two nested elements: only the outer one floats */
  #nb-cell-form #nb-cell-form, #nb-review-form #nb-review-form { position: static; max-height: none;
                                                                 box-shadow: none; overflow: visible; }
  #nb-report-detail .nb-full { display: block; overflow-x: auto; }
  .nb-card-head { font-size: .88rem; }
}
"""

# Citations that point: a click on [n] in an answer opens the sources panel, scrolls it to
# card n and flashes the card. Plus the column toggle of a card's row. Delegated from the
# document, so it survives Gradio re-rendering the chat and the panel.
SCRIPT = r"""
(() => {
  if (window.__nbSources) return;
  window.__nbSources = true;
  const openPanel = () => {
    const button = document.querySelector('#nb-sources-acc > button, #nb-sources-acc .label-wrap');
    if (button && !button.classList.contains('open')) { button.click(); return true; }
    return false;
  };
  const reveal = (card) => {
    const box = card.closest('div.nb-sources');
    if (box && box.scrollHeight > box.clientHeight + 1) {
      box.scrollTop += card.getBoundingClientRect().top - box.getBoundingClientRect().top - 6;
    }
    const r = card.getBoundingClientRect();
    const room = window.innerHeight;
    if (r.top < 0 || r.top > room - Math.min(r.height, room * 0.6)) window.scrollBy(0, r.top - 12);
    card.classList.remove('nb-flash');
    void card.offsetWidth;           // restart the animation on a second click
    card.classList.add('nb-flash');
    setTimeout(() => card.classList.remove('nb-flash'), 1700);
  };
  const note = (box, words) => {
    let el = box.querySelector('.nb-cite-note');
    if (!el) { el = document.createElement('div'); el.className = 'nb-cite-note'; box.prepend(el); }
    el.textContent = words;
    setTimeout(() => el.remove(), 4000);
  };
  // The 年报 tab: a click on a cell or a finding's button opens its form. The target goes
  // into a hidden textbox as JSON, then the hidden button sends it to the server.
  const openForm = (picked) => {
    const box = document.querySelector('#nb-edit-target textarea, #nb-edit-target input');
    const go = document.querySelector('#nb-edit-open');
    if (!box || !go) return;
    box.value = JSON.stringify(picked);
    box.dispatchEvent(new Event('input', {bubbles: true}));
    setTimeout(() => go.click(), 30);
  };
  const reportClick = (target) => {
    const report = target.closest('#nb-report-detail .nb-report');
    if (!report || target.closest('details.nb-cands > summary')) return false;
    const act = target.closest('button.nb-act, td[data-cell]');
    if (!act) return false;
    document.querySelectorAll('#nb-report-detail .nb-picked').forEach(el => el.classList.remove('nb-picked'));
    if (act.tagName === 'TD') act.classList.add('nb-picked');
    // on a phone the form slides up over the lower part of the screen: keep the cell above it
    if (window.innerWidth <= 768) window.scrollBy(0, act.getBoundingClientRect().top - window.innerHeight * 0.12);
    openForm(act.dataset.finding
      ? {report: report.dataset.report, finding: act.dataset.finding, state: act.dataset.state || ''}
      : {report: report.dataset.report, cell: act.dataset.cell});
    return true;
  };
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (reportClick(target)) return;
    const toggle = target.closest('.nb-cols-toggle');
    if (toggle) {
      const wrap = toggle.closest('.nb-rowwrap');
      const open = wrap.classList.toggle('nb-cols-open');
      toggle.textContent = open ? toggle.dataset.less : toggle.dataset.more;
      return;
    }
    const cite = target.closest('#nb-chat .nb-cite');
    if (!cite) return;
    event.preventDefault();
    const key = (cite.textContent.match(/\d+/) || [])[0];
    const answers = document.querySelectorAll('#nb-chat .nb-answer');
    const latest = cite.closest('.nb-answer') === answers[answers.length - 1];
    const go = () => {
      const box = document.querySelector('#nb-sources div.nb-sources');
      if (!box) return;
      if (!latest) { note(box, '来源面板列出的是最新一个回答的来源；较早回答的 [' + key + '] 请重新提问查看。'); reveal(box); return; }
      const card = document.getElementById('nb-src-' + key);
      if (card) reveal(card);
    };
    if (openPanel()) setTimeout(go, 150); else go();
  });
})();
"""
# Gradio scopes the CSS above inside its container; the page padding sits outside it.
PAGE_CSS = "@media (max-width: 768px) { .gradio-container .main.app { padding-left: 6px !important; " \
           "padding-right: 6px !important; } }"
HEAD = f"<style>{PAGE_CSS}</style><script>{SCRIPT}</script>"
