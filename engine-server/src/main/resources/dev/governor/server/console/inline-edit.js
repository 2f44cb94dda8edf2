// Inline edit of one budget's limit inside its entitlement cell: a number or Unlimited, confirmed
// with the checkmark (or Enter), cancelled with ✕ (or Escape). The server decides; its error shows
// in the cell and nothing changes.

import { api, enc } from './api.js';
import { h, uid } from './dom.js';

/**
 * Replaces `host`'s content with an editor until saved or cancelled.
 * budget: {ownerId, entityId, capabilityId, scopeEntityIds, usageLimit, exists}
 * Calls onDone(saved) after either.
 */
export function openInlineEdit(host, budget, onDone) {
  const previous = [...host.childNodes];
  const inputId = uid('limit');
  const input = h('input', {
    id: inputId, name: 'usageLimit', inputmode: 'numeric', autocomplete: 'off', class: 'limit-input',
    value: budget.usageLimit === null || budget.usageLimit === undefined ? '' : String(budget.usageLimit),
  });
  const unlimited = h('input', { type: 'checkbox', name: 'unlimited', checked: budget.exists && budget.usageLimit === null });
  input.disabled = unlimited.checked;
  unlimited.addEventListener('change', () => {
    input.disabled = unlimited.checked;
    if (!unlimited.checked) input.focus();
  });
  const error = h('p', { class: 'error inline-error', role: 'alert', hidden: true });
  const save = h('button', { type: 'submit', class: 'icon confirm', 'aria-label': 'Save limit', title: 'Save' }, '✓');
  const cancel = h('button', { type: 'button', class: 'icon', 'aria-label': 'Cancel editing', title: 'Cancel', onclick: () => finish(false) }, '✕');
  const form = h('form', { class: 'inline-edit', novalidate: true },
    h('label', { for: inputId, class: 'visually-hidden' }, `Limit of ${budget.capabilityId} for ${budget.entityId}`),
    input,
    h('label', { class: 'check' }, unlimited, 'Unlimited'),
    save, cancel, error);
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      finish(false);
    }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    let usageLimit = null;
    if (!unlimited.checked) {
      const text = input.value.trim().replace(/,/g, '');
      if (text === '' || !Number.isFinite(Number(text))) {
        return fail('Enter a whole number, or choose Unlimited.');
      }
      usageLimit = Number(text);
    }
    const item = { entityId: budget.entityId, capabilityId: budget.capabilityId, scopeEntityIds: budget.scopeEntityIds, usageLimit };
    if (!budget.exists) item.cadence = 'P1M';
    save.disabled = true;
    try {
      await api('PUT', `/owners/${enc(budget.ownerId)}/assignments`, { assignments: [item] });
      finish(true);
    } catch (err) {
      fail(err.message);
    } finally {
      save.disabled = false;
    }
  });

  function fail(message) {
    error.textContent = message;
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }

  function finish(saved) {
    host.replaceChildren(...previous);
    host.classList.remove('editing');
    onDone(saved);
  }

  host.classList.add('editing');
  host.replaceChildren(form);
  input.focus();
  input.select();
}
