/*
 * Traffic Lab page glue: tabs, the resizable divider, the terminal, the editor, the product page and the traffic
 * view. No inline scripts or handlers anywhere (the CSP allows only this origin's files); every listener is bound
 * here, mostly by delegation so htmx-swapped lesson content needs no re-binding.
 */
(function () {
  'use strict';

  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const meta = (name) => {
    const m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') || '' : '';
  };

  const sandboxId = meta('sandbox-id');
  const csrfToken = meta('csrf-token');
  const productPageUrl = meta('product-page');
  if (!sandboxId) {
    return; // not a lesson page
  }
  const apiBase = '/api/sandboxes/' + encodeURIComponent(sandboxId);

  // ---------------------------------------------------------------- notices and expiry

  function showNotice(text) {
    const notice = $('#notice');
    if (!notice) return;
    let span = $('.notice-text', notice);
    if (!span) {
      span = document.createElement('span');
      span.className = 'notice-text';
      notice.prepend(span);
    }
    span.textContent = text;
    if (!$('.notice-close', notice)) {
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'notice-close';
      close.setAttribute('aria-label', 'Dismiss this notice');
      close.textContent = '×';
      notice.append(close);
    }
    notice.classList.remove('empty');
  }

  document.addEventListener('click', (e) => {
    if (e.target.closest('.notice-close')) {
      $('#notice').classList.add('empty');
    }
  });

  /** The sandbox this page was built for is gone: reload, and the server says so in #notice. */
  function sandboxExpired() {
    window.location.assign(window.location.pathname + '?notice=expired');
  }

  /** A call to the sandbox's JSON API with the page's CSRF token. Resolves to {status, json, text}. */
  async function api(method, path, body, contentType, opts) {
    const headers = { 'X-CSRF-Token': csrfToken, 'Accept': 'application/json' };
    if (contentType) headers['Content-Type'] = contentType;
    const res = await fetch(apiBase + path, {
      method: method, headers: headers, body: body, credentials: 'same-origin', cache: 'no-store'
    });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (ignored) { json = null; }
    if (res.status === 404 && !(opts && opts.notFoundIsFine) && json && /^no sandbox\b/i.test(json.error || json.message || '')) {
      sandboxExpired();
    }
    return { status: res.status, json: json, text: text };
  }

  function errorText(r) {
    if (r.json && (r.json.error || r.json.message)) return r.json.error || r.json.message;
    if (!r.text || /^\s*</.test(r.text)) return 'the server answered HTTP ' + r.status;
    return r.text.slice(0, 500);
  }

  // ---------------------------------------------------------------- htmx: headers, swaps, errors

  document.addEventListener('htmx:configRequest', (e) => {
    e.detail.headers['X-CSRF-Token'] = csrfToken;
    e.detail.headers['X-Sandbox-Id'] = sandboxId;
  });

  document.addEventListener('htmx:afterSwap', (e) => {
    const result = document.getElementById('check-result');
    if (result && result.classList.contains('check-pass')) {
      const current = $('.step-dots li.current');
      if (current) current.classList.add('passed');
    }

    const target = e.detail.target;
    if (target && target.id === 'lesson-pane' || (e.detail.elt && e.detail.elt.id === 'lesson-pane')) {
      afterLessonSwap();
    }
  });

  document.addEventListener('htmx:historyRestore', afterLessonSwap);

  // After settling: for a swap that keeps the id, htmx puts the new element's class (check-fail, with its
  // padding) in place only when it settles, so measuring earlier scrolls too little.
  document.addEventListener('htmx:afterSettle', (e) => {
    const result = document.getElementById('check-result');
    if (result && e.detail.target && e.detail.target.id === 'check-result') showCheckResult(result);
  });

  /**
   * Check messages are written as Markdown-lite: `code` spans become <code> (built as nodes from the text, so
   * nothing in a message is ever parsed as HTML); the result is brought into view below the button.
   */
  function showCheckResult(result) {
    const text = result.textContent;
    if (text.includes('`')) {
      const parts = text.split('`');
      if (parts.length % 2 === 0) {
        // an unmatched backtick stays as it was written
        const last = parts.pop();
        parts[parts.length - 1] += '`' + last;
      }
      result.replaceChildren(...parts.map((part, i) => {
        if (i % 2 === 0) return document.createTextNode(part);
        const code = document.createElement('code');
        code.textContent = part;
        return code;
      }));
    }
    if (text) reveal(result);
  }

  /**
   * Scrolls the lesson's own scroller (side by side) or the window (stacked) just enough to show `el`. Not
   * scrollIntoView: it would also scroll the page's overflow-hidden frame and shift the whole layout.
   */
  function reveal(el) {
    const scroller = el.closest('.lesson-scroll');
    const box = el.getBoundingClientRect();
    if (scroller && scroller.scrollHeight > scroller.clientHeight) {
      const view = scroller.getBoundingClientRect();
      if (box.bottom > view.bottom) scroller.scrollTop += box.bottom - view.bottom + 12;
      else if (box.top < view.top) scroller.scrollTop -= view.top - box.top + 12;
      return;
    }
    if (box.bottom > window.innerHeight) window.scrollBy(0, box.bottom - window.innerHeight + 12);
    else if (box.top < 0) window.scrollBy(0, box.top - 12);
  }

  function afterLessonSwap() {
    const pane = $('#lesson-pane');
    if (!pane) return;
    if (pane.dataset.title) document.title = pane.dataset.title;
    const scroll = $('.lesson-scroll', pane);
    if (scroll) scroll.scrollTop = 0;
    const title = $('#step-title');
    if (title) title.focus({ preventScroll: true });
  }

  document.addEventListener('htmx:responseError', (e) => {
    const xhr = e.detail.xhr;
    if (xhr && xhr.getResponseHeader('HX-Redirect')) return;
    const target = e.detail.target;
    let message = (xhr && xhr.responseText) ? xhr.responseText.slice(0, 300) : 'The server did not answer.';
    try {
      const json = JSON.parse(message);
      if (json && json.error) message = 'The server could not do that: ' + json.error;
    } catch (ignored) { /* plain text is shown as it is */ }
    if (target && target.id === 'check-result') {
      target.className = 'check-fail';
      target.textContent = message;
    } else {
      showNotice(message);
    }
  });

  document.addEventListener('htmx:sendError', () => {
    showNotice('The server cannot be reached. Check that Traffic Lab is still running, then try again.');
  });

  document.body.addEventListener('sandbox-reset', () => {
    termNote('The sandbox was reset to the lesson start.');
    if (editor.path) editor.reload();
    editor.loadTree();
    productPage.reloadIfLoaded();
    traffic.refresh();
  });

  // ---------------------------------------------------------------- tabs

  const tabs = $$('.tabs > [role="tab"]');
  const tabList = $('.tabs[role="tablist"]');

  function selectTab(tab, focus) {
    if (!tab) return;
    tabs.forEach((t) => {
      const selected = t === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(t.getAttribute('aria-controls'));
      if (panel) panel.hidden = !selected;
    });
    if (focus) tab.focus();
    onTabShown(tab.id);
  }

  function onTabShown(id) {
    if (id === 'tab-editor') editor.shown();
    if (id === 'tab-productpage') productPage.shown(); else productPage.hidden();
    if (id === 'tab-traffic') traffic.start(); else traffic.stop();
    if (id === 'tab-terminal' && terminals()) terminals().refit();
  }

  tabs.forEach((t) => t.addEventListener('click', () => selectTab(t, false)));
  if (tabList) {
    tabList.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(document.activeElement);
      if (i < 0) return;
      let next = null;
      if (e.key === 'ArrowRight') next = tabs[(i + 1) % tabs.length];
      else if (e.key === 'ArrowLeft') next = tabs[(i - 1 + tabs.length) % tabs.length];
      else if (e.key === 'Home') next = tabs[0];
      else if (e.key === 'End') next = tabs[tabs.length - 1];
      if (next) {
        e.preventDefault();
        selectTab(next, true);
      }
    });
  }

  // ---------------------------------------------------------------- resizable panes

  const divider = $('#pane-divider');
  const workspace = $('#workspace');
  const MIN_PCT = 20;
  const MAX_PCT = 75;

  function setLessonWidth(pct, persist) {
    const p = Math.max(MIN_PCT, Math.min(MAX_PCT, pct));
    document.documentElement.style.setProperty('--lesson-width', p + '%');
    divider.setAttribute('aria-valuenow', String(Math.round(p)));
    if (persist) {
      try { localStorage.setItem('tl-lesson-width', String(p)); } catch (ignored) { /* storage may be off */ }
    }
    editor.refresh();
  }

  if (divider && workspace) {
    let dragging = false;
    divider.addEventListener('pointerdown', (e) => {
      dragging = true;
      divider.setPointerCapture(e.pointerId);
      divider.classList.add('dragging');
      document.body.classList.add('resizing');
      e.preventDefault();
    });
    divider.addEventListener('pointermove', (e) => {
      if (!dragging) return;
      const box = workspace.getBoundingClientRect();
      setLessonWidth(((e.clientX - box.left) / box.width) * 100, false);
    });
    const stop = (e) => {
      if (!dragging) return;
      dragging = false;
      divider.releasePointerCapture(e.pointerId);
      divider.classList.remove('dragging');
      document.body.classList.remove('resizing');
      setLessonWidth(Number(divider.getAttribute('aria-valuenow')), true);
    };
    divider.addEventListener('pointerup', stop);
    divider.addEventListener('pointercancel', stop);
    divider.addEventListener('keydown', (e) => {
      const now = Number(divider.getAttribute('aria-valuenow')) || 40;
      const steps = { ArrowLeft: -2, ArrowRight: 2, ArrowUp: 2, ArrowDown: -2, PageUp: 10, PageDown: -10 };
      if (e.key in steps) {
        setLessonWidth(now + steps[e.key], true);
        e.preventDefault();
      } else if (e.key === 'Home') {
        setLessonWidth(MIN_PCT, true);
        e.preventDefault();
      } else if (e.key === 'End') {
        setLessonWidth(MAX_PCT, true);
        e.preventDefault();
      }
    });
  }

  // ---------------------------------------------------------------- terminal (terminal.js)

  const terminal = $('#terminal');

  /** The terminals are terminal.js's; it loads after this file, so look it up when used. */
  function terminals() {
    return window.TrafficLabTerminals;
  }

  function termNote(text) {
    if (terminals()) terminals().note(text);
  }

  /** Runs a command line in a terminal (queued as typed-ahead input); resolves with {output, exitCode, actions}. */
  function runCommand(command, options) {
    if (!terminals()) {
      return Promise.resolve({ output: 'The terminal has not started yet.\n', exitCode: 1, actions: [] });
    }
    return terminals().run(command, options);
  }

  document.addEventListener('tl:terminal-open', (e) => {
    if (e.detail && e.detail.path) editor.open(e.detail.path);
  });

  /**
   * What a lesson's run button does: show the terminal (the one it names), type the command, run it; a
   * no-newline button only types it, a ctrl-seq button presses its keys (data-keys, e.g. ^C).
   */
  function typeAndRun(command, button) {
    selectTab($('#tab-terminal'), false);
    if (button) button.classList.add('ran');
    const options = {
      terminal: button && button.dataset.terminal,
      interrupt: button && button.dataset.interrupt === 'true'
    };
    if (button && button.dataset.keys) {
      if (terminals()) terminals().type(button.dataset.keys, Object.assign(options, { keys: true }));
    } else if (button && button.dataset.noNewline === 'true') {
      if (terminals()) terminals().type(command, options);
    } else {
      runCommand(command, options);
    }
    revealTerminal();
    if (terminals()) terminals().focus();
  }

  /**
   * In the stacked narrow layout the terminal sits below the lesson: bring it into view, so the learner sees
   * what the click did (side by side it is always in view, and this does nothing).
   */
  function revealTerminal() {
    revealTools(terminal);
  }

  /** Brings the tools pane into view when `shown` (a panel just selected) is out of the window. */
  function revealTools(shown) {
    const box = shown.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      // only in the stacked layout, where the window scrolls (side by side the frame is overflow-hidden)
      window.scrollBy(0, $('#tools-pane').getBoundingClientRect().top);
    }
  }

  // ---------------------------------------------------------------- lesson content: run, copy, open, links

  document.addEventListener('click', (e) => {
    const run = e.target.closest('button.execute');
    if (run) {
      e.preventDefault();
      // A double click is two clicks: only the first runs the command.
      if (e.detail > 1) return;
      typeAndRun(run.dataset.command || '', run);
      return;
    }
    const copy = e.target.closest('button.copy');
    if (copy) {
      e.preventDefault();
      copyText(copy.dataset.text || '').then(() => {
        copy.classList.add('copied');
        setTimeout(() => copy.classList.remove('copied'), 1500);
      });
      return;
    }
    const write = e.target.closest('button.write-file');
    if (write) {
      e.preventDefault();
      editor.write(write.dataset.path, write.dataset.target, write.dataset.text || '', write.dataset.marker)
        .then(() => revealTools($('#panel-editor')));
      return;
    }
    const check = e.target.closest('form.quiz button.quiz-check');
    if (check) {
      e.preventDefault();
      checkQuiz(check.closest('form.quiz'));
      return;
    }
    const open = e.target.closest('a.open-file');
    if (open) {
      e.preventDefault();
      editor.open(open.dataset.path);
      revealTools($('#panel-editor'));
      return;
    }
    const link = e.target.closest('#step-content a[href]');
    if (link && /^\/lab\/ports(\/|$)/.test(new URL(link.href, window.location.href).pathname)
        && new URL(link.href, window.location.href).origin === window.location.origin && e.button === 0) {
      // an imported scenario's link to another port: the page about it opens beside the lesson
      e.preventDefault();
      window.open(link.href, '_blank', 'noopener');
      return;
    }
    if (link && isProductPageLink(link.href) && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.button === 0) {
      e.preventDefault();
      productPage.show(link.href);
      revealTools($('#panel-productpage'));
    }
  });

  // Enter in a quiz's text field checks the answer instead of submitting the form.
  document.addEventListener('submit', (e) => {
    const quiz = e.target.closest('form.quiz');
    if (quiz) {
      e.preventDefault();
      checkQuiz(quiz);
    }
  });

  /**
   * Checks a Katacoda quiz question in the page (no server round trip): === wants the exact text, =~= text
   * containing it, choices want exactly the right ones ticked. The verdict goes to the form's status line.
   */
  function checkQuiz(form) {
    const kind = form.dataset.kind;
    const feedback = $('.quiz-feedback', form);
    let right;
    if (kind === 'exact' || kind === 'contains') {
      const given = ($('input[type="text"]', form).value || '').trim();
      const expected = (form.dataset.expected || '').trim();
      right = kind === 'exact' ? given === expected : given !== '' && given.includes(expected);
    } else {
      const inputs = $$('input[data-right]', form);
      right = inputs.length > 0 && inputs.every((i) => i.checked === (i.dataset.right === 'true'));
    }
    form.dataset.state = right ? 'right' : 'wrong';
    feedback.textContent = right ? '✓ Correct.' : '✗ Not quite: check your answer and try again.';
  }

  function isProductPageLink(href) {
    const base = productPageUrl.replace(/\/productpage$/, '/');
    try {
      const u = new URL(href, window.location.href);
      const b = new URL(base, window.location.href);
      // /bookinfo/KEY/... or /bookinfo/KEY@host/... (the gateway reached under a host name)
      const key = b.pathname.replace(/\/$/, '');
      return u.origin === b.origin && u.pathname.startsWith(key)
        && (u.pathname.charAt(key.length) === '/' || u.pathname.charAt(key.length) === '@');
    } catch (ignored) {
      return false;
    }
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(() => legacyCopy(text));
    }
    return Promise.resolve(legacyCopy(text));
  }

  function legacyCopy(text) {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.append(area);
    area.select();
    try { document.execCommand('copy'); } catch (ignored) { /* nothing more to try */ }
    area.remove();
  }

  // ---------------------------------------------------------------- editor

  const editor = (function () {
    let cm = null;
    let validateSeq = 0;
    const state = { path: null, saved: '', treeLoaded: false };
    const pathEl = $('#editor-path');
    const saveBtn = $('#editor-save');
    const applyBtn = $('#editor-apply');
    const dirtyEl = $('#editor-dirty');
    const outputEl = $('#editor-output');
    const diagList = $('#editor-diagnostics');
    const tree = $('#editor-file-tree');

    function isYaml(path) {
      return /\.(ya?ml|json)$/i.test(path || '');
    }

    let library = null;

    /** CodeMirror (181 KB minified) is fetched the first time the editor is needed, not with the page. */
    function loadLibrary() {
      if (window.CodeMirror) return Promise.resolve();
      if (!library) {
        library = new Promise((resolve, reject) => {
          const css = document.createElement('link');
          css.rel = 'stylesheet';
          css.href = meta('editor-stylesheet');
          document.head.append(css);
          const script = document.createElement('script');
          script.src = meta('editor-script');
          script.onload = () => resolve();
          script.onerror = () => {
            library = null; // let the next attempt try again
            reject(new Error('the editor could not be loaded'));
          };
          document.head.append(script);
        });
      }
      return library;
    }

    async function ensure() {
      if (cm) return cm;
      try {
        await loadLibrary();
      } catch (err) {
        outputEl.dataset.exitCode = '1';
        outputEl.textContent = 'The editor could not be loaded (' + err.message + '): check that Traffic Lab is still running, then open the tab again.';
        return null;
      }
      if (cm) return cm; // made by another caller while the library loaded
      cm = window.CodeMirror.fromTextArea($('#editor-textarea'), {
        mode: 'yaml',
        lineNumbers: true,
        tabSize: 2,
        indentUnit: 2,
        indentWithTabs: false,
        styleActiveLine: true,
        gutters: ['CodeMirror-lint-markers'],
        lint: { getAnnotations: validate, async: true, delay: 400, lintOnChange: true },
        extraKeys: {
          Tab: (c) => c.replaceSelection('  '),
          'Ctrl-S': () => { save(); },
          'Cmd-S': () => { save(); },
          // Keyboard users leave the editor with Esc (Tab indents, as in any code editor).
          Esc: () => { saveBtn.disabled ? tree.focus() : saveBtn.focus(); }
        }
      });
      cm.on('change', updateDirty);
      return cm;
    }

    function updateDirty() {
      const dirty = cm && state.path && cm.getValue() !== state.saved;
      dirtyEl.textContent = dirty ? '● unsaved' : '';
    }

    /** CodeMirror lint source: the buffer goes to Istio's validation, results land in the gutter and the list. */
    function validate(text, updateLinting, options, instance) {
      const seq = ++validateSeq;
      if (!state.path || !isYaml(state.path) || !text.trim()) {
        renderDiagnostics([]);
        updateLinting(instance, []);
        return;
      }
      api('POST', '/validate', text, 'application/yaml').then((r) => {
        if (seq !== validateSeq) return; // a newer buffer is being validated
        if (r.status !== 200 || !r.json) {
          diagList.replaceChildren(item('warning', null, 'Validation is unavailable: ' + errorText(r)));
          updateLinting(instance, []);
          return;
        }
        const diags = r.json.diagnostics || [];
        renderDiagnostics(diags);
        updateLinting(instance, diags.map((d) => annotation(instance, d)));
      }).catch(() => {
        if (seq === validateSeq) updateLinting(instance, []);
      });
    }

    function annotation(instance, d) {
      const line = Math.max(0, Math.min(instance.lineCount() - 1, (d.line || 1) - 1));
      const lineText = instance.getLine(line) || '';
      let ch = d.column ? Math.max(0, Math.min(lineText.length, d.column - 1)) : 0;
      if (ch >= lineText.length) ch = 0;
      return {
        from: window.CodeMirror.Pos(line, ch),
        to: window.CodeMirror.Pos(line, Math.max(lineText.length, ch + 1)),
        message: d.message,
        severity: d.severity === 'warning' ? 'warning' : 'error'
      };
    }

    function item(severity, d, message) {
      const li = document.createElement('li');
      li.className = 'diagnostic';
      li.dataset.severity = severity;
      li.dataset.line = d && d.line ? String(d.line) : '';
      if (d && d.column) li.dataset.column = String(d.column);
      // Only the message is the text; the location lives in data-line and the tooltip.
      li.textContent = message;
      if (d && d.line) {
        li.title = 'Line ' + d.line + (d.column ? ', column ' + d.column : '') + ': press Enter or click to go there';
        li.setAttribute('aria-label', severity + ' on line ' + d.line + ': ' + message);
        li.tabIndex = 0;
      }
      return li;
    }

    function renderDiagnostics(diags) {
      diagList.replaceChildren();
      if (diags.length === 0) {
        if (state.path && isYaml(state.path) && cm && cm.getValue().trim()) {
          const ok = document.createElement('li');
          ok.className = 'ok';
          ok.textContent = '✓ Istio accepts this file.';
          diagList.append(ok);
        }
        return;
      }
      diags.forEach((d) => diagList.append(item(d.severity === 'warning' ? 'warning' : 'error', d, d.message)));
    }

    diagList.addEventListener('click', (e) => goTo(e.target.closest('li.diagnostic')));
    diagList.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') goTo(e.target.closest('li.diagnostic'));
    });

    function goTo(li) {
      if (!li || !li.dataset.line || !cm) return;
      const line = Number(li.dataset.line) - 1;
      const ch = li.dataset.column ? Number(li.dataset.column) - 1 : 0;
      cm.focus();
      cm.setCursor({ line: line, ch: ch });
    }

    // ---- files API: GET /files lists, GET /files/content?path= reads, PUT /files/content?path= writes

    function fileEntries(json) {
      const list = Array.isArray(json) ? json : (json && (json.files || json.entries)) || [];
      return list.map((f) => (typeof f === 'string' ? { path: f, directory: false }
        : { path: f.path, directory: Boolean(f.directory || f.type === 'directory' || f.type === 'dir') }))
        .filter((f) => f.path);
    }

    async function loadTree() {
      const r = await api('GET', '/files', undefined, undefined);
      if (r.status !== 200) {
        tree.replaceChildren(message('The file list is unavailable: ' + errorText(r)));
        return;
      }
      const files = fileEntries(r.json).filter((f) => !f.directory).map((f) => f.path).sort();
      state.treeLoaded = true;
      tree.replaceChildren(buildTree(files));
      markCurrent();
    }

    function message(text) {
      const p = document.createElement('p');
      p.className = 'muted';
      p.textContent = text;
      return p;
    }

    /** Nested lists of folders (collapsible, native <details>) and file links. */
    function buildTree(paths) {
      const root = { dirs: new Map(), files: [] };
      paths.forEach((p) => {
        const parts = p.split('/').filter(Boolean);
        let node = root;
        parts.slice(0, -1).forEach((d) => {
          if (!node.dirs.has(d)) node.dirs.set(d, { dirs: new Map(), files: [] });
          node = node.dirs.get(d);
        });
        node.files.push({ name: parts[parts.length - 1], path: p });
      });
      return render(root, '');
    }

    function render(node, prefix) {
      const ul = document.createElement('ul');
      // Collapse single-child folder chains (root/istio-1.8.1/samples/bookinfo) into one line.
      Array.from(node.dirs.keys()).sort().forEach((name) => {
        let child = node.dirs.get(name);
        let label = name;
        let path = prefix + '/' + name;
        while (child.files.length === 0 && child.dirs.size === 1) {
          const [only] = child.dirs.keys();
          label += '/' + only;
          path += '/' + only;
          child = child.dirs.get(only);
        }
        const li = document.createElement('li');
        const details = document.createElement('details');
        details.open = true;
        const summary = document.createElement('summary');
        summary.className = 'dir';
        summary.textContent = label;
        details.append(summary, render(child, path));
        li.append(details);
        ul.append(li);
      });
      node.files.sort((a, b) => a.name.localeCompare(b.name)).forEach((f) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = '#panel-editor';
        a.dataset.path = f.path;
        a.textContent = f.name;
        a.title = f.path;
        li.append(a);
        ul.append(li);
      });
      return ul;
    }

    tree.addEventListener('click', (e) => {
      const a = e.target.closest('a[data-path]');
      if (a) {
        e.preventDefault();
        open(a.dataset.path);
      }
    });

    function markCurrent() {
      $$('a[data-path]', tree).forEach((a) => {
        if (a.dataset.path === state.path) a.setAttribute('aria-current', 'true');
        else a.removeAttribute('aria-current');
      });
    }

    async function read(path) {
      const r = await api('GET', '/files/content?path=' + encodeURIComponent(path), undefined, undefined,
        { notFoundIsFine: true });
      if (r.status !== 200) throw new Error(errorText(r));
      if (r.json && typeof r.json.content === 'string') return r.json.content;
      return r.text;
    }

    async function open(path) {
      selectTab($('#tab-editor'), false);
      const c = await ensure();
      if (!c) return;
      if (state.path && state.path !== path && c.getValue() !== state.saved) {
        await save(); // never lose an edit by opening another file
      }
      let text;
      try {
        text = await read(path);
      } catch (err) {
        outputEl.dataset.exitCode = '1';
        outputEl.textContent = 'Cannot open ' + path + ': ' + err.message;
        return;
      }
      state.path = path;
      state.saved = text;
      const bdi = document.createElement('bdi');
      bdi.textContent = path;
      pathEl.replaceChildren(bdi);
      pathEl.title = path;
      c.setOption('mode', isYaml(path) ? 'yaml' : null);
      c.setValue(text);
      c.clearHistory();
      saveBtn.disabled = false;
      applyBtn.disabled = !isYaml(path);
      outputEl.textContent = '';
      outputEl.dataset.exitCode = '';
      updateDirty();
      markCurrent();
      c.refresh();
      c.focus();
    }

    /**
     * Katacoda's "copy to editor" (<pre class="file" data-target>): writes the block into the file through the
     * files API (replace, append, prepend, or insert in place of data-marker) and shows the file in the editor.
     */
    async function write(path, target, text, marker) {
      if (state.path === path && cm && cm.getValue() !== state.saved) await save();
      let current = '';
      if (target !== 'replace') {
        try {
          current = await read(path);
        } catch (ignored) {
          current = ''; // a new file
        }
      }
      let next;
      if (target === 'append') next = current + (current === '' || current.endsWith('\n') ? '' : '\n') + text;
      else if (target === 'prepend') next = text + (text.endsWith('\n') ? '' : '\n') + current;
      else if (target === 'insert' && marker && current.includes(marker)) next = current.replace(marker, text);
      else if (target === 'insert') next = current + (current === '' || current.endsWith('\n') ? '' : '\n') + text;
      else next = text;
      const r = await api('PUT', '/files/content?path=' + encodeURIComponent(path), next, 'text/plain; charset=utf-8');
      if (r.status < 200 || r.status >= 300) {
        selectTab($('#tab-editor'), false);
        outputEl.dataset.exitCode = '1';
        outputEl.textContent = 'Could not write ' + path + ': ' + errorText(r);
        return;
      }
      if (state.path === path) state.path = null; // the file on disk is newer than the buffer: open reads it again
      await open(path);
      if (state.treeLoaded) loadTree();
    }

    async function save() {
      if (!cm || !state.path) return false;
      const text = cm.getValue();
      cm.save();
      const r = await api('PUT', '/files/content?path=' + encodeURIComponent(state.path), text,
        'text/plain; charset=utf-8');
      if (r.status >= 200 && r.status < 300) {
        state.saved = text;
        updateDirty();
        dirtyEl.textContent = 'saved';
        return true;
      }
      outputEl.dataset.exitCode = '1';
      outputEl.textContent = 'Could not save ' + state.path + ': ' + errorText(r);
      return false;
    }

    async function apply() {
      if (!state.path) return;
      applyBtn.disabled = true;
      try {
        if (!(await confirmOverwrite())) return;
        if (!(await save())) return;
        const path = state.path;
        const quoted = /^[A-Za-z0-9_./-]+$/.test(path) ? path : "'" + path.replace(/'/g, "'\\''") + "'";
        outputEl.dataset.exitCode = '';
        outputEl.textContent = 'Applying…';
        const answer = await runCommand('kubectl apply -f ' + quoted);
        outputEl.textContent = answer.output.replace(/\n$/, '') || '(no output)';
        outputEl.dataset.exitCode = String(answer.exitCode);
        // kubectl puts the reason for a refusal last: keep it in view.
        const bottom = outputEl.parentElement;
        bottom.scrollTop = bottom.scrollHeight;
      } finally {
        applyBtn.disabled = !isYaml(state.path);
      }
    }

    /**
     * Apply saves first: a buffer Istio would refuse must not replace the file on disk unless the learner says
     * so (the refusal would leave them with neither the working file nor the rule applied).
     */
    async function confirmOverwrite() {
      const text = cm.getValue();
      if (text === state.saved || !isYaml(state.path)) return true;
      let errors = [];
      try {
        const r = await api('POST', '/validate', text, 'application/yaml');
        errors = r.status === 200 && r.json ? (r.json.diagnostics || []).filter((d) => d.severity !== 'warning') : [];
      } catch (ignored) {
        errors = []; // validation unavailable: kubectl apply still says what is wrong
      }
      if (errors.length === 0) return true;
      const first = errors[0];
      const where = first.line ? 'line ' + first.line + ': ' : '';
      const ok = window.confirm('Istio would refuse this file (' + errors.length + (errors.length === 1 ? ' error' : ' errors')
        + ', first ' + where + first.message + ').\n\nSave it over ' + state.path
        + ' anyway and try to apply it? Cancel keeps the saved file as it was and your edits in the editor.');
      if (!ok) {
        outputEl.dataset.exitCode = 'cancelled';
        outputEl.textContent = 'Not applied: the saved file is unchanged and your edits stay in the editor. '
          + 'Fix the errors listed above, then Apply again.';
      }
      return ok;
    }

    async function reload() {
      if (!state.path) return;
      try {
        const text = await read(state.path);
        state.saved = text;
        cm.setValue(text);
        updateDirty();
      } catch (err) {
        outputEl.textContent = 'The file ' + state.path + ' is gone: ' + err.message;
      }
    }

    saveBtn.addEventListener('click', () => { save(); });
    applyBtn.addEventListener('click', () => { apply(); });

    return {
      get path() { return state.path; },
      open: open,
      write: write,
      reload: reload,
      loadTree: loadTree,
      shown: () => {
        if (!state.treeLoaded) loadTree();
        ensure().then((c) => { if (c) c.refresh(); });
      },
      refresh: () => { if (cm) cm.refresh(); }
    };
  })();

  // ---------------------------------------------------------------- product page

  const productPage = (function () {
    const frame = $('#productpage-frame');
    const link = $('#productpage-url');
    const badge = $('#productpage-version');
    const auto = $('#productpage-auto');
    let loaded = false;
    // The sandbox's config generation when the page on view was asked for: a tab shown after an apply, a
    // delete or a reset reloads, so the stars on view always follow the rules in force.
    let loadedGeneration = null;
    // Sign-ins and sign-outs counted when the page on view arrived: one made in another tab (same cookie)
    // reloads this one too; one made inside the frame is already on view.
    let loadedUserGeneration = null;
    let autoTimer = null;
    let loading = false;

    async function sandboxState() {
      try {
        const r = await api('GET', '', undefined, undefined);
        return r.status === 200 && r.json ? r.json : null;
      } catch (ignored) {
        return null;
      }
    }

    /** Notes the generations the page about to be asked for will reflect. */
    async function noteGenerations() {
      const s = await sandboxState();
      loadedGeneration = s ? s.configGeneration : null;
      loadedUserGeneration = s ? s.userGeneration : null;
    }

    let pendingUrl = null;

    async function load(url) {
      loaded = true;
      loading = true;
      await noteGenerations();
      frame.src = url || frame.dataset.src;
    }

    /** Reloads the page on view (keeping where the learner navigated inside the frame, e.g. signed in). */
    async function reload() {
      if (!loaded) {
        await load();
        return;
      }
      await noteGenerations();
      loading = true;
      try {
        frame.contentWindow.location.reload();
      } catch (ignored) {
        frame.src = frame.src;
      }
    }

    function visible() {
      return !$('#panel-productpage').hidden && !document.hidden;
    }

    async function reloadIfStale() {
      if (!loaded) {
        await load();
        return;
      }
      const now = await sandboxState();
      if (now && (now.configGeneration !== loadedGeneration || now.userGeneration !== loadedUserGeneration)) {
        await reload();
      }
    }

    frame.addEventListener('load', () => {
      loading = false;
      if (loaded) sandboxState().then((st) => { if (st) loadedUserGeneration = st.userGeneration; });
      let version = '';
      try {
        const doc = frame.contentDocument;
        const href = frame.contentWindow.location.href;
        if (href && href !== 'about:blank') {
          // Keep the shown address in step with the page inside (after sign-in, sign-out, links).
          link.href = href;
          link.textContent = href;
        }
        const reviews = doc && doc.querySelector('[data-reviews-version]');
        version = reviews ? reviews.getAttribute('data-reviews-version') || '' : '';
        // Outside links (Wikipedia) would be refused by their own frame policy: they open in a new tab.
        if (doc) {
          $$('a[href^="http"]', doc).forEach((a) => {
            if (new URL(a.href).origin !== window.location.origin) {
              a.target = '_blank';
              a.rel = 'noopener noreferrer';
            }
          });
        }
      } catch (ignored) { /* not our origin: leave the address as it was */ }
      // Only Bookinfo's product page has reviews to speak of: httpbin behind the gateway gets no badge.
      let productPage = true;
      try {
        productPage = /\/productpage$/.test(frame.contentWindow.location.pathname);
      } catch (ignored) { /* not our origin */ }
      badge.dataset.version = version;
      badge.textContent = version ? 'served by reviews ' + version : (loaded ? 'reviews unavailable' : '');
      badge.hidden = !loaded || (!version && !productPage);
    });

    $('#productpage-refresh').addEventListener('click', () => { reload(); });

    function setAuto(on) {
      if (autoTimer) clearInterval(autoTimer);
      autoTimer = null;
      if (on) {
        autoTimer = setInterval(() => {
          if (visible() && !loading) reload();
        }, 1000);
      }
    }

    auto.addEventListener('change', () => setAuto(auto.checked));

    return {
      shown: () => {
        if (pendingUrl) {
          const url = pendingUrl;
          pendingUrl = null;
          load(url);
        } else {
          reloadIfStale();
        }
        setAuto(auto.checked);
      },
      hidden: () => setAuto(false),
      show: (url) => { pendingUrl = url; selectTab($('#tab-productpage'), false); },
      reloadIfLoaded: () => { if (loaded) reload(); }
    };
  })();

  // ---------------------------------------------------------------- traffic

  const traffic = (function () {
    let timer = null;
    // The view as last swapped in: a poll that brings the same HTML leaves the DOM (and the SVG, with
    // any hover or selection on it) untouched, so a second-by-second refresh never flickers.
    let shown = null;

    document.addEventListener('htmx:beforeSwap', (e) => {
      const target = e.detail.target;
      if (!target || target.id !== 'traffic-view' || !e.detail.shouldSwap) return;
      const html = e.detail.xhr ? e.detail.xhr.responseText : null;
      if (html !== null && html === shown && document.getElementById('traffic-view') === target) {
        e.detail.shouldSwap = false;
      } else {
        shown = html;
      }
    });

    function refresh() {
      if (!window.htmx || !$('#traffic-view')) return;
      if (document.activeElement && document.activeElement.closest && document.activeElement.closest('#traffic-view')) {
        return; // do not yank the table from under a keyboard user reading it
      }
      window.htmx.ajax('GET', '/sandbox/traffic', { target: '#traffic-view', swap: 'outerHTML' });
    }

    return {
      refresh: refresh,
      start: () => {
        refresh();
        if (!timer) timer = setInterval(() => { if (!document.hidden) refresh(); }, 1000);
      },
      stop: () => {
        if (timer) clearInterval(timer);
        timer = null;
      }
    };
  })();

  // ---------------------------------------------------------------- start-up

  let width = NaN;
  try { width = Number(localStorage.getItem('tl-lesson-width')); } catch (ignored) { width = NaN; }
  if (divider && width >= MIN_PCT && width <= MAX_PCT) setLessonWidth(width, false);

  // A link may name a tab to show first: /lessons/x#editor, #productpage, #traffic.
  const fromHash = document.getElementById('tab-' + window.location.hash.replace(/^#/, ''));
  if (fromHash && fromHash.getAttribute('role') === 'tab') selectTab(fromHash, false);

})();
