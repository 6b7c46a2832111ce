// Suppressions: what is being counted instead of alerted, how often it hit, and a two-step delete.
import { get, request } from './api.js';
import { clear, h, routeHref } from './dom.js';
import { formatTime, normalizeSuppressions, shortName } from './model.js';

export function renderSuppressions(main, params, app) {
  let disposed = false;
  const load = async () => {
    const items = normalizeSuppressions(await get('/api/suppressions'));
    if (disposed) return;
    clear(main).append(h('h1', null, 'Suppressions'));
    if (!items.length) {
      main.append(h('p', { role: 'status' }, 'No suppressions. Create one from an alert that is a false positive.'));
      return;
    }
    main.append(h('table', { class: 'suppressions', id: 'suppressions-table' },
      h('thead', null, h('tr', null,
        ['ID', 'SID', 'Caller', 'Callee', 'Created', 'By', 'Comment', 'Hits', 'Last hit', 'From alert', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, items.map((item) => {
        const remove = h('button', { type: 'button', class: 'danger' }, 'Delete');
        remove.addEventListener('click', async () => {
          if (remove.dataset.armed !== 'yes') {
            remove.dataset.armed = 'yes';
            remove.textContent = 'Confirm delete';
            return;
          }
          try {
            await request('DELETE', '/api/suppressions/' + encodeURIComponent(item.id));
            await load();
          } catch (error) { app.showError(error); }
        });
        return h('tr', { 'data-id': item.id },
          h('td', { class: 'num' }, item.id),
          h('td', { class: 'num' }, String(item.sid)),
          h('td', { title: item.caller }, shortName(item.caller)),
          h('td', { title: item.callee }, shortName(item.callee)),
          h('td', { class: 'time' }, formatTime(item.createdAt)),
          h('td', null, item.createdBy),
          h('td', null, item.comment ?? ''),
          h('td', { class: 'num' }, String(item.hits)),
          h('td', { class: 'time' }, formatTime(item.lastHit)),
          h('td', null, item.fromAlertId ? h('a', { href: routeHref('alert/' + item.fromAlertId) }, item.fromAlertId) : ''),
          h('td', null, remove));
      }))));
  };
  clear(main).append(h('h1', null, 'Suppressions'), h('p', { role: 'status' }, 'Loading…'));
  load().catch((error) => app.showError(error));
  return () => { disposed = true; };
}
