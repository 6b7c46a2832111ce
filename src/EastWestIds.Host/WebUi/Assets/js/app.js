// The page shell: a hash router (#/alerts?…, #/alert/ID, #/graph, #/suppressions), the token prompt, the error
// banner and the global keys. Views get the <main> element and return a function that stops their timers.
import { AuthRequiredError, getToken, setToken } from './api.js';
import { clear } from './dom.js';
import { isTyping } from './keys.js';
import { renderAlert } from './alert.js';
import { renderGraph } from './graph.js';
import { renderQueue } from './queue.js';
import { renderSuppressions } from './suppressions.js';

const main = document.getElementById('main');
const errorBox = document.getElementById('error');
const live = document.getElementById('live');
const tokenSection = document.getElementById('token');
const tokenForm = document.getElementById('token-form');
const tokenInput = document.getElementById('token-input');

let dispose = () => {};
let queueHref = '#/alerts';

const app = {
  navigate(href) {
    if (location.hash === href) route(); else location.hash = href;
  },
  lastQueueHref: () => queueHref,
  setLiveStatus(text) { live.textContent = text; },
  showError(error) {
    if (error instanceof AuthRequiredError) {
      if (getToken()) setToken(''); // the one we had was refused
      tokenSection.hidden = false;
      tokenInput.focus();
      return;
    }
    errorBox.textContent = error instanceof Error ? error.message : String(error);
    errorBox.hidden = false;
  },
};

function parseHash() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : 'alerts';
  const [path, query] = hash.split('?', 2);
  return { parts: path.split('/').map((p) => { try { return decodeURIComponent(p); } catch { return p; } }), params: new URLSearchParams(query ?? '') };
}

function route() {
  dispose();
  dispose = () => {};
  errorBox.hidden = true;
  errorBox.textContent = '';
  const { parts, params } = parseHash();
  const section = parts[0] || 'alerts';
  for (const link of document.querySelectorAll('nav a[data-section]')) {
    if (link.dataset.section === (section === 'alert' ? 'alerts' : section)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  switch (section) {
    case 'alert':
      document.title = `Alert ${parts[1] ?? ''} · EastWestIds`;
      dispose = renderAlert(main, parts[1] ?? '', app);
      break;
    case 'graph':
      document.title = 'Service graph · EastWestIds';
      dispose = renderGraph(main, params, app);
      break;
    case 'suppressions':
      document.title = 'Suppressions · EastWestIds';
      dispose = renderSuppressions(main, params, app);
      break;
    default:
      queueHref = location.hash.startsWith('#/alerts') ? location.hash : '#/alerts';
      document.title = 'Alerts · EastWestIds';
      dispose = renderQueue(main, params, app);
      break;
  }
}

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  setToken(tokenInput.value.trim());
  tokenInput.value = '';
  tokenSection.hidden = true;
  route();
});

document.addEventListener('keydown', (event) => {
  if (isTyping(event) || event.altKey || event.ctrlKey || event.metaKey) return;
  switch (event.key) {
    case '/': {
      const first = document.querySelector('form.filters input, form.filters select');
      if (first) { event.preventDefault(); first.focus(); }
      break;
    }
    case 'g': app.navigate('#/graph'); break;
    case 'a': app.navigate(queueHref); break;
    case 'Escape':
      if (parseHash().parts[0] === 'alert') app.navigate(queueHref);
      break;
    default: break;
  }
});

window.addEventListener('hashchange', route);
window.addEventListener('unhandledrejection', (event) => app.showError(event.reason));
clear(main);
route();
