// The alert queue: filters (kept in the URL, so a filtered queue can be linked, e.g. from a graph edge), a table of
// alerts newest first with cursor paging, and live updates that add new alerts at the top without moving focus.
import { download, get, withQuery } from './api.js';
import { clear, h, routeHref } from './dom.js';
import { rovingRows } from './keys.js';
import { startLive } from './live.js';
import { FAMILIES, OUTCOMES, SEVERITIES, STATES, VERDICTS, calleeService, formatTime, normalizePage, shortName } from './model.js';

const PAGE_SIZE = 50;
export const FILTER_NAMES = ['from', 'to', 'severity', 'category', 'family', 'sid', 'caller', 'callee', 'verdict', 'state', 'outcome'];

/** Filter values from the route's query (only known names, as text). */
function filtersFrom(params) {
  const filters = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

/** datetime-local value (read as UTC) → ISO 8601; and back. */
const toIso = (local) => (local ? new Date(local + (local.length === 16 ? ':00Z' : 'Z')).toISOString() : '');
const toLocal = (iso) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 16);
};

function select(name, label, values, current) {
  return h('label', { class: 'field' }, label,
    h('select', { name, id: 'filter-' + name },
      h('option', { value: '' }, 'any'),
      values.map((value) => h('option', { value, selected: value === current }, value))));
}

function input(name, label, current, attributes) {
  return h('label', { class: 'field' }, label, h('input', { name, id: 'filter-' + name, value: current ?? '', ...attributes }));
}

function filterForm(filters, onApply) {
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Alert filters' },
    input('from', 'From (UTC)', filters.from ? toLocal(filters.from) : '', { type: 'datetime-local' }),
    input('to', 'To (UTC)', filters.to ? toLocal(filters.to) : '', { type: 'datetime-local' }),
    select('severity', 'Severity', SEVERITIES, filters.severity),
    input('category', 'Category', filters.category, { type: 'text', size: 14 }),
    select('family', 'Family', FAMILIES, filters.family),
    input('sid', 'SID', filters.sid, { type: 'text', inputmode: 'numeric', pattern: '[0-9]+', size: 9 }),
    input('caller', 'Caller principal', filters.caller, { type: 'text', size: 28 }),
    input('callee', 'Callee service', filters.callee, { type: 'text', size: 22 }),
    select('verdict', 'Verdict', VERDICTS, filters.verdict),
    select('state', 'Triage', STATES, filters.state),
    select('outcome', 'Proxy outcome', OUTCOMES, filters.outcome),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, 'Apply'),
      h('button', { type: 'button', id: 'filter-clear' }, 'Clear')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = {};
    for (const name of FILTER_NAMES) {
      const value = String(data.get(name) ?? '').trim();
      if (value) next[name] = name === 'from' || name === 'to' ? toIso(value) : value;
    }
    onApply(next);
  });
  form.querySelector('#filter-clear').addEventListener('click', () => onApply({}));
  return form;
}

function badge(kind, value) {
  return h('span', { class: `badge ${kind}-${value}` }, value);
}

/** What the inline proxy did; a mirror's alerts (none) leave the cell empty, so a mirror-only queue stays quiet. */
function outcomeCell(outcome) {
  return h('td', { class: 'outcome' }, outcome === 'none' ? null : badge('outcome', outcome));
}

function alertRow(alert) {
  const caller = alert.caller.principal;
  // The Service (name.namespace), whatever the caller typed; the host as used is in the title.
  const callee = calleeService(alert.callee);
  const calleeTitle = alert.callee.service && alert.callee.service !== callee ? `${callee} (called as ${alert.callee.service})` : callee;
  return h('tr', { class: 'alert-row', tabindex: -1, 'data-id': alert.id, 'aria-label': `Alert ${alert.id}: ${alert.message}` },
    h('td', { class: 'time' }, formatTime(alert.timestamp)),
    h('td', null, badge('sev', alert.severity)),
    h('td', { class: 'num' }, String(alert.sid)),
    h('td', { class: 'msg' }, alert.message),
    h('td', { class: 'who', title: caller }, shortName(caller)),
    h('td', { class: 'who callee', title: calleeTitle }, shortName(callee)),
    h('td', null, badge('verdict', alert.policy.verdict)),
    outcomeCell(alert.outcome),
    // Triage stays the last cell: addRows refreshes it in place.
    h('td', null, badge('state', alert.triage.state)));
}

