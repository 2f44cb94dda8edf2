// A small action menu under a ⋮ button: arrow keys move, Enter runs, Escape or a click outside closes.

import { h } from './dom.js';

export function openMenu(button, items) {
  const menu = h('div', { class: 'menu', role: 'menu' }, items.map((item) => h('button', {
    type: 'button', role: 'menuitem', tabindex: '-1',
    onclick: () => { close(); button.focus(); item.run(); },
  }, item.label)));
  const rect = button.getBoundingClientRect();
  menu.style.top = `${rect.bottom + window.scrollY + 4}px`;
  menu.style.left = `${Math.max(8, rect.right + window.scrollX - 160)}px`;
  button.setAttribute('aria-expanded', 'true');
  const entries = [...menu.querySelectorAll('[role=menuitem]')];

  function close() {
    menu.remove();
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('mousedown', outside, true);
  }
  function outside(e) {
    if (!menu.contains(e.target) && e.target !== button) close();
  }
  menu.addEventListener('keydown', (e) => {
    const at = entries.indexOf(document.activeElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
      button.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (at + (e.key === 'ArrowDown' ? 1 : entries.length - 1)) % entries.length;
      entries[next].focus();
    } else if (e.key === 'Tab') {
      close();
    }
  });
  document.addEventListener('mousedown', outside, true);
  document.body.append(menu);
  entries[0].focus();
}
