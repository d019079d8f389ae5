/*
 * Traffic Lab terminals: xterm.js screens (DOM renderer, so the text is in the page), each with a live session over
 * a WebSocket (docs/terminal.md). Line editing is local, as readline's: the session receives whole entered lines,
 * says when input needs more (`> `), streams output, and answers Tab with candidates. app.js drives it through
 * window.TrafficLabTerminals (lesson run buttons, the editor's Apply, notes after a reset).
 */
(function () {
  'use strict';

  const meta = (name) => {
    const m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') || '' : '';
  };
  const csrfToken = meta('csrf-token');
  const host = document.getElementById('terminal');
  if (!meta('sandbox-id') || !host) return;

  const PROMPT = 'controlplane $ ';
  const CONTINUATION = '> ';
  const COLOR_PROMPT = '\x1b[1;32m';
  const RESET = '\x1b[0m';
  const MAX_TERMINALS = 4;
  const MAX_TRANSCRIPT = 200;
  const PING_MS = 30000;
  const FONT_MIN = 10;
  const FONT_MAX = 24;

  const tabsEl = document.getElementById('terminal-tabs');
  const transcript = document.getElementById('terminal-transcript');
  const terminals = new Map();
  let active = null;
  let history = [];
  let historyLoaded = false;
  let fontSize = Number(load('tl-term-font')) || 14;
  let screenReader = load('tl-term-sr') === 'true';

  function load(key) {
    try { return localStorage.getItem(key); } catch (ignored) { return null; }
  }

  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (ignored) { /* storage may be off */ }
  }

  const xtermReady = Promise.all([import(meta('xterm-script')), import(meta('xterm-fit-script'))]);

  function theme() {
    const css = getComputedStyle(document.documentElement);
    const v = (name, fallback) => (css.getPropertyValue(name) || '').trim() || fallback;
    return {
      background: v('--term-bg', '#11151c'),
      foreground: v('--term-ink', '#d7dde8'),
      cursor: '#7ee787',
      cursorAccent: v('--term-bg', '#11151c'),
      selectionBackground: '#3d5a99',
      brightBlack: v('--term-dim', '#8a93a6')
    };
  }

  /** Splits typed or pasted data into keys: one escape sequence or one character each. */
  function keys(data) {
    const out = [];
    const re = /\x1b\[[0-9;]*[A-Za-z~]|\x1bO[A-Za-z]|\x1b[\s\S]?|[\s\S]/g;
    let m;
    while ((m = re.exec(data)) !== null) out.push(m[0]);
    return out;
  }

  function wordStart(text, pos) {
    let i = pos;
    while (i > 0 && text[i - 1] === ' ') i--;
    while (i > 0 && text[i - 1] !== ' ') i--;
    return i;
  }

  function wordEnd(text, pos) {
    let i = pos;
    while (i < text.length && text[i] === ' ') i++;
    while (i < text.length && text[i] !== ' ') i++;
    return i;
  }

  /** Lays candidates out in columns, as bash lists them on a second Tab. */
  function columns(items, width) {
    const w = Math.max(...items.map((s) => s.length)) + 2;
    const perRow = Math.max(1, Math.floor(width / w));
    const rows = [];
    for (let i = 0; i < items.length; i += perRow) {
      rows.push(items.slice(i, i + perRow).map((s, j, row) => (j === row.length - 1 ? s : s.padEnd(w))).join(''));
    }
    return rows.join('\r\n');
  }

  class Terminal {
    constructor(name) {
      this.name = name;
      this.screen = document.createElement('div');
      this.screen.className = 'term-screen';
      this.screen.dataset.terminal = name;
      this.screen.setAttribute('role', 'tabpanel');
      this.screen.setAttribute('aria-label', 'Terminal ' + name);
      host.append(this.screen);
      this.line = '';
      this.cursor = 0;
      this.row = 0;
      this.continuing = false;
      this.busy = true;
      this.connected = false;
      this.typeAhead = [];
      this.historyIndex = 0;
      this.draft = '';
      this.search = null;
      this.tabs = 0;
      this.escape = false;
      this.completionId = 0;
      this.entry = null;
      this.waiters = [];
      this.recalled = null;
      this.retry = 0;
      this.closedByUser = false;
      this.ready = xtermReady.then(([xterm, fit]) => this.open(xterm.Terminal, fit.FitAddon));
    }

    open(XTerm, FitAddon) {
      const t = new XTerm({
        convertEol: true,
        cursorBlink: true,
        fontFamily: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
        fontSize: fontSize,
        scrollback: 2000,
        screenReaderMode: screenReader,
        theme: theme()
      });
      this.term = t;
      this.fit = new FitAddon();
      t.loadAddon(this.fit);
      t.open(this.screen);
      const textarea = this.screen.querySelector('textarea');
      if (textarea) {
        textarea.id = this.name === 'T1' ? 'terminal-input' : 'terminal-input-' + this.name;
        textarea.setAttribute('aria-label', 'Terminal ' + this.name + ' input');
      }
      t.attachCustomKeyEventHandler((e) => this.keyEvent(e));
      t.onData((data) => this.feed(data));
      t.onSelectionChange(() => {
        const text = t.getSelection();
        if (text && navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).catch(() => { /* the page may not hold the focus */ });
        }
      });
      new ResizeObserver(() => this.refit()).observe(this.screen);
      this.refit();
      this.connect();
    }

    refit() {
      if (!this.fit || this.screen.offsetParent === null) return;
      cancelAnimationFrame(this.fitFrame);
      this.fitFrame = requestAnimationFrame(() => {
        try { this.fit.fit(); } catch (ignored) { /* hidden meanwhile */ }
      });
    }

    /** Escape then Tab leaves the terminal: the key is not xterm's, so the browser moves the focus. */
    keyEvent(e) {
      if (e.type !== 'keydown') return true;
      if (e.key === 'Escape') {
        this.escape = true;
        return true;
      }
      if (e.key === 'Tab' && this.escape) {
        this.escape = false;
        return false;
      }
      if (e.key === 'Tab') {
        // xterm sends \t; the browser must not move the focus
        e.preventDefault();
      }
      if (e.key !== 'Shift') this.escape = false;
      return true;
    }

    // ------------------------------------------------------------ session

    connect() {
      const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
      const ws = new WebSocket(scheme + '//' + location.host + '/sandbox/terminals/' + this.name +
        '/socket?csrf=' + encodeURIComponent(csrfToken));
      this.ws = ws;
      ws.onmessage = (e) => {
        let m;
        try { m = JSON.parse(e.data); } catch (ignored) { return; }
        this.message(m);
      };
      ws.onclose = (e) => this.disconnected(e);
      clearInterval(this.ping);
      this.ping = setInterval(() => this.send({ t: 'ping' }), PING_MS);
    }

    send(m) {
      if (this.ws && this.ws.readyState === WebSocket.OPEN) {
        this.ws.send(JSON.stringify(m));
        return true;
      }
      return false;
    }

    disconnected(e) {
      clearInterval(this.ping);
      this.connected = false;
      if (this.closedByUser) return;
      if (this.refused) {
        this.setBusy(false);
        return;
      }
      this.failWaiters('The terminal lost its connection to the server.');
      if (e.code === 1008 || this.retry > 6) {
        this.term.write('\r\n\x1b[33m[The terminal cannot reach the server: reload the page.]' + RESET + '\r\n');
        return;
      }
      this.term.write('\r\n\x1b[33m[Connection lost: reconnecting…]' + RESET + '\r\n');
      const wait = Math.min(30000, 1000 * 2 ** this.retry++);
      setTimeout(() => this.connect(), wait);
    }

    message(m) {
      switch (m.t) {
        case 'hello': return this.hello(m);
        case 'out': return this.output(m.d || '');
        case 'more': return this.more();
        case 'done': return this.done(m);
        case 'completion': return this.completion(m);
        case 'refused':
          this.refused = true;
          this.term.write('\x1b[33m' + m.message + RESET + '\r\n');
          this.failWaiters(m.message);
          return undefined;
        default: return undefined;
      }
    }

    hello(m) {
      this.connected = true;
      this.retry = 0;
      if (!historyLoaded) {
        history = (m.history || []).slice(-500);
        historyLoaded = true;
      }
      this.historyIndex = history.length;
      this.term.reset();
      if (m.scrollback) {
        this.term.write(m.scrollback);
      } else if (this.name === 'T1') {
        this.term.write('\x1b[90mYour own Bookinfo cluster with Istio 1.8.1. Type help for the commands, ' +
          'or click a command in the lesson.' + RESET + '\r\n');
      }
      if (this.name === 'T1') {
        for (const name of m.terminals || []) {
          if (name !== 'T1') openTerminal(name, false);
        }
      }
      this.term.write(m.scrollback && !m.scrollback.endsWith('\n') ? '\r\n' : '');
      this.continuing = false;
      this.line = '';
      this.cursor = 0;
      this.setBusy(false);
      this.prompt();
      host.dataset.state = 'ready';
      this.screen.dataset.state = 'ready';
      this.replayTypeAhead();
    }

    output(d) {
      this.term.write(d);
      if (this.entry) this.entry.output += d;
      this.lastOutput = d;
    }

    more() {
      this.continuing = true;
      this.setBusy(false);
      this.prompt();
      this.replayTypeAhead();
    }

    done(m) {
      const entry = this.entry;
      this.entry = null;
      for (const action of m.actions || []) {
        if (action.type === 'clear') {
          this.term.clear();
          this.term.write('\x1b[2J\x1b[H');
          clearTranscript(this.name);
        } else if (action.type === 'open') {
          document.dispatchEvent(new CustomEvent('tl:terminal-open', { detail: { path: action.path } }));
        }
      }
      if (entry) {
        entry.exitCode = m.code;
        record(this.name, entry);
        if (entry.waiter) entry.waiter.resolve({ output: entry.output, exitCode: m.code, actions: m.actions || [] });
      }
      if (this.lastOutput && !this.lastOutput.endsWith('\n')) this.term.write('\r\n');
      this.lastOutput = '';
      this.continuing = false;
      this.setBusy(false);
      this.prompt();
      this.replayTypeAhead();
    }

    failWaiters(message) {
      const waiters = this.waiters.splice(0);
      if (this.entry && this.entry.waiter) waiters.push(this.entry.waiter);
      waiters.forEach((w) => w.resolve({ output: message + '\n', exitCode: 1, actions: [] }));
      this.entry = null;
    }

    setBusy(busy) {
      this.busy = busy;
      if (active === this) {
        host.dataset.busy = String(busy || this.typeAhead.length > 0);
      }
    }

    // ------------------------------------------------------------ line editing

    feed(data) {
      if (!this.term) return;
      for (const key of keys(data)) {
        if (this.busy) {
          if (key === '\x03') {
            this.interrupt();
          } else {
            this.typeAhead.push(key);
            this.setBusy(true);
          }
          continue;
        }
        this.key(key);
      }
    }

    replayTypeAhead() {
      const queued = this.typeAhead.splice(0);
      if (queued.length) this.feed(queued.join(''));
      this.setBusy(this.busy);
    }

    key(k) {
      if (this.search) return this.searchKey(k);
      const wasTab = k === '\t';
      if (!wasTab) this.tabs = 0;
      switch (k) {
        case '\r': case '\n': return this.enter();
        case '\x7f': case '\b':
          if (this.cursor > 0) this.edit(this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor), this.cursor - 1);
          return undefined;
        case '\x1b[3~': case '\x04':
          if (k === '\x04' && this.line === '') return this.endOfInput();
          if (this.cursor < this.line.length) this.edit(this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1), this.cursor);
          return undefined;
        case '\x1b[D': case '\x02': return this.move(this.cursor - 1);
        case '\x1b[C': case '\x06': return this.move(this.cursor + 1);
        case '\x1b[H': case '\x1bOH': case '\x1b[1~': case '\x01': return this.move(0);
        case '\x1b[F': case '\x1bOF': case '\x1b[4~': case '\x05': return this.move(this.line.length);
        case '\x1bb': case '\x1b[1;5D': return this.move(wordStart(this.line, this.cursor));
        case '\x1bf': case '\x1b[1;5C': return this.move(wordEnd(this.line, this.cursor));
        case '\x15': return this.edit(this.line.slice(this.cursor), 0);
        case '\x0b': return this.edit(this.line.slice(0, this.cursor), this.cursor);
        case '\x17': case '\x1b\x7f': {
          const from = wordStart(this.line, this.cursor);
          return this.edit(this.line.slice(0, from) + this.line.slice(this.cursor), from);
        }
        case '\x1b[A': case '\x10': return this.recall(-1);
        case '\x1b[B': case '\x0e': return this.recall(1);
        case '\x12': return this.startSearch();
        case '\x03': return this.interrupt();
        case '\x0c': return this.clearScreen();
        case '\t': return this.tab();
        default:
          if (k.length === 1 && k >= ' ') {
            return this.edit(this.line.slice(0, this.cursor) + k + this.line.slice(this.cursor), this.cursor + 1);
          }
          return undefined;
      }
    }

    promptText() {
      if (this.search) {
        return '(reverse-i-search)`' + this.search.query + "': ";
      }
      return this.continuing ? CONTINUATION : PROMPT;
    }

    prompt() {
      this.row = 0;
      this.render(true);
    }

    /** Draws prompt and line again and puts the cursor where it belongs (the line may wrap). */
    render(fresh) {
      const t = this.term;
      const cols = Math.max(1, t.cols);
      const p = this.promptText();
      let out = '';
      if (!fresh) {
        out += (this.row > 0 ? '\x1b[' + this.row + 'A' : '') + '\r';
      }
      out += '\x1b[J';
      out += this.continuing || this.search ? p : COLOR_PROMPT + p + RESET;
      out += this.line;
      const end = p.length + this.line.length;
      let endRow = Math.floor(end / cols);
      if (end > 0 && end % cols === 0) {
        out += '\r\n';
      } else {
        endRow = Math.floor(end / cols);
      }
      const target = p.length + this.cursor;
      const targetRow = Math.floor(target / cols);
      const col = target % cols;
      if (endRow > targetRow) out += '\x1b[' + (endRow - targetRow) + 'A';
      out += '\r' + (col > 0 ? '\x1b[' + col + 'C' : '');
      this.row = targetRow;
      t.write(out);
      if (active === this) host.dataset.line = this.line;
      this.screen.dataset.line = this.line;
    }

    edit(line, cursor) {
      this.line = line;
      this.cursor = Math.max(0, Math.min(cursor, line.length));
      this.recalled = this.recalled && this.recalled.display === line ? this.recalled : null;
      this.render(false);
    }

    move(cursor) {
      this.edit(this.line, cursor);
    }

    /** Leaves the cursor after the input, on a new line. */
    finishLine(suffix) {
      this.move(this.line.length);
      this.term.write((suffix || '') + '\r\n');
    }

    enter() {
      const typed = this.recalled && this.recalled.display === this.line ? this.recalled.command : this.line;
      this.recalled = null;
      this.finishLine();
      if (!this.entry) {
        this.entry = { command: typed, output: '', exitCode: null };
        // a lesson button's command: its promise resolves when this entry ends
        if (this.waiters.length && this.waiters[0].first === typed) this.entry.waiter = this.waiters.shift();
      } else {
        this.entry.command += '\n' + typed;
      }
      if (!this.continuing && typed.trim()) remember(typed);
      else if (this.continuing && typed.trim()) extendLastHistory(typed);
      this.historyIndex = history.length;
      this.draft = '';
      this.line = '';
      this.cursor = 0;
      this.setBusy(true);
      if (!this.send({ t: 'line', text: typed })) {
        this.output('The terminal is not connected to the server yet.\n');
        this.done({ code: 1, actions: [] });
      }
    }

    interrupt() {
      this.typeAhead = [];
      if (this.search) {
        this.search = null;
      }
      if (this.busy) {
        this.send({ t: 'int' });
        return;
      }
      const typed = this.line;
      this.finishLine('^C');
      this.send({ t: 'int', text: typed });
      this.entry = null;
      this.continuing = false;
      this.line = '';
      this.cursor = 0;
      this.historyIndex = history.length;
      this.prompt();
    }

    endOfInput() {
      if (this.continuing) return;
      if (this.name !== 'T1') {
        this.finishLine('exit');
        closeTerminal(this.name);
        return;
      }
      this.finishLine();
      this.term.write('\x1b[90m(Ctrl+D: the first terminal stays open)' + RESET + '\r\n');
      this.prompt();
    }

    clearScreen() {
      this.term.write('\x1b[H\x1b[2J');
      this.term.clear();
      this.send({ t: 'clear' });
      clearTranscript(this.name);
      this.prompt();
    }

    recall(step) {
      const next = this.historyIndex + step;
      if (next < 0 || next > history.length) return;
      if (this.historyIndex === history.length) this.draft = this.line;
      this.historyIndex = next;
      const command = next === history.length ? this.draft : history[next];
      if (command.includes('\n')) {
        const display = command.replace(/\n/g, ' \u23CE ');
        this.edit(display, display.length);
        this.recalled = { display: display, command: command };
      } else {
        this.edit(command, command.length);
      }
    }

    // ------------------------------------------------------------ Ctrl+R

    startSearch() {
      this.search = { query: '', index: history.length, saved: this.line, match: '' };
      this.renderSearch();
    }

    findBackwards(from) {
      const q = this.search.query;
      for (let i = from; i >= 0; i--) {
        if (history[i] !== undefined && history[i].includes(q)) return i;
      }
      return -1;
    }

    searchKey(k) {
      const s = this.search;
      if (k === '\x12') {
        const i = this.findBackwards(s.index - 1);
        if (i >= 0) s.index = i;
        return this.renderSearch();
      }
      if (k === '\x7f' || k === '\b') {
        s.query = s.query.slice(0, -1);
        const i = this.findBackwards(history.length - 1);
        s.index = i >= 0 ? i : history.length;
        return this.renderSearch();
      }
      if (k === '\x07' || k === '\x03') {
        this.search = null;
        return this.edit(s.saved, s.saved.length);
      }
      if (k.length === 1 && k >= ' ') {
        s.query += k;
        const i = this.findBackwards(Math.min(s.index, history.length - 1));
        if (i >= 0) s.index = i;
        return this.renderSearch();
      }
      // any other key accepts the match into the line, then acts as usual (Enter runs it)
      const found = s.index < history.length ? history[s.index] : s.saved;
      this.search = null;
      this.line = found.includes('\n') ? found.replace(/\n/g, ' \u23CE ') : found;
      this.recalled = found.includes('\n') ? { display: this.line, command: found } : null;
      this.cursor = this.line.length;
      this.historyIndex = s.index;
      this.render(false);
      if (k === '\x1b') return undefined;
      return this.key(k);
    }

    renderSearch() {
      const s = this.search;
      const found = s.query && s.index < history.length ? history[s.index] : '';
      this.line = found.replace(/\n/g, ' \u23CE ');
      this.cursor = Math.max(0, this.line.indexOf(s.query));
      this.render(false);
    }

    // ------------------------------------------------------------ Tab

    tab() {
      this.tabs++;
      const id = ++this.completionId;
      const before = this.line.slice(0, this.cursor);
      this.pendingCompletion = { id: id, before: before, listing: this.tabs >= 2 };
      this.send({ t: 'complete', id: id, line: before });
    }

    completion(m) {
      const want = this.pendingCompletion;
      if (!want || want.id !== m.id || this.busy || this.line.slice(0, this.cursor) !== want.before) return;
      this.pendingCompletion = null;
      const candidates = m.candidates || [];
      const word = want.before.slice(m.from);
      const after = this.line.slice(this.cursor);
      if (candidates.length === 1) {
        const c = candidates[0];
        const insert = c + (c.endsWith('/') || after.startsWith(' ') ? '' : ' ');
        this.tabs = 0;
        return this.edit(want.before.slice(0, m.from) + insert + after, m.from + insert.length);
      }
      if (candidates.length === 0) {
        this.term.write('\x07');
        return undefined;
      }
      if (m.common && m.common.length > word.length) {
        // readline: this counts as the first Tab, so the next one lists
        return this.edit(want.before.slice(0, m.from) + m.common + after, m.from + m.common.length);
      }
      if (!want.listing) {
        this.term.write('\x07');
        return undefined;
      }
      // second Tab: list the candidates under the line, then the prompt and line again
      this.move(this.line.length);
      this.term.write('\r\n' + columns(candidates, this.term.cols) + '\r\n');
      const cursor = this.cursor;
      this.prompt();
      this.move(cursor);
      return undefined;
    }

    // ------------------------------------------------------------ driven by the page

    /** Runs a command as if typed (a lesson button): queued behind what runs now, as type-ahead is. */
    run(command, interrupt) {
      return new Promise((resolve) => {
        const lines = command.replace(/\r\n?/g, '\n').split('\n');
        this.waiters.push({ resolve: resolve, first: lines[0] });
        if (interrupt) this.feed('\x03');
        // the command replaces whatever was half typed, as a paste after End, Ctrl+U would
        this.feed('\x05\x15' + lines.join('\r') + '\r');
      });
    }

    /** Types text without pressing Enter (Katacoda's no-newline), replacing what was half typed. */
    type(text, interrupt) {
      if (interrupt) this.feed('\x03');
      this.feed('\x05\x15' + text.replace(/\r\n?|\n/g, ' '));
    }

    /** Presses keys as a Katacoda ctrl-seq names them: ^C, ^D, ^L, ^ESC ... */
    press(sequence) {
      this.feed(controlKeys(sequence));
    }

    note(text) {
      if (!this.term) return;
      const typed = this.line;
      this.move(typed.length);
      this.term.write('\r\x1b[K\x1b[90m' + text + RESET + '\r\n');
      if (!this.busy) this.prompt();
    }

    focus() {
      if (this.term) this.term.focus();
    }

    setFont(size) {
      if (!this.term) return;
      this.term.options.fontSize = size;
      this.refit();
    }

    setScreenReader(on) {
      if (this.term) this.term.options.screenReaderMode = on;
    }

    dispose() {
      this.closedByUser = true;
      clearInterval(this.ping);
      this.send({ t: 'close' });
      if (this.ws) this.ws.close();
      this.failWaiters('The terminal was closed.');
      if (this.term) this.term.dispose();
      this.screen.remove();
    }
  }

  /** "^C" → Ctrl+C, "^ESC" or "^[" → Esc; several may follow each other ("^C^C"); other text is typed as is. */
  function controlKeys(sequence) {
    return sequence.trim().replace(/\^(ESC|\[|[A-Za-z@\\\]^_])/gi, (all, key) => {
      if (key.toUpperCase() === 'ESC' || key === '[') return '\x1b';
      return String.fromCharCode(key.toUpperCase().charCodeAt(0) & 0x1f);
    });
  }

  // -------------------------------------------------------------- history shared by the page's terminals

  function remember(command) {
    if (history[history.length - 1] !== command) {
      history.push(command);
      if (history.length > 500) history = history.slice(-500);
    }
  }

  function extendLastHistory(more) {
    if (history.length) history[history.length - 1] += '\n' + more;
  }

  // -------------------------------------------------------------- transcript: each command, its output and status

  function record(name, entry) {
    const div = document.createElement('div');
    div.className = 'term-entry';
    div.dataset.terminal = name;
    div.dataset.exitCode = String(entry.exitCode);
    const cmd = document.createElement('pre');
    cmd.className = 'term-command';
    cmd.textContent = entry.command;
    const out = document.createElement('pre');
    out.className = 'term-result';
    out.textContent = entry.output.replace(/\n$/, '');
    div.append(cmd, out);
    transcript.append(div);
    while (transcript.childElementCount > MAX_TRANSCRIPT) transcript.firstElementChild.remove();
  }

  function clearTranscript(name) {
    transcript.querySelectorAll('.term-entry[data-terminal="' + name + '"]').forEach((e) => e.remove());
  }

  // -------------------------------------------------------------- tabs: T1, T2, …

  function tabButton(name) {
    return tabsEl.querySelector('[data-terminal="' + name + '"]');
  }

  function openTerminal(name, show) {
    let t = terminals.get(name);
    if (!t) {
      if (terminals.size >= MAX_TERMINALS) return null;
      t = new Terminal(name);
      terminals.set(name, t);
      if (!tabButton(name)) {
        const b = document.createElement('button');
        b.type = 'button';
        b.setAttribute('role', 'tab');
        b.className = 'term-tab';
        b.dataset.terminal = name;
        b.textContent = name;
        const close = document.createElement('span');
        close.className = 'term-tab-close';
        close.setAttribute('role', 'button');
        close.setAttribute('aria-label', 'Close terminal ' + name);
        close.title = 'Close ' + name;
        close.textContent = '×';
        b.append(close);
        const names = Array.from(tabsEl.children).map((c) => c.dataset.terminal);
        const after = names.filter((n) => n < name).pop();
        if (after) tabButton(after).after(b); else tabsEl.prepend(b);
      }
      updateAdd();
    }
    if (show) select(t);
    return t;
  }

  function closeTerminal(name) {
    const t = terminals.get(name);
    if (!t || name === 'T1') return;
    terminals.delete(name);
    t.dispose();
    clearTranscript(name);
    const b = tabButton(name);
    if (b) b.remove();
    if (active === t) select(terminals.get('T1'));
    updateAdd();
  }

  function updateAdd() {
    const add = document.getElementById('terminal-add');
    if (add) add.disabled = terminals.size >= MAX_TERMINALS;
  }

  function select(t) {
    active = t;
    for (const other of terminals.values()) other.screen.classList.toggle('active', other === t);
    for (const b of tabsEl.children) b.setAttribute('aria-selected', String(b.dataset.terminal === t.name));
    host.dataset.terminal = t.name;
    host.dataset.line = t.line;
    t.setBusy(t.busy);
    t.refit();
    t.focus();
  }

  function nextName() {
    for (let i = 1; i <= MAX_TERMINALS; i++) {
      if (!terminals.has('T' + i)) return 'T' + i;
    }
    return null;
  }

  tabsEl.addEventListener('click', (e) => {
    const b = e.target.closest('.term-tab');
    if (!b) return;
    if (e.target.closest('.term-tab-close')) {
      closeTerminal(b.dataset.terminal);
      return;
    }
    select(openTerminal(b.dataset.terminal, false));
  });

  document.getElementById('terminal-add').addEventListener('click', () => {
    const name = nextName();
    if (name) openTerminal(name, true);
  });

  document.getElementById('terminal-font-smaller').addEventListener('click', () => changeFont(-1));
  document.getElementById('terminal-font-larger').addEventListener('click', () => changeFont(1));

  function changeFont(step) {
    fontSize = Math.max(FONT_MIN, Math.min(FONT_MAX, fontSize + step));
    store('tl-term-font', String(fontSize));
    terminals.forEach((t) => t.setFont(fontSize));
  }

  const srBox = document.getElementById('terminal-screen-reader');
  srBox.checked = screenReader;
  srBox.addEventListener('change', () => {
    screenReader = srBox.checked;
    store('tl-term-sr', String(screenReader));
    terminals.forEach((t) => t.setScreenReader(screenReader));
  });

  // The divider, the window and the Terminal tab change the pane's size: every visible screen refits.
  window.addEventListener('resize', () => terminals.forEach((t) => t.refit()));

  const first = openTerminal('T1', false);
  active = first;
  first.screen.classList.add('active');
  first.ready.catch((err) => {
    host.dataset.state = 'failed';
    const p = document.getElementById('terminal-loading');
    if (p) p.textContent = 'The terminal could not start: ' + err.message + '. Reload the page.';
  }).then(() => {
    const p = document.getElementById('terminal-loading');
    if (p && host.dataset.state !== 'failed') p.remove();
  });

  /** What app.js uses: run a command in a terminal (opening it), write a note, focus, refit. */
  window.TrafficLabTerminals = {
    run(command, options) {
      const o = options || {};
      const t = o.terminal ? openTerminal(o.terminal, true) : active;
      if (!t) {
        return Promise.resolve({ output: 'A sandbox has at most 4 terminals.\n', exitCode: 1, actions: [] });
      }
      if (o.terminal) select(t);
      return t.ready.then(() => {
        t.focus();
        return t.run(command, o.interrupt);
      });
    },
    /** Types text into a terminal without running it (no-newline), or presses a control sequence (ctrl-seq). */
    type(text, options) {
      const o = options || {};
      const t = o.terminal ? openTerminal(o.terminal, true) : active;
      if (!t) return Promise.resolve(false);
      if (o.terminal) select(t);
      return t.ready.then(() => {
        t.focus();
        if (o.keys) t.press(text);
        else t.type(text, o.interrupt);
        return true;
      });
    },
    note(text) {
      terminals.forEach((t) => t.note(text));
    },
    focus() {
      if (active) active.focus();
    },
    refit() {
      terminals.forEach((t) => t.refit());
    },
    active() {
      return active ? active.name : null;
    }
  };
})();
