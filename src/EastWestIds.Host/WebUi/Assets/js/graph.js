// The service graph: callers and callees as boxes in layers, one arrow per caller → callee edge, coloured by the
// worst verdict the edge has seen. An edge is a focusable link: click or Enter opens its alerts in the queue.
// Drawn with createElementNS; names are text nodes and <title>s, never markup.
import { get, withQuery } from './api.js';
import { clear, h, routeHref, s } from './dom.js';
import { rovingRows } from './keys.js';
import { layeredLayout } from './layout.js';
import { VERDICT_ORDER, formatTime, normalizeEdges, shortName, worstVerdict } from './model.js';

const NODE_W = 220;
const NODE_H = 34;
const COL_GAP = 140;
const ROW_GAP = 22;
const PAD = 20;

function edgeLabel(edge) {
  const counts = VERDICT_ORDER.filter((v) => edge.counts[v] > 0).map((v) => `${v} ${edge.counts[v]}`).join(', ');
  return `${edge.caller || '(no identity)'} → ${edge.callee || '(unknown)'}: ${edge.total} calls (${counts || 'no verdicts'}), ${edge.alerts} alerts`;
}

function drawGraph(edges, open) {
  const { columns, position } = layeredLayout(edges);
  const rows = Math.max(1, ...columns.map((c) => c.length));
  const width = PAD * 2 + columns.length * NODE_W + Math.max(0, columns.length - 1) * COL_GAP;
  const height = PAD * 2 + rows * NODE_H + (rows - 1) * ROW_GAP;
  const at = (name) => {
    const p = position(name);
    return { x: PAD + p.column * (NODE_W + COL_GAP), y: PAD + p.row * (NODE_H + ROW_GAP) };
  };

  const svg = s('svg', { class: 'graph', id: 'graph-svg', viewBox: `0 0 ${width} ${height}`, width, height, role: 'group', 'aria-label': 'Service graph' },
    s('defs', null, VERDICT_ORDER.map((verdict) => s('marker', {
      id: 'arrow-' + verdict, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse',
    }, s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead verdict-' + verdict })))));

  const edgeLayer = s('g', { class: 'edges' });
  for (const edge of edges) {
    const from = at(edge.caller);
    const to = at(edge.callee);
    const verdict = worstVerdict(edge.counts);
    let d;
    if (to.x > from.x) {
      const x1 = from.x + NODE_W; const y1 = from.y + NODE_H / 2; const x2 = to.x; const y2 = to.y + NODE_H / 2;
      const bend = (x2 - x1) / 2;
      d = `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
    } else {
      // Back or same-layer edge (a cycle): loop out below the boxes.
      const x1 = from.x + NODE_W / 2; const y1 = from.y + NODE_H; const x2 = to.x + NODE_W / 2; const y2 = to.y + NODE_H;
      const dip = Math.max(y1, y2) + NODE_H + ROW_GAP;
      d = `M${x1},${y1} C${x1},${dip} ${x2},${dip} ${x2},${y2}`;
    }
    const strokeWidth = Math.min(8, 1.5 + Math.log10(1 + edge.total + edge.alerts));
    const group = s('g', {
      class: `edge verdict-${verdict}`, tabindex: -1, role: 'link', 'aria-label': edgeLabel(edge),
      'data-caller': edge.caller, 'data-callee': edge.callee,
    },
    s('title', null, edgeLabel(edge)),
    s('path', { d, class: 'hit' }),
    s('path', { d, class: 'line', 'stroke-width': strokeWidth.toFixed(1), 'marker-end': `url(#arrow-${verdict})` }));
    group.addEventListener('click', () => open(edge));
    edgeLayer.append(group);
  }

  const nodeLayer = s('g', { class: 'nodes' });
  for (const column of columns) {
    for (const name of column) {
      const { x, y } = at(name);
      const label = shortName(name);
      nodeLayer.append(s('g', { class: 'node', transform: `translate(${x},${y})` },
        s('title', null, name || '(no identity)'),
        s('rect', { width: NODE_W, height: NODE_H, rx: 6 }),
        s('text', { x: 10, y: NODE_H / 2 + 5 }, label.length > 30 ? label.slice(0, 29) + '…' : label)));
    }
  }
  svg.append(edgeLayer, nodeLayer);
  const roving = rovingRows(edgeLayer, 'g.edge', (group) => open({ caller: group.dataset.caller, callee: group.dataset.callee }));
  roving.refresh();
  return svg;
}

function legend() {
  return h('ul', { class: 'legend', 'aria-label': 'Edge colours' }, VERDICT_ORDER.map((verdict) =>
    h('li', null, h('span', { class: `swatch verdict-${verdict}`, 'aria-hidden': 'true' }), verdict)));
}

function edgeTable(edges, open) {
  const body = h('tbody', null, edges.map((edge) => {
    const row = h('tr', { class: 'edge-row', tabindex: -1, 'data-caller': edge.caller, 'data-callee': edge.callee },
      h('td', { title: edge.caller }, shortName(edge.caller)),
      h('td', { title: edge.callee }, shortName(edge.callee)),
      h('td', null, h('span', { class: `badge verdict-${worstVerdict(edge.counts)}` }, worstVerdict(edge.counts))),
      h('td', { class: 'num' }, String(edge.total)),
      h('td', { class: 'num' }, String(edge.alerts)),
      h('td', { class: 'time' }, formatTime(edge.lastSeen)));
    row.addEventListener('click', () => open(edge));
    return row;
  }));
  rovingRows(body, 'tr.edge-row', (row) => open({ caller: row.dataset.caller, callee: row.dataset.callee })).refresh();
  return h('table', { class: 'edges-table', id: 'edges-table' },
    h('caption', null, 'Edges'),
    h('thead', null, h('tr', null, ['Caller', 'Callee', 'Worst verdict', 'Calls', 'Alerts', 'Last seen (UTC)'].map((t) => h('th', { scope: 'col' }, t)))),
    body);
}

export function renderGraph(main, params, app) {
  let disposed = false;
  clear(main).append(h('h1', null, 'Service graph'), h('p', { role: 'status' }, 'Loading…'));
  const open = (edge) => app.navigate(routeHref('alerts', { caller: edge.caller, callee: edge.callee }));
  (async () => {
    const edges = normalizeEdges(await get(withQuery('/api/edges', { limit: 500 })));
    if (disposed) return;
    clear(main).append(h('h1', null, 'Service graph'));
    if (!edges.length) {
      main.append(h('p', { role: 'status' }, 'No edges yet: the graph fills as mirrored calls are analysed.'));
      return;
    }
    main.append(
      h('p', { class: 'help' }, 'Each arrow is caller → callee, coloured by the worst verdict seen. Click an edge, or Tab to the graph and use arrows and Enter, to open its alerts.'),
      legend(),
      h('div', { class: 'graph-scroll' }, drawGraph(edges, open)),
      edgeTable(edges, open));
  })().catch((error) => app.showError(error));
  return () => { disposed = true; };
}
