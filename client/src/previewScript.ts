// The script of the preview webview (runs in the webview, not in the extension host), inline
// under the page's nonce. It swaps in each new rendering keeping the scroll position, syncs
// scrolling both ways through `data-line` (as VS Code's Markdown preview: the element at the
// top of the view and the next one, interpolated), follows links to units and definitions
// inside the preview, sends a double-click to the source line, keeps the "Clean text" switch
// across renderings, and answers the extension's queries (for the in-editor tests).
export const PREVIEW_SCRIPT = String.raw`
(function () {
  const vscode = acquireVsCodeApi();
  const state = vscode.getState() || {};
  // The first rendering comes with the page; later ones by message.
  const doc = document.getElementById('tm-doc');
  let lines = [];
  let quietUntil = 0;
  const toolbarHeight = () => (document.querySelector('.tm-toolbar') || { offsetHeight: 0 }).offsetHeight;
  const post = (m) => vscode.postMessage(m);

  function index() {
    lines = Array.from(doc.querySelectorAll('[data-line]')).map((el) => ({ el, line: Number(el.getAttribute('data-line')) }));
  }
  const topOf = (el) => el.getBoundingClientRect().top + window.scrollY;

  /** Scrolls so that \`line\` (fractional: a wrapped line's top row part-way) is at the top. */
  function scrollToLine(line) {
    if (!lines.length) return;
    let prev = lines[0];
    let next;
    for (const entry of lines) {
      if (entry.line <= line) prev = entry;
      else { next = entry; break; }
    }
    let y = topOf(prev.el);
    if (next && next.line > prev.line) y += ((line - prev.line) / (next.line - prev.line)) * Math.max(0, topOf(next.el) - y);
    else y += (line - Math.floor(line)) * prev.el.offsetHeight;
    quietUntil = Date.now() + 200;
    window.scrollTo(0, Math.max(0, y - toolbarHeight()));
  }

  function lineAtTop() {
    const top = window.scrollY + toolbarHeight() + 1;
    let lo = 0, hi = lines.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (topOf(lines[mid].el) <= top) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (found < 0) return 0;
    const prev = lines[found];
    const next = lines[found + 1];
    if (!next || next.line <= prev.line) return prev.line;
    const a = topOf(prev.el), b = topOf(next.el);
    return b > a ? prev.line + Math.floor(((top - a) / (b - a)) * (next.line - prev.line)) : prev.line;
  }

  function rendered(version) {
    index();
    // Comments need the margin; a rendering may have gained or lost them.
    document.body.classList.toggle('tm-comments', !!doc.querySelector('.tm-comment'));
    const heading = document.querySelector('#art_17 .tm-heading');
    post({ type: 'rendered', version, units: doc.querySelectorAll('[id]').length, article17: heading ? heading.textContent : null });
  }

  const clean = document.getElementById('tm-clean');
  if (clean) {
    clean.checked = !!state.clean;
    clean.addEventListener('change', () => { state.clean = clean.checked; vscode.setState(state); });
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m.type === 'update') {
      const y = window.scrollY;
      if (typeof m.content === 'string') doc.innerHTML = m.content;
      // Keeping our place is no scroll of the drafter's: the editor is not told.
      quietUntil = Date.now() + 200;
      window.scrollTo(0, y);
      rendered(m.version);
      if (typeof m.line === 'number') scrollToLine(m.line);
    } else if (m.type === 'scrollTo') {
      scrollToLine(m.line);
    } else if (m.type === 'topLine') {
      post({ type: 'answer', id: m.id, line: lineAtTop() });
    } else if (m.type === 'query') {
      const el = document.querySelector(m.selector);
      post({ type: 'answer', id: m.id, text: el ? el.textContent : null, top: el ? el.getBoundingClientRect().top - toolbarHeight() : null, clean: !!(clean && clean.checked) });
    } else if (m.type === 'click') {
      const el = document.querySelector(m.selector);
      if (el) el.click();
      else post({ type: 'navigated', id: null });
    } else if (m.type === 'dblclick') {
      const el = document.querySelector(m.selector);
      if (el) el.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    }
  });

  window.addEventListener('scroll', () => {
    if (Date.now() < quietUntil) return;
    post({ type: 'revealLine', line: lineAtTop() });
  }, { passive: true });

  document.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a[href^="#"]');
    if (!a) return;
    e.preventDefault();
    const target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
    if (!target) { post({ type: 'navigated', id: null }); return; }
    quietUntil = Date.now() + 200;
    target.scrollIntoView({ block: 'start' });
    target.classList.add('tm-target');
    setTimeout(() => target.classList.remove('tm-target'), 1200);
    post({ type: 'navigated', id: target.id, top: target.getBoundingClientRect().top - toolbarHeight() });
    // The editor follows to the target's line (said here: a scroll event may come late, or not at all, in a hidden frame).
    const at = target.closest('[data-line]');
    if (at) post({ type: 'revealLine', line: Number(at.getAttribute('data-line')) });
  });

  document.addEventListener('dblclick', (e) => {
    const el = e.target.closest && e.target.closest('[data-line]');
    if (el) post({ type: 'openSource', line: Number(el.getAttribute('data-line')) });
  });

  rendered(Number(doc.getAttribute('data-version')));
  post({ type: 'ready' });
})();
`;
