// A customer's Governance tab: the toolbar (type filter, Order by, search, archived, + Add entity)
// over the hierarchy table, refreshed live every few seconds without disturbing an open edit.

import { all, enc } from './api.js';
import { h, fill, field, uid } from './dom.js';
import { visibleRows, row, paint } from './hierarchy.js';
import { openInlineEdit } from './inline-edit.js';
import { openAddEntity } from './add-entity.js';

const REFRESH_MS = 2000;
const ORDERS = [['hierarchy', 'Hierarchy'], ['usage', 'Usage'], ['utilization', 'Utilization']];

/** Renders the tab into `main`; returns a function that stops its refresh. */
export function renderGovernance(main, ownerId) {
  const view = { order: 'hierarchy', typeId: '', search: '', archived: false, collapsed: new Set() };
  let model = null;
  let stopped = false;
  let editing = 0;

  const typeFilter = h('select', { name: 'type' }, h('option', { value: '' }, 'All types'));
  const search = h('input', { type: 'search', name: 'search', autocomplete: 'off', placeholder: 'Search by id or name' });
  const archived = h('input', { type: 'checkbox', name: 'archived' });
  const orderButton = h('button', { type: 'button', class: 'order', 'aria-haspopup': 'true', 'aria-expanded': 'false' });
  const orderPanel = orderChoices();
  const status = h('p', { class: 'sub live', 'aria-live': 'polite' });
  const body = h('div', { class: 'list-body' }, h('p', { class: 'state' }, 'Loading the hierarchy…'));
  const add = h('button', { type: 'button', class: 'primary', onclick: () => model && openAddEntity({
    ownerId, types: [...model.types.values()], capabilities: model.capabilities, entities: model.entities,
    onAdded: () => load(true),
  }) }, '+ Add entity');

  fill(main,
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/customers' }, 'Customers'), ' / ', ownerId),
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, ownerId), status), add),
    h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Customer' },
      h('button', { type: 'button', role: 'tab', 'aria-selected': 'true', id: 'tab-governance', 'aria-controls': 'panel-governance' }, 'Governance')),
    h('section', { id: 'panel-governance', role: 'tabpanel', 'aria-labelledby': 'tab-governance' },
      h('div', { class: 'toolbar' },
        field('Entity type', typeFilter),
        h('div', { class: 'order-wrap' }, orderButton, orderPanel),
        field('Search entities', search),
        h('label', { class: 'check' }, archived, 'Show archived')),
      body));

  typeFilter.addEventListener('change', () => { view.typeId = typeFilter.value; draw(); });
  search.addEventListener('input', () => { view.search = search.value; draw(); });
  archived.addEventListener('change', () => { view.archived = archived.checked; load(true); });
  orderButton.addEventListener('click', () => toggleOrderPanel(orderPanel.hidden));
  orderPanel.addEventListener('keydown', (e) => { if (e.key === 'Escape') { toggleOrderPanel(false); orderButton.focus(); } });
  const closeOutside = (e) => {
    if (!orderPanel.hidden && !orderPanel.contains(e.target) && !orderButton.contains(e.target)) toggleOrderPanel(false);
  };
  document.addEventListener('mousedown', closeOutside);
  labelOrder();

  function orderChoices() {
    const name = uid('order');
    const panel = h('fieldset', { class: 'order-panel', hidden: true }, h('legend', {}, 'Order by'),
      ORDERS.map(([value, label]) => h('label', { class: 'check' },
        h('input', { type: 'radio', name, value, checked: value === 'hierarchy', onchange: () => {
          view.order = value;
          labelOrder();
          draw();
        } }), label)));
    return panel;
  }
  function toggleOrderPanel(open) {
    orderPanel.hidden = !open;
    orderButton.setAttribute('aria-expanded', String(open));
    if (open) orderPanel.querySelector('input:checked').focus();
  }
  function labelOrder() {
    const label = ORDERS.find(([v]) => v === view.order)[1];
    fill(orderButton, h('span', { class: 'sliders', 'aria-hidden': 'true' }, '⚟'), ` Order by: ${label}`);
  }

  async function load(redraw) {
    try {
      const next = await fetchModel(ownerId, view.archived, model);
      if (stopped) return;
      const changed = !model || next.signature !== model.signature;
      const before = model;
      model = next;
      if (!before) fillTypes();
      // A ranked list follows the live numbers too; the tree only moves when the catalog does.
      if (redraw || (editing === 0 && (changed || view.order !== 'hierarchy'))) {
        draw();
      } else {
        repaint();
        if (changed) model.signature = before.signature; // redraw once the edit closes
      }
      status.textContent = `Live · updated ${new Date().toLocaleTimeString('en-US')}`;
    } catch (err) {
      if (stopped) return;
      if (!model) {
        fill(body, h('p', { class: 'state error', role: 'alert' }, `Could not load ${ownerId}: ${err.message}`));
      } else {
        status.textContent = `Not live: ${err.message}`;
      }
    }
  }

  function fillTypes() {
    fill(typeFilter, h('option', { value: '' }, 'All types'),
      [...model.types.values()].map((t) => h('option', { value: t.id }, t.displayName || t.id)));
  }

  function draw() {
    if (!model) return;
    if (model.entities.length === 0) {
      fill(body, h('p', { class: 'state empty' }, `${ownerId} has no entities yet. Add the first with + Add entity.`));
      return;
    }
    const rows = visibleRows(model, view);
    const actions = {
      toggle: (id) => { if (view.collapsed.has(id)) view.collapsed.delete(id); else view.collapsed.add(id); draw(); },
      edit: (host, budget) => {
        if (host.classList.contains('editing')) return;
        editing += 1;
        openInlineEdit(host, { ...budget, ownerId }, (saved) => {
          editing -= 1;
          load(saved || editing === 0);
        });
      },
    };
    fill(body, rows.length === 0
      ? h('p', { class: 'state empty' }, 'No entity matches the filters.')
      : h('div', { class: 'table-wrap' }, h('table', { class: 'hierarchy', 'aria-label': `Entity hierarchy of ${ownerId}` },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Entity'), h('th', { scope: 'col' }, 'Type'),
          model.columns.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.map((r) => row(model, view, r, actions))))));
  }

  /** Live numbers in place: the table (and any open editor) stays as it is. */
  function repaint() {
    for (const host of body.querySelectorAll('.budget[data-assignment-id]')) {
      const b = model.byAssignment.get(host.dataset.assignmentId);
      if (b && !host.classList.contains('editing')) paint(host, b);
    }
  }

  load(true);
  const timer = setInterval(() => { if (!document.hidden) load(false); }, REFRESH_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
    document.removeEventListener('mousedown', closeOutside);
  };
}

