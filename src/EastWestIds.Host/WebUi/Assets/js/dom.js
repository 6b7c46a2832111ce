// The only way this UI makes DOM. Every piece of text, above all the attacker-controlled kind (paths, headers,
// bodies, rule matches, principals), becomes a Text node or an attribute value; nothing is ever parsed as markup.
// Event-handler attributes and URL attributes are refused here, so data can never become code or a link target.

const SVG_NS = 'http://www.w3.org/2000/svg';
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc']);

function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    const lower = name.toLowerCase();
    if (lower.startsWith('on')) throw new Error(`dom: event attribute ${name} refused; use addEventListener`);
    if (URL_ATTRIBUTES.has(lower)) {
      // Only in-app links: a fragment route, or one of our own absolute paths.
      const text = String(value);
      if (!(text.startsWith('#') || (text.startsWith('/') && !text.startsWith('//')))) {
        throw new Error(`dom: ${name} must be an in-app link`);
      }
    }
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else if (child instanceof Node) element.appendChild(child);
    else element.appendChild(document.createTextNode(String(child)));
  }
}

/** h('tr', {class: 'row'}, 'text', otherNode, [more]) — an HTML element with text-only content. */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

/** s('path', {d: '…'}) — the same for SVG. */
export function s(tag, attributes, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

/** Removes every child of element. */
export function clear(element) {
  while (element.firstChild) element.removeChild(element.firstChild);
  return element;
}

/** An in-app link; the route is built from parts with URLSearchParams, so data cannot change its shape. */
export function link(route, params, ...children) {
  return h('a', { href: routeHref(route, params) }, ...children);
}

export function routeHref(route, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return '#/' + route.split('/').map(encodeURIComponent).join('/') + (text ? '?' + text : '');
}

/**
 * Text with one span marked: [before][<mark>match</mark>][after], all Text nodes. offset/length are UTF-16 code
 * units, as the store gives them; an invalid span marks nothing.
 */
export function markedText(text, offset, length) {
  const value = String(text ?? '');
  const start = Number(offset);
  const count = Number(length);
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count <= 0 || start + count > value.length) {
    return [document.createTextNode(value)];
  }
  return [
    document.createTextNode(value.slice(0, start)),
    h('mark', { class: 'match' }, value.slice(start, start + count)),
    document.createTextNode(value.slice(start + count)),
  ];
}
