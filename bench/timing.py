"""In-page timing used by bench/run.py: from "rerun requested" to the page drawn, on the browser's own clock.

A rerun is requested by a key press (`r`, Streamlit's rerun shortcut, or Enter in a filter). It is drawn when
the app's script-state attribute on [data-testid='stApp'] has left notRunning (rerunRequested, running) and come
back to notRunning after the request,
every plotly chart on the page has its SVG, and two animation frames have passed (so layout and paint of the
new elements are included).
"""

from __future__ import annotations

INSTALL = """() => {
  if (window.__cop) return;
  const st = window.__cop = {t0: 0, running: false, t1: 0, done: 0, n: 0};
  document.addEventListener('keydown', (e) => {
    if (e.key === 'r' || e.key === 'Enter') { st.t0 = performance.now(); st.running = false; st.t1 = 0; st.done = 0; }
  }, true);

  const drawn = () => Array.from(document.querySelectorAll("[data-testid='stPlotlyChart']"))
      .every((c) => c.querySelector('.main-svg'));
  const finish = () => {
    if (!drawn()) { requestAnimationFrame(finish); return; }
    requestAnimationFrame(() => requestAnimationFrame(() => { st.done = performance.now(); st.n += 1; }));
  };
  // observed on the whole document, not on one element: the app root can be mounted again after the first run
  // (navigation set up), and an observer on the old node would never see a rerun (measured: changes timed out)
  new MutationObserver((records) => {
    for (const r of records) {  // a quick rerun can go running -> notRunning within one batch: read the old values too
      const now = r.target.getAttribute('data-test-script-state');
      if (st.t0 && !st.running && (r.oldValue !== 'notRunning' || now !== 'notRunning')) { st.running = true; st.tr = performance.now(); }
      if (now === 'notRunning' && st.running && !st.t1) { st.t1 = performance.now(); finish(); }
    }
  }).observe(document.body, {attributes: true, subtree: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
}"""

ARM = "() => { window.__cop.t0 = 0; window.__cop.done = 0; window.__cop.t1 = 0; window.__cop.running = false; }"
DONE = "() => window.__cop.t0 > 0 && window.__cop.done > 0"
RESULT = "() => [window.__cop.done - window.__cop.t0, window.__cop.t1 - window.__cop.t0, window.__cop.tr - window.__cop.t0]"
BLUR = "() => { if (document.activeElement) document.activeElement.blur(); }"