/** Everything the tab shows, read through the REST API. */
async function fetchModel(ownerId, includeArchived, previous) {
  const types = previous ? previous.types : new Map((await all('/entity-types')).map((t) => [t.id, t]));
  const capabilities = previous ? previous.capabilities : (await all('/capabilities')).map((c) => c.id);
  const entities = await all(`/owners/${enc(ownerId)}/entities?includeArchived=${includeArchived}`);
  const rows = capabilities.length === 0 ? [] : await budgetRows(ownerId, capabilities, includeArchived);
  const byId = new Map(entities.map((e) => [e.id, e]));
  const children = new Map();
  const roots = [];
  for (const e of entities) {
    if (e.parentId && byId.has(e.parentId)) {
      if (!children.has(e.parentId)) children.set(e.parentId, []);
      children.get(e.parentId).push(e.id);
    } else {
      roots.push(e.id);
    }
  }
  const budgets = new Map();
  const byAssignment = new Map();
  for (const r of rows) {
    if (!budgets.has(r.entityId)) budgets.set(r.entityId, new Map());
    const forEntity = budgets.get(r.entityId);
    if (!forEntity.has(r.capabilityId)) forEntity.set(r.capabilityId, []);
    forEntity.get(r.capabilityId).push(r);
    byAssignment.set(r.assignmentId, r);
  }
  for (const forEntity of budgets.values()) {
    for (const list of forEntity.values()) list.sort((a, b) => a.scopeEntityIds.length - b.scopeEntityIds.length
      || a.scopeEntityIds.join(',').localeCompare(b.scopeEntityIds.join(',')));
  }
  const used = [...new Set(rows.map((r) => r.capabilityId))].sort();
  const signature = JSON.stringify([entities.map((e) => [e.id, e.parentId, e.typeId, e.displayName, e.archivedAt]),
    rows.map((r) => [r.assignmentId, r.usageLimit, r.scopeEntityIds, r.alertThresholds, r.timeZone, r.cadence])]);
  return {
    types, capabilities, entities, byId, children, roots, budgets, byAssignment, signature,
    columns: used.length ? used : capabilities,
  };
}

/** Every budget row with live usage; a walk that meets a catalog change starts again. */
async function budgetRows(ownerId, capabilities, includeArchived) {
  const path = `/owners/${enc(ownerId)}/query?capabilityIds=${capabilities.map(enc).join(',')}`
    + `&sortBy=id&order=asc&includeArchived=${includeArchived}`;
  for (let attempt = 1; ; attempt++) {
    try {
      return await all(path);
    } catch (err) {
      const stale = err.status === 400 && /stale/.test(err.message);
      if (!stale || attempt >= 3) throw err;
    }
  }
}
