// The console's entry point: sign-in, the header and a hash router over its three screens.

import { session } from './api.js';
import { renderSignIn } from './sign-in.js';
import { renderEntityTypes } from './entity-types.js';
import { renderCustomers } from './customers.js';
import { renderGovernance } from './governance.js';

const main = document.getElementById('main');
const signOut = document.getElementById('sign-out');
let stopPage = () => {};

session.whenUnauthorized(() => {
  session.signOut();
  route('Your token was refused. Sign in again.');
});

signOut.addEventListener('click', () => {
  session.signOut();
  window.location.hash = '#/customers';
  route();
});

function route(message) {
  stopPage();
  stopPage = () => {};
  const signedIn = Boolean(session.token());
  signOut.hidden = !signedIn;
  if (!signedIn) {
    document.title = 'Sign in · Governor console';
    renderSignIn(main, message, () => route());
    return;
  }
  const hash = window.location.hash || '#/customers';
  const customer = hash.match(/^#\/customers\/(.+)$/);
  const section = hash.startsWith('#/entity-types') ? 'entity-types' : 'customers';
  document.querySelectorAll('[data-nav]').forEach((a) => {
    if (a.dataset.nav === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  if (customer) {
    const ownerId = decodeURIComponent(customer[1]);
    document.title = `${ownerId} · Governance · Governor console`;
    stopPage = renderGovernance(main, ownerId);
  } else if (section === 'entity-types') {
    document.title = 'Entity types · Governor console';
    renderEntityTypes(main);
  } else {
    document.title = 'Customers · Governor console';
    renderCustomers(main);
  }
  main.focus({ preventScroll: true });
}

window.addEventListener('hashchange', () => route());
route();
