// A side drawer holding a form: a modal dialog that keeps focus inside, closes on Escape or
// Cancel, returns focus to what opened it, and shows the server's error next to the field at fault.

import { h, uid } from './dom.js';

/**
 * openDrawer({title, fields: Node[], submitLabel, onSubmit(form) -> Promise})
 * onSubmit resolves to close the drawer; an ApiError it throws is shown in the drawer.
 */
export function openDrawer({ title, fields, submitLabel, onSubmit }) {
  const opener = document.activeElement;
  const titleId = uid('drawer-title');
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const cancel = h('button', { type: 'button', onclick: () => close() }, 'Cancel');
  const form = h('form', { class: 'drawer-form', novalidate: true },
    h('div', { class: 'drawer-body' }, fields, error),
    h('div', { class: 'drawer-actions' }, cancel, submit));
  const panel = h('aside', { class: 'drawer', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
    h('div', { class: 'drawer-head' },
      h('h2', { id: titleId }, title),
      h('button', { type: 'button', class: 'icon', 'aria-label': 'Close', onclick: () => close() }, '×')),
    form);
  const overlay = h('div', { class: 'overlay', onclick: (e) => { if (e.target === overlay) close(); } }, panel);

  function close() {
    overlay.remove();
    document.removeEventListener('keydown', onKey, true);
    if (opener && opener.isConnected) opener.focus();
  }

  function onKey(e) {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') {
      const focusable = [...panel.querySelectorAll('button, input, select, textarea, [tabindex="0"]')]
        .filter((el) => !el.disabled && el.offsetParent !== null);
      if (focusable.length === 0) return;
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    submit.disabled = true;
    try {
      await onSubmit(form);
      close();
    } catch (err) {
      showError(form, error, err);
    } finally {
      submit.disabled = false;
    }
  });

  document.addEventListener('keydown', onKey, true);
  document.body.append(overlay);
  const firstInput = panel.querySelector('input:not([disabled]), select:not([disabled])');
  (firstInput || submit).focus();
  return { close, panel };
}

/** Shows an error in the drawer and marks the control its field names (data-field), if any. */
function showError(form, errorEl, err) {
  errorEl.textContent = err.message || String(err);
  errorEl.hidden = false;
  const name = err.field ? err.field.replace(/\[\d+\]$/, '') : null;
  const control = name ? form.querySelector(`[data-field="${CSS.escape(name)}"]`) : null;
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.focus();
  }
}
