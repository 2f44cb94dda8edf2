// Customers: the owners this token may see, with a search box; each opens its Governance tab.

import { all, enc } from './api.js';
import { h, fill, field } from './dom.js';
import { count } from './format.js';

export async function renderCustomers(main) {
  const search = h('input', { type: 'search', name: 'search', autocomplete: 'off', placeholder: 'Search by customer id' });
  const summary = h('p', { class: 'sub', 'aria-live': 'polite' });
  const body = h('div', { class: 'list-body' }, h('p', { class: 'state' }, 'Loading customers…'));
  fill(main,
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Customers'), summary)),
    h('div', { class: 'toolbar' }, field('Search customers', search)),
    body);

  let owners;
  try {
    owners = (await all('/owners')).map((o) => o.id);
  } catch (err) {
    fill(body, h('p', { class: 'state error', role: 'alert' }, `Could not load customers: ${err.message}`));
    return;
  }
  function draw() {
    const text = search.value.trim().toLowerCase();
    const shown = text ? owners.filter((id) => id.toLowerCase().includes(text)) : owners;
    summary.textContent = text ? `${count(shown.length)} of ${count(owners.length)} customers` : `${count(owners.length)} customers`;
    if (owners.length === 0) {
      fill(body, h('p', { class: 'state empty' }, 'No customers yet. A customer appears here once its first entity is written through the API.'));
    } else if (shown.length === 0) {
      fill(body, h('p', { class: 'state empty' }, `No customer id contains \u201c${search.value.trim()}\u201d.`));
    } else {
      fill(body, h('div', { class: 'table-wrap' }, h('table', { class: 'list', 'aria-label': 'Customers' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Customer'))),
        h('tbody', {}, shown.map((id) => h('tr', { 'data-owner-id': id },
          h('td', {}, h('a', { href: `#/customers/${enc(id)}` }, id))))))));
    }
  }
  search.addEventListener('input', draw);
  draw();
}
