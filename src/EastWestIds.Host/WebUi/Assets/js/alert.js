// One alert: what fired, who called whom, the policy behind the verdict, the request with the matched span marked,
// and the analyst's actions (triage with a comment, suppress this sid for this caller → callee), with the audit trail.
import { get, getActor, request, setActor } from './api.js';
import { clear, h, link, markedText, routeHref } from './dom.js';
import { STATES, calleeService, formatTime, normalizeAlert, normalizeAudit, normalizeSuppression, relatedFromEve } from './model.js';

/** The EVE line indented for reading; shown as it is when it does not parse. Text either way. */
function prettyJson(text) {
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
}

const apiPath = (id, rest = '') => '/api/alerts/' + encodeURIComponent(id) + rest;

function facts(rows) {
  return h('dl', { class: 'facts' }, rows
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([term, value]) => [h('dt', null, term), h('dd', null, value)]));
}

/**
 * Where the evidence is in the request. The excerpt (with the span inside it) is looked for in the part the buffer
 * names first (http.uri → request line, http.header → headers, http.request_body → body), then in the others;
 * the first place that holds it gets the mark. Transformed buffers (decoded, normalised) may be found nowhere:
 * then only the evidence excerpt below shows the mark.
 */
function locate(alert) {
  const evidence = alert.evidence;
  if (!evidence || evidence.length <= 0 || evidence.offset < 0 || evidence.offset + evidence.length > evidence.excerpt.length) return null;
  const matched = evidence.excerpt.slice(evidence.offset, evidence.offset + evidence.length);
  const parts = [['line', alert.request.requestLine]];
  alert.request.headers.forEach((header, index) => parts.push(['header:' + index, header.value]));
  if (alert.request.body !== null) parts.push(['body', alert.request.body]);
  const buffer = evidence.buffer.toLowerCase();
  const preferred = buffer.includes('body') ? 'body' : buffer.includes('header') || buffer.includes('cookie') || buffer.includes('host') || buffer.includes('user_agent') ? 'header:' : 'line';
  parts.sort((a, b) => Number(!a[0].startsWith(preferred)) - Number(!b[0].startsWith(preferred)));
  for (const [where, text] of parts) {
    const at = text.indexOf(evidence.excerpt);
    if (at >= 0) return { where, offset: at + evidence.offset, length: evidence.length };
  }
  for (const [where, text] of parts) {
    const at = text.indexOf(matched);
    if (at >= 0) return { where, offset: at, length: evidence.length };
  }
  return null;
}

function requestSection(alert) {
  const mark = locate(alert);
  const textOf = (where, text) => (mark && mark.where === where ? markedText(text, mark.offset, mark.length) : [text]);
  const headers = alert.request.headers;
  return h('section', { class: 'card', 'aria-labelledby': 'request-title' },
    h('h2', { id: 'request-title' }, 'Request'),
    h('pre', { class: 'request-line', id: 'request-line' }, textOf('line', alert.request.requestLine || `${alert.request.method} ${alert.request.path}`)),
    headers.length
      ? h('table', { class: 'headers', id: 'request-headers' },
        h('caption', { class: 'visually-hidden' }, 'Request headers'),
        h('tbody', null, headers.map((header, index) =>
          h('tr', null, h('th', { scope: 'row' }, header.name), h('td', null, textOf('header:' + index, header.value))))))
      : h('p', { class: 'muted' }, 'No headers recorded.'),
    alert.request.body !== null
      ? [h('h3', null, 'Body (excerpt)'), h('pre', { class: 'body', id: 'request-body' }, textOf('body', alert.request.body))]
      : null,
    alert.redacted ? h('p', { class: 'muted' }, 'Secrets in this request were redacted before it was stored.') : null);
}

function evidenceSection(alert) {
  const evidence = alert.evidence;
  return h('section', { class: 'card', 'aria-labelledby': 'evidence-title' },
    h('h2', { id: 'evidence-title' }, 'Evidence'),
    evidence
      ? [facts([['Buffer', evidence.buffer], ['Span', `offset ${evidence.offset}, length ${evidence.length}`]]),
        h('pre', { class: 'evidence', id: 'evidence-excerpt' }, markedText(evidence.excerpt, evidence.offset, evidence.length))]
      : h('p', { class: 'muted' }, 'This finding has no matched span (a protocol, identity or policy finding).'));
}

