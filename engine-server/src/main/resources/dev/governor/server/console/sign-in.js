// The sign-in screen: the token is checked against the API, then kept in sessionStorage only
// (gone when the tab closes; never a cookie).

import { api, session, ApiError } from './api.js';
import { h, fill, field } from './dom.js';

export function renderSignIn(main, message, onSignedIn) {
  const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', spellcheck: 'false', required: true });
  const error = h('p', { class: 'error', role: 'alert', hidden: !message, text: message || '' });
  const form = h('form', { class: 'sign-in', novalidate: true },
    h('h1', {}, 'Sign in'),
    h('p', {}, 'Paste an API token of this server. It is kept for this browser tab only.'),
    field('API token', input),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (!token) {
      error.textContent = 'Enter a token.';
      error.hidden = false;
      input.focus();
      return;
    }
    try {
      await api('GET', '/owners?limit=1', undefined, token);
      session.signIn(token);
      onSignedIn();
    } catch (err) {
      error.textContent = err instanceof ApiError && err.status === 401 ? 'That token is not valid for this server.' : err.message;
      error.hidden = false;
      input.focus();
    }
  });
  fill(main, form);
  input.focus();
}
