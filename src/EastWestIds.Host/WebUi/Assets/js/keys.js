// Keyboard movement through a list of focusable rows with a roving tabindex: one row is in the Tab order, the
// arrows and j/k move between rows, Home/End jump, Enter opens.

export function isTyping(event) {
  const target = event.target;
  return target instanceof HTMLElement
    && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Makes the rows (elements matching selector inside container) a roving-tabindex list; onOpen(row) on Enter. */
export function rovingRows(container, selector, onOpen) {
  const rows = () => Array.from(container.querySelectorAll(selector));
  const select = (row, focus) => {
    for (const other of rows()) other.tabIndex = other === row ? 0 : -1;
    if (focus) row.focus();
  };
  container.addEventListener('focusin', (event) => {
    const row = event.target instanceof Element ? event.target.closest(selector) : null;
    if (row && container.contains(row)) select(row, false);
  });
  container.addEventListener('keydown', (event) => {
    if (isTyping(event) || event.altKey || event.ctrlKey || event.metaKey) return;
    const row = event.target instanceof Element ? event.target.closest(selector) : null;
    if (!row) return;
    const all = rows();
    const index = all.indexOf(row);
    let next = null;
    switch (event.key) {
      case 'j': case 'ArrowDown': next = all[Math.min(index + 1, all.length - 1)]; break;
      case 'k': case 'ArrowUp': next = all[Math.max(index - 1, 0)]; break;
      case 'Home': next = all[0]; break;
      case 'End': next = all[all.length - 1]; break;
      case 'Enter': case ' ': event.preventDefault(); onOpen(row); return;
      default: return;
    }
    event.preventDefault();
    if (next) select(next, true);
  });
  return {
    /** Puts the first row (or the one already chosen) in the Tab order after rows were added or removed. */
    refresh() {
      const all = rows();
      if (all.length && !all.some((row) => row.tabIndex === 0)) all[0].tabIndex = 0;
    },
  };
}