function identitySection(alert) {
  const { caller, callee, policy } = alert;
  return h('section', { class: 'card grid2', 'aria-labelledby': 'identity-title' },
    h('h2', { id: 'identity-title', class: 'span2' }, 'Who called whom'),
    h('div', null, h('h3', null, 'Caller'), facts([
      ['Principal', caller.principal || '(no mesh identity)'], ['Namespace', caller.namespace],
      ['Service account', caller.serviceAccount], ['Workload', caller.workload]])),
    h('div', null, h('h3', null, 'Callee'), facts([
      // The Service however the caller spelled it (what the graph, suppressions and the callee filter use), then
      // the host exactly as the caller wrote it.
      ['Service', h('span', { id: 'callee-service' }, calleeService(callee) || '(unknown)')],
      ['Host as called', callee.service ? h('span', { id: 'callee-host' }, callee.service) : ''],
      ['Namespace', callee.namespace], ['Port', callee.port ? String(callee.port) : '']])),
    h('div', { class: 'span2' }, h('h3', null, 'Policy'), facts([
      ['Verdict', h('span', { class: `badge verdict-${policy.verdict}` }, policy.verdict)],
      ['Policy', policy.name ?? (policy.verdict === 'none' ? 'no policy judged this call' : '')],
      ['Rule', policy.rule],
      // Only the inline proxy acts on a request: a mirror's alerts have no outcome to show.
      ...(alert.outcome !== 'none' ? [['Proxy outcome', h('span', { class: `badge outcome-${alert.outcome}`, id: 'outcome' }, alert.outcome)]] : [])])));
}

/**
 * The other sids of the same attack family that matched this request: one alert per attack, the rest listed here with
 * the signature and where each matched, as the EVE line's mesh.related records them (sids alone when it has none).
 */
function relatedSection(alert) {
  if (!alert.relatedSids.length) return null;
  const details = relatedFromEve(alert.eve);
  return h('section', { class: 'card', 'aria-labelledby': 'related-title' },
    h('h2', { id: 'related-title' }, `Also matched: ${alert.relatedSids.length} related signature${alert.relatedSids.length === 1 ? '' : 's'}`),
    h('p', { class: 'help' }, 'Signatures of the same attack family that matched this request, folded into this one alert.'),
    h('table', { class: 'related', id: 'related-sids' },
      h('thead', null, h('tr', null, ['SID', 'Signature', 'Where it matched'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, alert.relatedSids.map((sid) => {
        const detail = details.get(sid);
        return h('tr', { 'data-sid': sid },
          h('td', { class: 'num' }, String(sid)),
          h('td', null, detail?.signature ?? ''),
          h('td', null, detail?.evidence ? h('code', null, detail.evidence) : ''));
      }))));
}

function auditList(entries) {
  if (!entries.length) return h('p', { class: 'muted', id: 'audit' }, 'No triage yet.');
  return h('ol', { class: 'audit', id: 'audit' }, entries.map((entry) => h('li', null,
    h('time', null, formatTime(entry.at)), ' ', h('strong', null, entry.actor), ' ', entry.action,
    entry.from || entry.to ? ` ${entry.from ?? '?'} → ${entry.to ?? '?'}` : '',
    entry.comment ? [': ', h('q', null, entry.comment)] : '')));
}

function triageSection(alert, app, reload) {
  const state = h('select', { id: 'triage-state', name: 'state' },
    STATES.map((value) => h('option', { value, selected: value === alert.triage.state }, value)));
  const comment = h('textarea', { id: 'triage-comment', name: 'comment', rows: 2, maxlength: 2000 });
  const actor = h('input', { id: 'triage-actor', type: 'text', maxlength: 64, value: getActor(), placeholder: 'admin', autocomplete: 'name' });
  actor.addEventListener('change', () => setActor(actor.value.trim()));
  const result = h('p', { class: 'result', role: 'status', id: 'triage-result' });
  const form = h('form', { id: 'triage-form', class: 'triage' },
    h('label', { for: 'triage-state' }, 'State'), state,
    h('label', { for: 'triage-comment' }, 'Comment'), comment,
    h('label', { for: 'triage-actor' }, 'Your name'), actor,
    h('button', { type: 'submit' }, 'Save triage'), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const saved = state.value;
      await request('PUT', apiPath(alert.id, '/triage'), { state: saved, comment: comment.value || null });
      await reload();
      // The page was redrawn: say what happened and put the keyboard back where it was.
      const again = document.getElementById('triage-result');
      if (again) again.textContent = `Saved: ${saved}.`;
      document.getElementById('triage-state')?.focus();
    } catch (error) { app.showError(error); }
  });
  const current = alert.triage;
  return h('section', { class: 'card', 'aria-labelledby': 'triage-title' },
    h('h2', { id: 'triage-title' }, 'Triage'),
    h('p', { id: 'triage-current' }, 'Now: ', h('span', { class: `badge state-${current.state}` }, current.state),
      current.actor ? ` by ${current.actor}` : '', current.at ? ` at ${formatTime(current.at)}` : '',
      current.comment ? [' — ', h('q', null, current.comment)] : ''),
    form,
    h('h3', null, 'Audit trail'),
    h('div', { id: 'audit-holder' }, h('p', { class: 'muted' }, 'Loading…')));
}

