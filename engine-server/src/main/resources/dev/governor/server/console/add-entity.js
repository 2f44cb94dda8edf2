// "+ Add entity": entity id, type, parent and, optionally, an entitlement on it whose cardinality
// (the entities to slice by) becomes the budget's scope.

import { api, enc } from './api.js';
import { h, field, uid } from './dom.js';
import { openDrawer } from './drawer.js';

const CADENCES = [['P1D', 'Daily'], ['P1W', 'Weekly'], ['P1M', 'Monthly'], ['P1Y', 'Yearly']];

export function openAddEntity({ ownerId, types, capabilities, entities, onAdded }) {
  const id = h('input', { name: 'id', 'data-field': 'id', autocomplete: 'off', spellcheck: 'false', required: true });
  const type = h('select', { name: 'typeRefId', 'data-field': 'typeRefId', required: true },
    h('option', { value: '' }, 'Select an entity type'),
    types.map((t) => h('option', { value: t.id }, t.displayName ? `${t.displayName} (${t.id})` : t.id)));
  const parent = h('select', { name: 'parentId', 'data-field': 'parentId' },
    h('option', { value: '' }, 'No parent (top level)'),
    entities.map((e) => h('option', { value: e.id }, e.displayName ? `${e.displayName} (${e.id})` : e.id)));

  const capability = h('select', { name: 'capabilityId', 'data-field': 'capabilityId' },
    h('option', { value: '' }, 'No entitlement'), capabilities.map((c) => h('option', { value: c }, c)));
  const limit = h('input', { name: 'usageLimit', 'data-field': 'usageLimit', inputmode: 'numeric', autocomplete: 'off' });
  const unlimited = h('input', { type: 'checkbox', name: 'unlimited' });
  const cadence = h('select', { name: 'cadence', 'data-field': 'cadence' },
    CADENCES.map(([value, label]) => h('option', { value, selected: value === 'P1M' }, label)));
  const filter = h('input', { type: 'search', name: 'cardinalityFilter', autocomplete: 'off', placeholder: 'Filter entities' });
  const options = entities.map((e) => {
    const box = h('input', { type: 'checkbox', name: 'scope', value: e.id });
    return h('label', { class: 'check option', 'data-entity-id': e.id }, box, e.displayName ? `${e.displayName} (${e.id})` : e.id);
  });
  const legendId = uid('cardinality');
  const cardinality = h('fieldset', { class: 'cardinality', 'data-field': 'scopeEntityIds', 'aria-describedby': `${legendId}-hint` },
    h('legend', { id: legendId }, 'Cardinality (optional)'),
    h('p', { class: 'hint', id: `${legendId}-hint` }, 'Restrict the budget to a sub-context: the entities to slice by, such as one AI model.'),
    field('Filter', filter),
    h('div', { class: 'options' }, options.length ? options : h('p', { class: 'hint' }, 'This customer has no entities yet.')));
  filter.addEventListener('input', () => {
    const text = filter.value.trim().toLowerCase();
    options.forEach((o) => { o.hidden = text !== '' && !o.textContent.toLowerCase().includes(text); });
  });
  const entitlement = h('div', { class: 'entitlement' },
    field('Limit', limit, 'Usage allowed per period.'), h('label', { class: 'check' }, unlimited, 'Unlimited (track usage, never block)'),
    field('Period', cadence), cardinality);
  function sync() {
    const none = capability.value === '';
    entitlement.hidden = none;
    limit.disabled = none || unlimited.checked;
  }
  capability.addEventListener('change', sync);
  unlimited.addEventListener('change', sync);
  sync();

  openDrawer({
    title: 'Add entity',
    submitLabel: 'Add entity',
    fields: [
      field('Entity ID', id, 'The id your API calls use, such as team-ml.'),
      field('Entity type', type),
      field('Parent entity (optional)', parent),
      h('h3', {}, 'Entitlement (optional)'),
      field('Capability', capability),
      entitlement,
    ],
    onSubmit: async () => {
      const entityId = id.value.trim();
      const item = { id: entityId, typeRefId: type.value };
      if (parent.value) item.parentId = parent.value;
      let budget = null;
      if (capability.value) {
        const text = limit.value.trim().replace(/,/g, '');
        if (!unlimited.checked && (text === '' || !Number.isFinite(Number(text)))) {
          throw Object.assign(new Error('Enter the limit as a whole number, or choose Unlimited.'), { field: 'usageLimit' });
        }
        budget = {
          entityId, capabilityId: capability.value, usageLimit: unlimited.checked ? null : Number(text), cadence: cadence.value,
          scopeEntityIds: options.map((o) => o.querySelector('input')).filter((b) => b.checked).map((b) => b.value),
        };
      }
      await api('PUT', `/owners/${enc(ownerId)}/entities`, { entities: [item] });
      if (budget) {
        try {
          await api('PUT', `/owners/${enc(ownerId)}/assignments`, { assignments: [budget] });
        } catch (err) {
          onAdded();
          err.message = `${entityId} was added, but its entitlement was not: ${err.message}`;
          throw err;
        }
      }
      onAdded();
    },
  });
}
