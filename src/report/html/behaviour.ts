/**
 * The dashboard's only script, inlined in the page: sortable tables, the category and owner
 * filters, and heat-map links that move focus to their item. It reads everything from the
 * DOM (`data-*` attributes), so no report data is ever embedded in script, and the page reads
 * completely without it: controls that need it stay hidden until it runs.
 *
 * Plain ES2020 in a string, not compiled TypeScript, so its bytes (and the page's CSP hash)
 * are the same whichever compiler built mldebt. test/browser/ exercises every branch in Chromium.
 */
export const DASHBOARD_SCRIPT = `(() => {
  'use strict';
  // Empty values (no WSJF, no due date) sort last in both directions.
  const compare = (x, y, numeric) => {
    if (x === '' || y === '') return (x === '') - (y === '');
    if (numeric) return Number(x) - Number(y);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  for (const table of document.querySelectorAll('table[data-sortable]')) {
    const body = table.tBodies[0];
    const headers = Array.from(table.tHead.rows[0].cells);
    headers.forEach((header, column) => {
      const button = header.querySelector('button[data-sort]');
      if (!button) return;
      button.addEventListener('click', () => {
        const now = header.getAttribute('aria-sort');
        const direction = now === 'ascending' ? 'descending' : now === 'descending' ? 'ascending' : button.dataset.first || 'ascending';
        const sign = direction === 'ascending' ? 1 : -1;
        const numeric = button.dataset.sort === 'number';
        const value = (row) => row.cells[column].dataset.value ?? row.cells[column].textContent.trim();
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = value(a);
          const y = value(b);
          const order = x === '' || y === '' ? compare(x, y, numeric) : sign * compare(x, y, numeric);
          return order || Number(a.dataset.rank) - Number(b.dataset.rank);
        });
        body.append(...rows);
        for (const other of headers) other.removeAttribute('aria-sort');
        header.setAttribute('aria-sort', direction);
      });
    });
  }
  for (const controls of document.querySelectorAll('[data-filters]')) {
    const table = document.getElementById(controls.dataset.filters);
    const selects = Array.from(controls.querySelectorAll('select[data-filter]'));
    const status = controls.querySelector('[data-filter-status]');
    const apply = () => {
      let shown = 0;
      const rows = Array.from(table.tBodies[0].rows);
      for (const row of rows) {
        const visible = selects.every((select) => select.value === '' || row.dataset[select.dataset.filter] === select.value);
        row.hidden = !visible;
        if (visible) shown += 1;
      }
      status.textContent = shown + ' of ' + rows.length + ' items shown';
    };
    for (const select of selects) select.addEventListener('change', apply);
    controls.hidden = false;
  }
  // A heat-map cell (or any link marked data-jump) moves focus, not just the view, to its
  // item, so keyboard and screen-reader users land where sighted users look.
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-jump]') : null;
    if (!link) return;
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    target.focus();
  });
})();
`;
