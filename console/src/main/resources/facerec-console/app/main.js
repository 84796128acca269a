import {auth} from './api.js';
import {h} from './dom.js';
import {say, screen} from './ui.js';
import {signInScreen} from './screens/sign-in.js';
import {accountScreen} from './screens/account.js';
import {overviewScreen} from './screens/overview.js';
import {galleriesScreen} from './screens/galleries.js';
import {galleryScreen} from './screens/gallery.js';
import {personScreen} from './screens/person.js';
import {compareScreen} from './screens/compare.js';
import {identifyScreen} from './screens/identify.js';
import {detectScreen} from './screens/detect.js';
import {liveScreen} from './screens/live.js';
import {apiKeysScreen} from './screens/api-keys.js';
import {usersScreen} from './screens/users.js';
import {auditScreen} from './screens/audit.js';

// Each route: the hash pattern, the screen, the least role that may use it (the API enforces the same rules; the
// console only hides what would be refused), and whether it has a link in the navigation.
const ROUTES = [
  {path: /^overview$/, render: overviewScreen, role: 'VIEWER', nav: 'Overview'},
  {path: /^galleries$/, render: galleriesScreen, role: 'OPERATOR', nav: 'Galleries'},
  {path: /^galleries\/([0-9a-f-]{36})$/, render: galleryScreen, role: 'OPERATOR'},
  {path: /^persons\/([0-9a-f-]{36})$/, render: personScreen, role: 'OPERATOR'},
  {path: /^compare$/, render: compareScreen, role: 'VIEWER', nav: 'Compare'},
  {path: /^identify$/, render: identifyScreen, role: 'VIEWER', nav: 'Identify'},
  {path: /^detect$/, render: detectScreen, role: 'VIEWER', nav: 'Detect'},
  {path: /^live$/, render: liveScreen, role: 'VIEWER', nav: 'Live'},
  {path: /^api-keys$/, render: apiKeysScreen, role: 'ADMIN', nav: 'API keys'},
  {path: /^users$/, render: usersScreen, role: 'ADMIN', nav: 'Users'},
  {path: /^audit$/, render: auditScreen, role: 'ADMIN', nav: 'Audit log'},
  {path: /^account$/, render: accountScreen, role: 'VIEWER'},
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const navToggle = document.getElementById('nav-toggle');
let current = {dispose: () => {}};
let wanted = 'overview';

function routeOf(hash) {
  const path = hash.replace(/^#\/?/, '') || 'overview';
  for (const route of ROUTES) {
    const match = route.path.exec(path);
    if (match) return {route, path, parameters: match.slice(1)};
  }
  return {route: null, path, parameters: []};
}

async function show() {
  current.dispose?.();
  current = {dispose: () => {}};
  const {route, path, parameters} = routeOf(location.hash);
  let view;
  if (!auth.user) {
    if (path !== 'sign-in') wanted = path;
    view = signInScreen(() => {
      const target = `#/${wanted === 'sign-in' ? 'overview' : wanted}`;
      if (location.hash === target) show();
      else location.hash = target;
    });
  } else if (!route) {
    view = notFound(path);
  } else if (!auth.may(route.role)) {
    view = forbidden(route);
  } else {
    view = route.render(...parameters);
  }
  const {element, dispose} = view instanceof Node ? {element: view} : view;
  current.dispose = dispose ?? (() => {});
  main.replaceChildren(element);
  markCurrentLink();
  const heading = main.querySelector('h1');
  document.title = `${heading?.textContent ?? 'facerec'} · facerec console`;
  heading?.focus({preventScroll: true});
}

function forbidden(route) {
  const element = screen('forbidden', 'Not available to your role',
    h('p', {id: 'forbidden', class: 'problem', role: 'alert'},
      `This screen needs the role ${route.role}; you are signed in as ${auth.user.name} with the role `
      + `${auth.user.role}. Ask an administrator for access.`),
    h('p', {}, h('a', {href: '#/overview'}, 'Back to the overview')));
  return element;
}

function notFound(path) {
  return screen('not-found', 'No such screen',
    h('p', {class: 'problem', role: 'alert'}, `There is no screen at “${path}”.`),
    h('p', {}, h('a', {href: '#/overview'}, 'Back to the overview')));
}

function renderChrome(user) {
  const account = document.getElementById('account');
  nav.replaceChildren();
  if (!user) {
    nav.hidden = true;
    navToggle.hidden = true;
    account.hidden = true;
    return;
  }
  const links = ROUTES.filter((route) => route.nav && auth.may(route.role))
    .map((route) => h('a', {href: `#/${route.path.source.replace(/^\^|\$$/g, '')}`}, route.nav));
  nav.append(h('ul', {}, links.map((link) => h('li', {}, link))));
  nav.hidden = false;
  navToggle.hidden = false;
  account.hidden = false;
  document.getElementById('whoami').textContent = `${user.name} · ${user.role}`;
}

function markCurrentLink() {
  const hash = location.hash || '#/overview';
  for (const link of nav.querySelectorAll('a')) {
    const currentPage = hash === link.getAttribute('href') || hash.startsWith(`${link.getAttribute('href')}/`);
    if (currentPage) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  nav.classList.remove('open');
  navToggle.setAttribute('aria-expanded', 'false');
}

navToggle.addEventListener('click', () => {
  const open = nav.classList.toggle('open');
  navToggle.setAttribute('aria-expanded', String(open));
});

document.getElementById('sign-out').addEventListener('click', async () => {
  await auth.signOut();
  say('Signed out.');
});

auth.onChange((user) => {
  renderChrome(user);
  if (!user) {
    wanted = routeOf(location.hash).path;
    show();
  }
});

window.addEventListener('hashchange', show);
renderChrome(null);
show();
