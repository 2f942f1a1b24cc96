// Progressive enhancement: turns the header cells of every table.sortable into sort buttons. Without JavaScript
// the table reads in its built order (size, strategy, workers). Empty values always sort last.
function setUp(table: HTMLTableElement) {
  const headers = Array.from(table.tHead?.rows[0]?.cells ?? []);
  const body = table.tBodies[0];
  if (!body) return;
  headers.forEach((th, column) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.append(...Array.from(th.childNodes));
    const arrow = document.createElement('span');
    arrow.className = 'arrow';
    arrow.setAttribute('aria-hidden', 'true');
    button.append(arrow);
    th.append(button);
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const numeric = th.dataset.type === 'number';
      const rows = Array.from(body.rows);
      const value = (row: HTMLTableRowElement) => row.cells[column]?.dataset.value ?? '';
      rows.sort((a, b) => {
        const va = value(a);
        const vb = value(b);
        if (va === '' || vb === '') return va === vb ? 0 : va === '' ? 1 : -1;
        const order = numeric ? Number(va) - Number(vb) : va.localeCompare(vb);
        return ascending ? order : -order;
      });
      body.append(...rows);
    });
  });
  table.classList.add('sortable-ready');
}
for (const table of document.querySelectorAll<HTMLTableElement>('table.sortable:not(.sortable-ready)')) setUp(table);
