// A small layered layout for the service graph: nodes go in columns by the longest path from a node nobody calls
// (cycles are broken by ignoring the edge that closes them), then each column is ordered by the mean row of its
// callers so edges cross less. Enough for the tens of services a namespace has; no library needed.

export function layeredLayout(edges) {
  const names = new Set();
  const outgoing = new Map();
  for (const edge of edges) {
    names.add(edge.caller);
    names.add(edge.callee);
    if (!outgoing.has(edge.caller)) outgoing.set(edge.caller, []);
    outgoing.get(edge.caller).push(edge.callee);
  }

  // Drop back edges found by a depth-first walk: what is left is acyclic.
  const forward = new Map();
  const state = new Map(); // 1 visiting, 2 done
  const visit = (start) => {
    const stack = [[start, 0]];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const targets = outgoing.get(top[0]) ?? [];
      if (top[1] >= targets.length) { state.set(top[0], 2); stack.pop(); continue; }
      const target = targets[top[1]++];
      if (state.get(target) === 1) continue; // closes a cycle
      if (!forward.has(top[0])) forward.set(top[0], []);
      forward.get(top[0]).push(target);
      if (!state.has(target)) { state.set(target, 1); stack.push([target, 0]); }
    }
  };
  const sorted = [...names].sort();
  const incoming = new Set(edges.map((e) => e.callee));
  for (const name of sorted) if (!incoming.has(name) && !state.has(name)) visit(name);
  for (const name of sorted) if (!state.has(name)) visit(name);

  // Longest path layering over the acyclic edges (relaxation; |V| rounds at most).
  const layer = new Map(sorted.map((name) => [name, 0]));
  for (let round = 0, changed = true; changed && round < sorted.length; round++) {
    changed = false;
    for (const [from, targets] of forward) {
      for (const to of targets) {
        if (layer.get(to) < layer.get(from) + 1) { layer.set(to, layer.get(from) + 1); changed = true; }
      }
    }
  }

  const columns = [];
  for (const name of sorted) {
    const index = layer.get(name);
    (columns[index] ??= []).push(name);
  }
  const row = new Map();
  columns.forEach((column, c) => {
    if (c > 0) {
      const mean = (name) => {
        const rows = edges.filter((e) => e.callee === name && row.has(e.caller)).map((e) => row.get(e.caller));
        return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : Number.MAX_SAFE_INTEGER;
      };
      const keys = new Map(column.map((name) => [name, mean(name)]));
      column.sort((a, b) => keys.get(a) - keys.get(b) || (a < b ? -1 : 1));
    }
    column.forEach((name, r) => row.set(name, r));
  });

  return { columns, position: (name) => ({ column: layer.get(name), row: row.get(name) }) };
}
