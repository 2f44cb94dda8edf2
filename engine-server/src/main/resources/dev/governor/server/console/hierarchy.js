// The Governance table: which entities show in which order (the tree, or a flat ranked or filtered
// list), and each row's cells: entity, type, and per capability the usage against every budget
// (with what open reservations hold on it, when they hold anything).

import { h } from './dom.js';
import { usageOfLimit, percent, count, reservedText, reservedSegment } from './format.js';

/**
 * The rows to show: [{entity, depth, hasChildren, path}]. The tree only in hierarchy order without
 * filters; otherwise the matching entities, flat, ranked by `order`.
 */
export function visibleRows(model, view) {
  const search = view.search.trim().toLowerCase();
  const filtered = view.typeId !== '' || search !== '';
  if (view.order === 'hierarchy' && !filtered) {
    const rows = [];
    const walk = (id, depth) => {
      const e = model.byId.get(id);
      const kids = model.children.get(id) || [];
      rows.push({ entity: e, depth, hasChildren: kids.length > 0, path: null });
      if (!view.collapsed.has(id)) kids.forEach((k) => walk(k, depth + 1));
    };
    model.roots.forEach((id) => walk(id, 0));
    return rows;
  }
  const matches = model.entities.filter((e) => (view.typeId === '' || e.typeId === view.typeId)
    && (search === '' || e.id.toLowerCase().includes(search) || (e.displayName || '').toLowerCase().includes(search)));
  const score = (e) => rank(model, e.id, view.order);
  matches.sort((a, b) => (score(b) - score(a)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return matches.map((e) => ({ entity: e, depth: 0, hasChildren: false, path: pathOf(model, e) }));
}

/** An entity's rank value: its highest usage or utilization over its budgets; -1 without one. */
function rank(model, entityId, order) {
  if (order === 'hierarchy') return 0;
  let best = -1;
  for (const rows of (model.budgets.get(entityId) || new Map()).values()) {
    for (const r of rows) {
      const v = order === 'usage' ? r.currentUsage : r.utilization;
      if (v !== null && v !== undefined && v > best) best = v;
    }
  }
  return best;
}

function pathOf(model, e) {
  const names = [];
  for (let p = e.parentId ? model.byId.get(e.parentId) : null; p; p = p.parentId ? model.byId.get(p.parentId) : null) {
    names.unshift(p.id);
    if (names.length > 20) break;
  }
  return names.length ? names.join(' › ') : null;
}

/** One table row. `actions`: {toggle(id), edit(host, budget)}. */
export function row(model, view, r, actions) {
  const e = r.entity;
  const type = model.types.get(e.typeId);
  const line = h('div', { class: 'entity-line' });
  const nameCell = h('th', { scope: 'row', class: 'entity' }, line);
  nameCell.style.paddingLeft = `${0.75 + r.depth * 1.25}rem`;
  if (r.hasChildren) {
    const open = !view.collapsed.has(e.id);
    line.append(h('button', {
      type: 'button', class: 'icon toggle', 'aria-expanded': String(open),
      'aria-label': `${open ? 'Collapse' : 'Expand'} ${e.id}`, onclick: () => actions.toggle(e.id),
    }, open ? '▾' : '▸'));
  } else if (view.order === 'hierarchy' && !r.path) {
    line.append(h('span', { class: 'toggle-space', 'aria-hidden': 'true' }));
  }
  line.append(h('span', { class: 'name-block' },
    h('span', { class: 'name' }, e.displayName || e.id),
    e.displayName ? h('span', { class: 'id' }, e.id) : null,
    e.archivedAt ? h('span', { class: 'badge' }, 'Archived') : null,
    r.path ? h('span', { class: 'path' }, r.path) : null));
  return h('tr', { 'data-entity-id': e.id, class: e.archivedAt ? 'archived' : null },
    nameCell,
    h('td', { class: 'type' }, type ? (type.displayName || type.id) : e.typeId),
    model.columns.map((c) => cell(model, e, c, actions)));
}

function cell(model, e, capabilityId, actions) {
  const rows = (model.budgets.get(e.id) || new Map()).get(capabilityId) || [];
  const td = h('td', { class: 'entitlement', 'data-capability-id': capabilityId });
  if (rows.length === 0) {
    const host = h('div', { class: 'budget none' });
    host.append(h('button', {
      type: 'button', class: 'value set-limit', 'aria-label': `Set a ${capabilityId} limit for ${e.id}`,
      onclick: () => actions.edit(host, { entityId: e.id, capabilityId, scopeEntityIds: [], usageLimit: null, exists: false }),
    }, '—'));
    td.append(host);
    return td;
  }
  for (const b of rows) td.append(budget(e, b, actions));
  return td;
}

function budget(e, b, actions) {
  const scope = b.scopeEntityIds.length === 0 ? 'Node-wide' : b.scopeEntityIds.join(', ');
  const host = h('div', { class: 'budget', 'data-assignment-id': b.assignmentId, 'data-scope': b.scopeEntityIds.join(',') || 'node-wide' });
  const fillBar = h('span', { class: 'fill' });
  // Held by open reservations: counts against the limit like usage, so it sits right after it.
  const heldBar = h('span', { class: 'held' });
  const meter = h('span', { class: 'meter', 'aria-hidden': 'true' }, fillBar, heldBar);
  // A tick on the bar where each alert threshold sits (those past the limit are off the bar).
  for (const f of b.alertThresholds || []) {
    if (f <= 1) {
      const tick = h('span', { class: 'tick' });
      tick.style.left = `${f * 100}%`;
      meter.append(tick);
    }
  }
  const thresholds = (b.alertThresholds || []).map((f) => `${Math.round(f * 100)}%`).join(', ');
  host.append(
    h('span', { class: 'scope' }, b.timeZone ? `${scope} · ${b.cadence} in ${b.timeZone}` : scope,
      thresholds ? h('span', { class: 'visually-hidden' }, `, alerts at ${thresholds}`) : null),
    h('button', {
      type: 'button', class: 'value', 'aria-label': `Edit the ${b.capabilityId} limit of ${e.id}, ${scope.toLowerCase() === 'node-wide' ? 'node-wide' : `scoped to ${scope}`}`,
      onclick: () => actions.edit(host, { entityId: e.id, capabilityId: b.capabilityId, scopeEntityIds: b.scopeEntityIds, usageLimit: b.usageLimit, exists: true }),
    }, h('span', { class: 'usage' }, usageOfLimit(b.currentUsage, b.usageLimit))),
    h('span', { class: 'pct' }, percent(b.utilization)),
    meter,
    h('span', { class: 'reserved' }),
    h('span', { class: 'soft' }));
  paint(host, b);
  return host;
}

/** Writes a budget's live numbers into its cell (also used by the refresh, in place). */
export function paint(host, b) {
  host.querySelector('.usage').textContent = usageOfLimit(b.currentUsage, b.usageLimit);
  host.querySelector('.pct').textContent = percent(b.utilization);
  const u = b.utilization;
  host.classList.toggle('unlimited', b.usageLimit === null);
  host.classList.toggle('warn', u !== null && u >= 0.8 && u < 1);
  host.classList.toggle('full', u !== null && u >= 1);
  host.querySelector('.fill').style.width = `${u === null ? 0 : Math.min(100, u * 100)}%`;
  const held = reservedSegment(b.currentUsage, b.reserved, b.usageLimit);
  const heldBar = host.querySelector('.held');
  heldBar.style.left = `${held ? held.left : 0}%`;
  heldBar.style.width = `${held ? held.width : 0}%`;
  host.querySelector('.reserved').textContent = reservedText(b.reserved);
  host.classList.toggle('has-reserved', b.reserved > 0);
  // A soft limit never blocks; past it the cell says so (query rows carry both fields).
  const soft = host.querySelector('.soft');
  soft.textContent = b.softLimit === null || b.softLimit === undefined ? ''
    : b.overSoftLimit ? `Over soft limit (${count(b.softLimit)})` : `Soft limit ${count(b.softLimit)}`;
  host.classList.toggle('over-soft', Boolean(b.overSoftLimit));
}