export function renderQueue(main, params, app) {
  const filters = filtersFrom(params);
  const status = h('p', { class: 'count', role: 'status' }, 'Loading…');
  const body = h('tbody', { id: 'alert-rows' });
  const more = h('button', { type: 'button', id: 'load-more', hidden: true }, 'Older alerts');
  const table = h('table', { class: 'alerts', 'aria-describedby': 'queue-help' },
    h('caption', { class: 'visually-hidden' }, 'Alerts, newest first'),
    h('thead', null, h('tr', null,
      ['Time (UTC)', 'Severity', 'SID', 'Message', 'Caller', 'Callee', 'Verdict', 'Outcome', 'Triage'].map((t) => h('th', { scope: 'col' }, t)))),
    body);
  const exportButton = (format, label) => {
    const button = h('button', { type: 'button', id: 'export-' + format }, label);
    button.addEventListener('click', () => download(withQuery('/api/export/alerts.' + format, filters), 'alerts.' + format).catch(app.showError));
    return button;
  };
  clear(main).append(
    h('h1', null, 'Alerts'),
    filterForm(filters, (next) => app.navigate(routeHref('alerts', next))),
    h('div', { class: 'toolbar' }, status, h('span', { class: 'exports' }, exportButton('csv', 'Export CSV'), exportButton('jsonl', 'Export EVE'))),
    h('p', { id: 'queue-help', class: 'help' }, 'Rows: j/k or arrows to move, Enter to open.'),
    table,
    more);

  const open = (row) => app.navigate(routeHref('alert/' + row.dataset.id));
  const roving = rovingRows(body, 'tr.alert-row', open);
  body.addEventListener('click', (event) => {
    const row = event.target instanceof Element ? event.target.closest('tr.alert-row') : null;
    if (row) open(row);
  });

  const shown = new Map(); // id → row
  let cursor = null;
  const query = (extra) => withQuery('/api/alerts', { ...filters, limit: PAGE_SIZE, ...extra });
  const updateStatus = () => {
    status.textContent = shown.size === 0 ? 'No alerts match.' : `${shown.size} alert${shown.size === 1 ? '' : 's'} shown`;
    more.hidden = !cursor;
  };
  const addRows = (items, atTop) => {
    const fresh = [];
    for (const alert of items) {
      const existing = shown.get(alert.id);
      const row = alertRow(alert);
      if (existing) {
        // Keep focus and position; refresh what may have changed (triage).
        if (existing.lastElementChild.textContent !== alert.triage.state) existing.replaceChild(row.lastElementChild, existing.lastElementChild);
        continue;
      }
      shown.set(alert.id, row);
      fresh.push(row);
    }
    if (atTop) {
      for (const row of fresh) row.classList.add('fresh');
      body.prepend(...fresh);
    } else {
      body.append(...fresh);
    }
    roving.refresh();
    updateStatus();
  };

  const loadFirst = async () => {
    const page = normalizePage(await get(query()));
    if (shown.size === 0) cursor = page.next;
    addRows(page.items, shown.size > 0);
  };
  more.addEventListener('click', async () => {
    if (!cursor) return;
    try {
      const page = normalizePage(await get(query({ cursor })));
      cursor = page.next;
      addRows(page.items, false);
    } catch (error) { app.showError(error); }
  });

  let stopLive = () => {};
  let disposed = false;
  loadFirst().then(() => {
    if (!disposed) stopLive = startLive(loadFirst, app.setLiveStatus);
  }, (error) => { status.textContent = ''; app.showError(error); });
  return () => { disposed = true; stopLive(); };
}
