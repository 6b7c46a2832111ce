// The API's JSON turned into the shapes the views use, in one place: when the API's DTOs change, this file changes.
// Every value is coerced to the type the views expect (text stays text), so odd input renders as odd text, never
// as a crash or markup.

export const SEVERITIES = ['high', 'medium', 'low', 'info'];
export const FAMILIES = ['protocol', 'identity', 'access', 'policy', 'attack'];
export const VERDICTS = ['none', 'allowed', 'denied', 'would-deny', 'ext-authz', 'unprotected'];
export const STATES = ['new', 'acknowledged', 'false-positive', 'resolved'];
export const OUTCOMES = ['none', 'allowed', 'blocked', 'would-block', 'failed-open', 'failed-closed'];

/** Worst first: the colour an edge gets is that of the worst verdict it has seen. */
export const VERDICT_ORDER = ['denied', 'would-deny', 'unprotected', 'ext-authz', 'allowed', 'none'];

const text = (value) => (value === undefined || value === null ? '' : String(value));
const optionalText = (value) => (value === undefined || value === null || value === '' ? null : String(value));
const number = (value) => (Number.isFinite(Number(value)) ? Number(value) : 0);

/** The first of names present on obj (camelCase from the API, snake_case as a fallback). */
function pick(obj, ...names) {
  if (!obj || typeof obj !== 'object') return undefined;
  for (const name of names) if (obj[name] !== undefined) return obj[name];
  return undefined;
}

/** Enum text as the API sends it ("would-deny", "WouldDeny", 3): the store's label form. */
function label(value, known) {
  if (typeof value === 'number') return known[value] ?? String(value);
  const raw = text(value);
  const kebab = raw.replace(/([a-z])([A-Z])/g, '$1-$2').replace(/_/g, '-').toLowerCase();
  return known.includes(kebab) ? kebab : raw;
}

function severityLabel(value) {
  // Severity is 1..4 (High..Info) in the store's enum.
  if (typeof value === 'number') return SEVERITIES[value - 1] ?? String(value);
  return label(value, SEVERITIES);
}

export function normalizeAlert(raw) {
  // A queue row has caller/callee as the key strings (principal, service); the detail has objects.
  const callerRaw = pick(raw, 'caller');
  const calleeRaw = pick(raw, 'callee');
  const caller = callerRaw && typeof callerRaw === 'object' ? callerRaw : { principal: callerRaw };
  const callee = calleeRaw && typeof calleeRaw === 'object' ? calleeRaw : { service: calleeRaw };
  const policy = pick(raw, 'policy') ?? {};
  const request = pick(raw, 'request') ?? {};
  const evidence = pick(raw, 'evidence');
  const triage = pick(raw, 'triage') ?? {};
  const headers = pick(request, 'headers');
  return {
    id: text(pick(raw, 'id')),
    timestamp: text(pick(raw, 'timestamp', 'time')),
    sid: number(pick(raw, 'sid')),
    rev: number(pick(raw, 'rev')),
    message: text(pick(raw, 'message', 'msg')),
    category: text(pick(raw, 'category')),
    severity: severityLabel(pick(raw, 'severity')),
    family: label(pick(raw, 'family'), FAMILIES),
    caller: {
      principal: text(pick(caller, 'principal')),
      namespace: text(pick(caller, 'namespace')),
      serviceAccount: text(pick(caller, 'serviceAccount', 'service_account')),
      workload: text(pick(caller, 'workload')),
    },
    callee: {
      service: text(pick(callee, 'service')),
      namespace: text(pick(callee, 'namespace') ?? pick(raw, 'calleeNamespace', 'callee_namespace')),
      port: number(pick(callee, 'port')),
      // The Service the host names (ratings for ratings.bookinfo.svc.cluster.local): the detail has it on callee, a
      // queue row beside it.
      name: text(pick(callee, 'name') ?? pick(raw, 'calleeName', 'callee_name')),
    },
    policy: {
      verdict: label(pick(policy, 'verdict') ?? pick(raw, 'verdict'), VERDICTS),
      name: optionalText(pick(policy, 'policyName', 'policy_name', 'name')),
      rule: optionalText(pick(policy, 'rule')),
    },
    request: {
      requestLine: text(pick(request, 'requestLine', 'request_line')),
      method: text(pick(request, 'method')),
      host: text(pick(request, 'host')),
      path: text(pick(request, 'path')),
      headers: Array.isArray(headers) ? headers.map((x) => ({ name: text(pick(x, 'name')), value: text(pick(x, 'value')) })) : [],
      body: optionalText(pick(request, 'bodyExcerpt', 'body_excerpt', 'body')),
    },
    evidence: evidence && typeof evidence === 'object' ? {
      buffer: text(pick(evidence, 'buffer')),
      excerpt: text(pick(evidence, 'excerpt')),
      offset: number(pick(evidence, 'offset')),
      length: number(pick(evidence, 'length')),
    } : null,
    triage: {
      state: label(pick(triage, 'state') ?? pick(raw, 'state'), STATES),
      comment: optionalText(pick(triage, 'comment')),
      actor: optionalText(pick(triage, 'actor')),
      at: optionalText(pick(triage, 'at')),
    },
    redacted: Boolean(pick(raw, 'redacted')),
    communityId: optionalText(pick(raw, 'communityId', 'community_id')),
    eve: optionalText(pick(raw, 'eve', 'eveJson')),
    // What the inline proxy (ewids proxy) did with the request; 'none' for a mirror's alerts.
    outcome: label(pick(raw, 'outcome') ?? 'none', OUTCOMES),
    // The other sids of the same attack family that matched the request (folded into this one alert).
    relatedSids: (Array.isArray(pick(raw, 'relatedSids', 'related_sids')) ? pick(raw, 'relatedSids', 'related_sids') : [])
      .map(number).filter((sid) => Number.isInteger(sid) && sid > 0),
  };
}

