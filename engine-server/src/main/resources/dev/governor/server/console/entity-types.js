// Governance → Entity types: the list (id, display name, attribution keys, last updated), the
// "+ New entity type" drawer and Edit from each row's ⋮ menu.

import { api, all } from './api.js';
import { h, fill } from './dom.js';
import { date, slug } from './format.js';
import { openDrawer } from './drawer.js';
import { field } from './dom.js';
import { openMenu } from './menu.js';

export async function renderEntityTypes(main) {
  const body = h('div', { class: 'list-body' }, h('p', { class: 'state' }, 'Loading entity types…'));
  const create = h('button', { type: 'button', class: 'primary', onclick: () => typeDrawer(null, reload) }, '+ New entity type');
  fill(main,
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Entity types'),
        h('p', { class: 'sub' }, 'The kinds of entity your customers\u2019 hierarchies are made of, and the attribution keys usage events carry to find them.')),
      create),
    body);

  async function reload() {
    try {
      const types = await all('/entity-types');
      fill(body, types.length === 0
        ? h('p', { class: 'state empty' }, 'No entity types yet. Create the first one with + New entity type.')
        : table(types, reload));
    } catch (err) {
      fill(body, h('p', { class: 'state error', role: 'alert' }, `Could not load entity types: ${err.message}`));
    }
  }
  await reload();
}

function table(types, reload) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'list', 'aria-label': 'Entity types' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Entity type'), h('th', { scope: 'col' }, 'Attribution keys'),
      h('th', { scope: 'col' }, 'Last updated'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
    h('tbody', {}, types.map((t) => h('tr', { 'data-type-id': t.id },
      h('td', {}, h('div', { class: 'name' }, t.displayName || t.id), h('div', { class: 'id' }, t.id)),
      h('td', {}, h('ul', { class: 'chips', 'aria-label': `Attribution keys of ${t.id}` },
        t.attributionKeys.map((k) => h('li', { class: 'chip' }, k)))),
      h('td', {}, h('time', { datetime: t.updatedAt }, date(t.updatedAt))),
      h('td', { class: 'actions' }, h('button', {
        type: 'button', class: 'icon kebab', 'aria-haspopup': 'menu', 'aria-label': `Actions for ${t.id}`,
        onclick: (e) => openMenu(e.currentTarget, [{ label: 'Edit', run: () => typeDrawer(t, reload) }]),
      }, '⋮')))))));
}

/** The drawer for a new type (`type` null) or to edit one (its id fixed). */
function typeDrawer(type, reload) {
  const editing = type !== null;
  const name = h('input', { name: 'displayName', 'data-field': 'displayName', value: editing ? (type.displayName || '') : '', autocomplete: 'off' });
  const id = h('input', { name: 'id', 'data-field': 'id', value: editing ? type.id : '', autocomplete: 'off', disabled: editing, spellcheck: 'false' });
  let idEdited = editing;
  name.addEventListener('input', () => { if (!idEdited) id.value = slug(name.value); });
  id.addEventListener('input', () => { idEdited = id.value !== ''; });

  const keys = editing ? [...type.attributionKeys] : [];
  const chips = h('ul', { class: 'chips', 'aria-label': 'Attribution keys added', 'aria-live': 'polite' });
  const keyInput = h('input', { name: 'attributionKey', 'data-field': 'attributionKeys', autocomplete: 'off', spellcheck: 'false' });
  function drawChips() {
    fill(chips, keys.map((k, i) => h('li', { class: 'chip' }, k,
      h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${k}`, onclick: () => { keys.splice(i, 1); drawChips(); keyInput.focus(); } }, '×'))));
  }
  function addKey() {
    const k = keyInput.value.trim();
    if (k && !keys.includes(k)) keys.push(k);
    keyInput.value = '';
    drawChips();
  }
  keyInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      addKey();
    }
  });
  drawChips();

  openDrawer({
    title: editing ? `Edit entity type ${type.id}` : 'New entity type',
    submitLabel: editing ? 'Save' : 'Create',
    fields: [
      field('Display name', name, 'A readable name, such as Organization.'),
      field('Entity type ID', id, editing ? 'The id cannot change.' : 'Made from the display name; you can edit it.'),
      field('Attribution keys', keyInput, 'Type a key your usage events carry (such as orgId) and press Enter. Add as many as you need.'),
      chips,
    ],
    onSubmit: async () => {
      if (keyInput.value.trim()) addKey();
      const displayName = name.value.trim();
      await api('PUT', '/entity-types', {
        types: [{ id: id.value.trim(), displayName: displayName === '' ? null : displayName, attributionKeys: keys }],
      });
      await reload();
    },
  });
}
