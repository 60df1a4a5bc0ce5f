// The wallboard of one tenant (the tenant is the path: /wallboard/{tenant}). It reads a snapshot from the control API's
// listings, then follows GET /sim/tenants/{tenant}/events and re-reads only what an event touched (the call, the queue,
// the agents), at most a few reads a second: a busy tenant costs the host the same few reads whatever its call rate.
// Everything from the server is put in the page as text (textContent), never as HTML.
'use strict';
(() => {
  const tenant = decodeURIComponent(location.pathname.split('/')[2] || '');
  const base = '/sim/tenants/' + encodeURIComponent(tenant);
  const keyName = 'pbxgrains.controlApiKey';

  // Beyond this many changed calls in one flush, one read of the calls listing is cheaper than a read per call.
  const maxCallReads = 8;
  // At most one flush (one round of reads) per this many milliseconds.
  const flushEvery = 300;
  const maxCallsShown = 200;

  const model = { queues: new Map(), agents: new Map(), calls: new Map(), traffic: new Map(), phones: new Map(), agentSince: new Map(), slHistory: new Map() };

  // The service level over the last minutes: the queue's counters as this page saw them over time (the statistics are
  // since their last reset), so the window starts when the page opened if that is later.
  const slWindowMs = 15 * 60 * 1000;
  const dirty = { calls: new Set(), queues: new Set(), agents: false, allCalls: false };
  let clock = null;
  let connection = null;
  let retryMs = 1000;
  let flushTimer = null;
  let flushing = false;
  let lastFlush = 0;

  const $ = (id) => document.getElementById(id);

  // ---- talking to the control API -------------------------------------------------------------------------------
  function headers(extra) {
    const result = Object.assign({}, extra);
    const key = sessionStorage.getItem(keyName);
    if (key) {
      result.Authorization = 'Bearer ' + key;
    }
    return result;
  }

  // Paths are the tenant's (/calls → /sim/tenants/{tenant}/calls) unless they name /sim/ themselves.
  function api(method, path, body, signal) {
    const init = { method, cache: 'no-store', signal, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
    }
    return fetch(path.startsWith('/sim/') ? path : base + path, init);
  }

  async function explain(response) {
    try {
      const problem = await response.json();
      return (problem.detail || problem.title || response.statusText) + ' (' + response.status + ')';
    } catch {
      return response.status + ' ' + response.statusText;
    }
  }

  async function readJson(path) {
    const response = await api('GET', path);
    if (response.status === 404) {
      return null;
    }
    if (!response.ok) {
      throw new Error(path + ': ' + await explain(response));
    }
    return response.json();
  }

  // ---- the snapshot and the event stream ----------------------------------------------------------------------------
  async function loadSnapshot() {
    const [queues, agents, calls, traffic, extensions, now] = await Promise.all([
      readJson('/queues'), readJson('/agents'), readJson('/calls'), readJson('/traffic'), readJson('/extensions'), readJson('/sim/clock')]);
    if (now) {
      clock = { now: Date.parse(now.now), speed: now.speed, at: Date.now() };
    }
    replace(model.queues, queues || [], (q) => q.name);
    replace(model.calls, calls || [], (c) => c.callId);
    replace(model.traffic, traffic || [], (t) => t.name);
    replace(model.phones, (extensions || []).filter((e) => e.phone && e.phone.mode === 'manual'),
      (e) => e.number, (e) => ({ number: e.number, name: e.name, deviceState: e.deviceState }));
    setAgents(agents || []);
    renderAll();
    tick();
  }

  function replace(map, items, keyOf, shape) {
    map.clear();
    for (const item of items) {
      map.set(keyOf(item), shape ? shape(item) : item);
    }
  }

  async function connect() {
    if (connection) {
      connection.abort();
    }
    const control = new AbortController();
    connection = control;
    setStatus('connecting…', '');
    let response;
    try {
      // fetch rather than EventSource: EventSource cannot send the key's header.
      response = await api('GET', '/events', undefined, control.signal);
    } catch (error) {
      if (!control.signal.aborted) {
        reconnectLater('cannot reach the host: ' + error.message);
      }
      return;
    }
    if (!response.ok) {
      const why = await explain(response);
      if (response.status === 401 || response.status === 403) {
        setStatus('no access', 'bad');
        say(why + ': enter the control API key above.', true);
        return;
      }
      if (response.status === 404) {
        setStatus('no such tenant', 'bad');
        say(why, true);
        return;
      }
      reconnectLater(why);
      return;
    }

    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    control.signal.addEventListener('abort', () => reader.cancel().catch(() => {}));
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += value.replace(/\r\n/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          dispatch(block);
        }
      }
    } catch {
      // The connection broke; reconnecting below.
    }
    if (connection === control && !control.signal.aborted) {
      reconnectLater('the event stream ended');
    }
  }

  function reconnectLater(why) {
    setStatus('reconnecting', 'bad');
    say(why + '; trying again in ' + Math.round(retryMs / 1000) + ' s.', true);
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 30000);
  }

  function dispatch(block) {
    let type = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) {
        type = line.slice(6).trim();
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
    }
    const payload = data.length ? JSON.parse(data.join('\n')) : null;
    if (type === 'ready') {
      // From here on every event reaches us, so a snapshot read now misses nothing.
      retryMs = 1000;
      setStatus('live', 'live');
      say('', false);
      loadSnapshot().catch((error) => say('snapshot: ' + error.message, true));
    } else if (type === 'calls') {
      apply(payload);
    } else if (type === 'overrun') {
      say('This page fell behind the events (' + payload.reason + '); reloading.', false);
    }
  }

  // ---- events: note what changed, show what the event itself says, re-read the rest ---------------------------
  function apply(events) {
    for (const e of events) {
      if (e.callId) {
        dirty.calls.add(e.callId);
        showLeg(e);
      }
      if (e.queue) {
        dirty.queues.add(e.queue);
      }
      if (e.kind === 'queueMemberChanged') {
        dirty.agents = true;
      }
      if (e.kind === 'deviceStateChanged' && e.extension) {
        const phone = model.phones.get(e.extension);
        if (phone) {
          phone.deviceState = e.deviceState;
          renderPhones();
        }
        for (const agent of model.agents.values()) {
          if (agent.extension === e.extension) {
            dirty.agents = true;
          }
        }
      }
    }
    renderCalls();
    scheduleFlush();
  }

  // The event carries the leg's new state: shown at once, before the call's re-read fills in the rest.
  function showLeg(e) {
    let call = model.calls.get(e.callId);
    if (!call) {
      if (e.kind !== 'channelCreated') {
        return;
      }
      call = { callId: e.callId, phase: 'setup', source: e.callerIdNumber || '', destination: '', started: e.at, legs: [] };
      model.calls.set(e.callId, call);
    }
    let leg = call.legs.find((l) => l.name === e.channel);
    if (!leg) {
      leg = { name: e.channel, created: e.at };
      call.legs.push(leg);
    }
    leg.state = e.kind === 'hungUp' ? 'hungUp' : e.state;
    leg.onHold = e.onHold;
    leg.linkedChannel = e.linkedChannel;
  }

  function scheduleFlush() {
    if (flushTimer || flushing) {
      return;
    }
    flushTimer = setTimeout(flush, Math.max(0, lastFlush + flushEvery - Date.now()));
  }

  async function flush() {
    flushTimer = null;
    flushing = true;
    lastFlush = Date.now();
    const calls = [...dirty.calls];
    const queues = [...dirty.queues];
    const agents = dirty.agents;
    dirty.calls.clear();
    dirty.queues.clear();
    dirty.agents = false;
    try {
      const reads = [];
      if (calls.length > maxCallReads) {
        reads.push(readJson('/calls').then((all) => replace(model.calls, all || [], (c) => c.callId)));
      } else {
        reads.push(...calls.map(readCall));
      }
      reads.push(...queues.map(readQueue));
      if (agents) {
        reads.push(readJson('/agents').then((all) => setAgents(all || [])));
      }
      await Promise.all(reads);
    } catch (error) {
      say(error.message, true);
    } finally {
      flushing = false;
      renderCalls();
      renderQueues();
      renderAgents();
      if (dirty.calls.size || dirty.queues.size || dirty.agents) {
        scheduleFlush();
      }
    }
  }

  async function readCall(callId) {
    const call = await readJson('/calls/' + encodeURIComponent(callId));
    if (!call || call.phase === 'ended') {
      model.calls.delete(callId);
    } else {
      model.calls.set(callId, call);
    }
  }

  async function readQueue(name) {
    const queue = await readJson('/queues/' + encodeURIComponent(name));
    if (queue) {
      model.queues.set(name, queue);
    } else {
      model.queues.delete(name);
    }
  }

  // Time in state is measured from the change this page saw (or, on first sight, from the last call or the login).
  function setAgents(agents) {
    const seen = new Set();
    for (const agent of agents) {
      seen.add(agent.id);
      const state = agent.status + (agent.paused ? '/paused' : '');
      const known = model.agentSince.get(agent.id);
      if (!known) {
        const since = [agent.lastCall, agent.loggedInAt].filter(Boolean).map(Date.parse).sort((a, b) => b - a)[0];
        model.agentSince.set(agent.id, { state, since: agent.loggedIn ? since : undefined });
      } else if (known.state !== state) {
        model.agentSince.set(agent.id, { state, since: simNow() });
      }
      model.agents.set(agent.id, agent);
    }
    for (const id of [...model.agents.keys()]) {
      if (!seen.has(id)) {
        model.agents.delete(id);
        model.agentSince.delete(id);
      }
    }
  }

  // ---- rendering (text only) -------------------------------------------------------------------------------------
  function simNow() {
    return clock ? clock.now + (Date.now() - clock.at) * clock.speed : Date.now();
  }

  function duration(fromMs) {
    if (fromMs === undefined || Number.isNaN(fromMs)) {
      return '—';
    }
    const s = Math.max(0, Math.floor((simNow() - fromMs) / 1000));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const pad = (n) => String(n).padStart(2, '0');
    return (h ? h + ':' + pad(m) : m) + ':' + pad(s % 60);
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text === undefined || text === null ? '' : String(text);
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  // A cell whose text is the time since a moment, kept current by the ticker.
  function since(row, fromMs) {
    const td = cell(row, duration(fromMs), 'num');
    if (fromMs !== undefined && !Number.isNaN(fromMs)) {
      td.dataset.since = String(fromMs);
    }
    return td;
  }

  function button(parent, text, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', action);
    parent.appendChild(b);
    return b;
  }

  function body(tableId) {
    const tbody = $(tableId).tBodies[0];
    tbody.replaceChildren();
    return tbody;
  }

  function renderQueues() {
    const tbody = body('queues');
    for (const q of [...model.queues.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const row = tbody.insertRow();
      cell(row, q.displayName && q.displayName !== q.name ? q.name + ' (' + q.displayName + ')' : q.name);
      cell(row, q.waiting, 'num');
      const waiting = q.calls.filter((c) => c.status === 'waiting').map((c) => Date.parse(c.entered));
      since(row, waiting.length ? Math.min(...waiting) : undefined);
      const s = q.statistics;
      cell(row, s.answered, 'num');
      cell(row, s.abandoned, 'num');
      cell(row, s.offered ? s.serviceLevelPercent.toFixed(1) + ' % in ' + s.serviceLevelSeconds + ' s' : '—', 'num');
      cell(row, recentServiceLevel(q.name, s), 'num');
      cell(row, s.offered ? s.averageWaitSeconds.toFixed(1) + ' s' : '—', 'num');
      cell(row, q.members.length, 'num');
    }
  }

  // Keeps the samples of the last window (and the one just before it, where the window starts); a reset starts over.
  function recentServiceLevel(name, s) {
    const now = Date.now();
    let history = model.slHistory.get(name) || [];
    const last = history[history.length - 1];
    if (last && s.offered < last.offered) {
      history = [];
    }

    if (!last || last.offered !== s.offered || last.within !== s.answeredWithinServiceLevel || now - last.t > 30000) {
      history.push({ t: now, offered: s.offered, within: s.answeredWithinServiceLevel });
    }

    while (history.length > 2 && history[1].t <= now - slWindowMs) {
      history.shift();
    }

    model.slHistory.set(name, history);
    const first = history[0];
    const latest = history[history.length - 1];
    const offered = latest.offered - first.offered;
    return offered > 0 ? ((latest.within - first.within) * 100 / offered).toFixed(1) + ' %' : '—';
  }

  function renderAgents() {
    const tbody = body('agents');
    for (const a of [...model.agents.values()].sort((x, y) => x.id.localeCompare(y.id))) {
      const row = tbody.insertRow();
      cell(row, a.id);
      cell(row, a.name);
      cell(row, a.status, 'state-' + a.status);
      cell(row, a.extension || '');
      since(row, (model.agentSince.get(a.id) || {}).since);
      cell(row, a.callsTaken, 'num');
      cell(row, a.paused ? 'paused' + (a.pauseReason ? ': ' + a.pauseReason : '') : '');
    }
  }

  function renderCalls() {
    const tbody = body('calls');
    const calls = [...model.calls.values()].sort((a, b) => Date.parse(a.started) - Date.parse(b.started));
    $('call-count').textContent = '(' + calls.length + (calls.length > maxCallsShown ? ', the first ' + maxCallsShown + ' shown' : '') + ')';
    for (const c of calls.slice(0, maxCallsShown)) {
      const row = tbody.insertRow();
      row.dataset.callId = c.callId;
      cell(row, c.callId);
      cell(row, c.phase + (c.queue ? ' (' + c.queue + ')' : ''), 'state-' + c.phase);
      cell(row, (c.source || '?') + ' → ' + (c.destination || '?'));
      const legs = cell(row, '');
      for (const leg of c.legs) {
        const line = document.createElement('div');
        line.className = 'leg state-' + leg.state;
        line.textContent = leg.name + ' ' + leg.state + (leg.onHold ? ' (held)' : '') + (leg.linkedChannel ? ' ↔ ' + leg.linkedChannel : '');
        legs.appendChild(line);
      }
      since(row, Date.parse(c.started));
    }
  }

  function renderPhones() {
    const tbody = body('phones');
    for (const p of [...model.phones.values()].sort((a, b) => a.number.localeCompare(b.number))) {
      const row = tbody.insertRow();
      row.dataset.extension = p.number;
      cell(row, p.number);
      cell(row, p.name);
      cell(row, p.deviceState, 'state-' + p.deviceState);
      const actions = cell(row, '', 'actions');
      for (const action of ['answer', 'reject', 'hangup']) {
        button(actions, action === 'hangup' ? 'Hang up' : action[0].toUpperCase() + action.slice(1),
          () => act('POST', '/extensions/' + encodeURIComponent(p.number) + '/' + action, undefined, p.number + ' ' + action));
      }
    }
  }

  function renderTraffic() {
    const tbody = body('traffic');
    for (const t of [...model.traffic.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const row = tbody.insertRow();
      row.dataset.traffic = t.name;
      cell(row, t.name);
      cell(row, t.kind);
      cell(row, t.target);
      cell(row, t.running ? 'on' : 'off', t.running ? 'state-up' : 'state-paused');
      cell(row, t.placed, 'num');
      const rate = cell(row, '', 'actions');
      const input = document.createElement('input');
      input.className = 'rate';
      input.type = 'number';
      input.min = '0';
      input.step = 'any';
      input.value = String(t.callsPerHour);
      rate.appendChild(input);
      button(rate, 'Set', () => trafficAct('PUT', t.name, 'rate', { callsPerHour: Number(input.value) }));
      const actions = cell(row, '');
      button(actions, t.running ? 'Stop' : 'Start', () => trafficAct('POST', t.name, t.running ? 'stop' : 'start', undefined));
    }
  }

  function renderAll() {
    renderQueues();
    renderAgents();
    renderCalls();
    renderPhones();
    renderTraffic();
  }

  function tick() {
    for (const td of document.querySelectorAll('[data-since]')) {
      td.textContent = duration(Number(td.dataset.since));
    }
    if (clock) {
      $('clock').textContent = 'simulated ' + new Date(simNow()).toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
    }
  }

  // ---- controls ----------------------------------------------------------------------------------------------------
  async function act(method, path, body, what) {
    try {
      const response = await api(method, path, body);
      if (!response.ok) {
        say(what + ': ' + await explain(response), true);
        return null;
      }
      say(what + ': done.', false);
      return response.status === 204 ? {} : response.json();
    } catch (error) {
      say(what + ': ' + error.message, true);
      return null;
    }
  }

  async function trafficAct(method, name, action, body) {
    const path = '/traffic/' + encodeURIComponent(name) + '/' + action;
    const updated = await act(method, path, body, name + ' ' + action);
    if (updated && updated.name) {
      // Generators publish no events: the answer is their new state.
      model.traffic.set(updated.name, updated);
      renderTraffic();
    }
  }

  function say(text, error) {
    const box = $('message');
    box.textContent = text;
    box.hidden = !text;
    box.className = 'message' + (error ? ' error' : '');
  }

  function setStatus(text, kind) {
    const status = $('status');
    status.textContent = text;
    status.className = 'status ' + kind;
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('tenant').textContent = tenant;
    document.title = 'Wallboard ' + tenant + ' · PbxGrains';
    $('key-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const key = $('key').value.trim();
      if (key) {
        sessionStorage.setItem(keyName, key);
      }
      $('key').value = '';
      retryMs = 1000;
      connect();
    });
    $('key-forget').addEventListener('click', () => {
      sessionStorage.removeItem(keyName);
      connect();
    });
    $('dial-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const from = $('dial-from').value.trim();
      const to = $('dial-to').value.trim();
      act('POST', '/calls', { from, to }, from + ' → ' + to);
    });
    setInterval(tick, 1000);
    connect();
  });
})();