export function normalizePage(raw) {
  const items = Array.isArray(raw) ? raw : pick(raw, 'items', 'alerts') ?? [];
  return { items: items.map(normalizeAlert), next: optionalText(pick(raw, 'next', 'nextCursor', 'cursor')) };
}

export function normalizeAudit(raw) {
  const items = Array.isArray(raw) ? raw : pick(raw, 'items') ?? [];
  return items.map((x) => ({
    id: text(pick(x, 'id')),
    at: text(pick(x, 'at')),
    actor: text(pick(x, 'actor')),
    action: text(pick(x, 'action')),
    from: pick(x, 'fromState', 'from_state', 'from') == null ? null : label(pick(x, 'fromState', 'from_state', 'from'), STATES),
    to: pick(x, 'toState', 'to_state', 'to') == null ? null : label(pick(x, 'toState', 'to_state', 'to'), STATES),
    comment: optionalText(pick(x, 'comment')),
  }));
}

export function normalizeSuppression(x) {
  return {
    id: text(pick(x, 'id')),
    sid: number(pick(x, 'sid')),
    caller: text(pick(x, 'caller')),
    callee: text(pick(x, 'callee')),
    createdAt: text(pick(x, 'createdAt', 'created_at')),
    createdBy: text(pick(x, 'createdBy', 'created_by')),
    comment: optionalText(pick(x, 'comment')),
    fromAlertId: optionalText(pick(x, 'fromAlertId', 'from_alert_id')),
    hits: number(pick(x, 'hits')),
    lastHit: optionalText(pick(x, 'lastHit', 'last_hit')),
  };
}

export function normalizeSuppressions(raw) {
  const items = Array.isArray(raw) ? raw : pick(raw, 'items', 'suppressions') ?? [];
  return items.map(normalizeSuppression);
}

export function normalizeEdges(raw) {
  const items = Array.isArray(raw) ? raw : pick(raw, 'items', 'edges') ?? [];
  return items.map((x) => {
    const counts = pick(x, 'counts', 'calls') ?? {};
    const byVerdict = {};
    for (const verdict of VERDICTS) {
      const camel = verdict.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
      byVerdict[verdict] = number(pick(counts, camel, verdict, verdict.replace('-', '_')));
    }
    return {
      caller: text(pick(x, 'caller')),
      callee: text(pick(x, 'callee')),
      counts: byVerdict,
      total: Object.values(byVerdict).reduce((a, b) => a + b, 0),
      alerts: number(pick(x, 'alerts')),
      firstSeen: text(pick(x, 'firstSeen', 'first_seen')),
      lastSeen: text(pick(x, 'lastSeen', 'last_seen')),
    };
  });
}

/** The worst verdict an edge has seen ('none' when no call had a verdict). */
export function worstVerdict(counts) {
  for (const verdict of VERDICT_ORDER) if ((counts[verdict] ?? 0) > 0) return verdict;
  return 'none';
}

/** A short, readable form of a SPIFFE principal or a service name; the full text goes in a title. */
export function shortName(name) {
  const value = text(name);
  const spiffe = /^spiffe:\/\/[^/]+\/ns\/([^/]+)\/sa\/(.+)$/.exec(value);
  if (spiffe) return `${spiffe[2]} (${spiffe[1]})`;
  const service = /^([^.]+)\.([^.]+)\.svc(\.cluster\.local)?(:\d+)?$/.exec(value);
  if (service) return `${service[1]} (${service[2]})`;
  // name.namespace, the form the graph and suppressions key callees by.
  const keyed = /^([a-z0-9_-]+)\.([a-z0-9_-]+)$/.exec(value);
  if (keyed) return `${keyed[1]} (${keyed[2]})`;
  return value === '' ? '(unknown)' : value;
}

/** sid → {signature, evidence} of the collapsed siblings an EVE alert line lists under mesh.related (empty when none). */
export function relatedFromEve(eve) {
  const details = new Map();
  let related;
  try { related = JSON.parse(eve ?? '')?.mesh?.related; } catch { return details; }
  if (!Array.isArray(related)) return details;
  for (const item of related) {
    const sid = number(pick(item, 'signature_id'));
    if (sid > 0) details.set(sid, { signature: text(pick(item, 'signature')), evidence: optionalText(pick(item, 'evidence')) });
  }
  return details;
}

/**
 * The Service an alert's callee is, as name.namespace (the key the graph and suppressions use, and a valid callee
 * filter); the host as used when the name is unknown.
 */
export function calleeService(callee) {
  if (!callee.name) return callee.service;
  return callee.namespace ? `${callee.name}.${callee.namespace.toLowerCase()}` : callee.name;
}

export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