function suppressSection(alert, app) {
  const caller = alert.caller.principal;
  // Suppressions are keyed by the Service: every spelling of its host is covered.
  const callee = calleeService(alert.callee);
  const comment = h('input', { id: 'suppress-comment', type: 'text', size: 40, maxlength: 2000 });
  const result = h('p', { class: 'result', role: 'status', id: 'suppress-result' });
  const form = h('form', { id: 'suppress-form' },
    h('p', null, `Future matches of sid ${alert.sid} from `, h('code', null, caller || '(no identity)'), ' to ',
      h('code', null, callee || '(unknown)'), ' (however its host is spelled) will be counted but not alerted.'),
    h('label', { for: 'suppress-comment' }, 'Why (comment)'), comment,
    h('button', { type: 'submit' }, `Suppress sid ${alert.sid} for this caller → callee`), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = normalizeSuppression(await request('POST', apiPath(alert.id, '/suppress'), { comment: comment.value || null }) ?? {});
      clear(result).append(`Suppression ${created.id} created. `, link('suppressions', null, 'All suppressions'));
    } catch (error) { app.showError(error); }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'suppress-title' }, h('h2', { id: 'suppress-title' }, 'Suppress'), form);
}

export function renderAlert(main, id, app) {
  let disposed = false;
  const render = async (focusHeading) => {
    const alert = normalizeAlert(await get(apiPath(id)));
    if (disposed) return;
    const back = h('a', { href: app.lastQueueHref(), class: 'back', id: 'back' }, '← Queue');
    const heading = h('h1', { tabindex: -1, id: 'alert-title', 'data-id': alert.id }, alert.message || '(no message)');
    clear(main).append(
      back,
      heading,
      h('p', { class: 'summary' },
        h('span', { class: `badge sev-${alert.severity}` }, alert.severity), ' ',
        `sid ${alert.sid}:${alert.rev} · ${alert.family} · ${alert.category || 'no category'} · ${formatTime(alert.timestamp)} · alert ${alert.id}`,
        alert.communityId ? ` · ${alert.communityId}` : '',
        alert.relatedSids.length ? ` · also matched: ${alert.relatedSids.map((sid) => 'sid ' + sid).join(', ')}` : ''),
      h('p', null, h('a', { href: routeHref('alerts', { caller: alert.caller.principal, callee: calleeService(alert.callee) }) }, 'Other alerts on this edge')),
      identitySection(alert),
      requestSection(alert),
      evidenceSection(alert),
      relatedSection(alert),
      alert.eve ? h('details', { class: 'card', id: 'eve' }, h('summary', null, 'EVE record (as emitted)'), h('pre', null, prettyJson(alert.eve))) : null,
      triageSection(alert, app, () => render(false)),
      suppressSection(alert, app));
    if (focusHeading) heading.focus();
    try {
      const audit = normalizeAudit(await get(apiPath(id, '/audit')));
      const holder = main.querySelector('#audit-holder');
      if (holder && !disposed) clear(holder).append(auditList(audit));
    } catch (error) { app.showError(error); }
  };
  // Nothing of the previous page stays up while this alert loads.
  clear(main).append(h('p', { role: 'status' }, 'Loading…'));
  render(true).catch((error) => app.showError(error));
  return () => { disposed = true; };
}
