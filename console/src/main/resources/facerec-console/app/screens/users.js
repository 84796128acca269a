import {api, auth} from '../api.js';
import {field, fill, formatDate, h} from '../dom.js';
import {roleSelect} from '../roles.js';
import {card, onSubmit, pager, problemView, run, say, screen, table} from '../ui.js';

/** Accounts of the built-in sign-in: create, change role, disable or enable. */
export function usersScreen() {
  const name = h('input', {id: 'user-name', required: true, autocomplete: 'off', maxLength: 100});
  const password = h('input', {id: 'user-password', type: 'password', required: true, minLength: 12,
    autocomplete: 'new-password'});
  const role = roleSelect('user-role');
  const outcome = h('div', {class: 'outcome'});
  const list = h('div', {class: 'list'});

  const form = h('form', {class: 'inline-form', onsubmit: onSubmit(() => run(outcome, async () => {
    const user = await api('POST', '/api/v1/auth/register', {json: {
      username: name.value.trim(), password: password.value, role: role.value,
    }});
    name.value = '';
    password.value = '';
    say(`Account ${user.username} created.`);
    load(0);
    return user;
  }, (user) => h('p', {class: 'done'}, `Created ${user.username} (${user.role}). Give them the password safely; `
    + 'they change it under Password.')))},
  field('User name', name),
  field('Initial password (at least 12 characters)', password),
  field('Role', role),
  h('button', {type: 'submit', id: 'user-create', class: 'primary'}, 'Create account'),
  outcome);

  async function load(page) {
    try {
      const result = await api('GET', '/api/v1/users', {query: {page, size: 20}});
      fill(list, table('users-table', 'Accounts', [
        ['User', (user) => user.username],
        ['Role', (user) => (user.username === auth.user.name ? user.role : roleSelect(`role-${user.id}`, user.role, {
          'aria-label': `Role of ${user.username}`, onchange: (event) => change(user, {role: event.target.value}),
        }))],
        ['State', (user) => (user.enabled ? 'enabled' : 'disabled')],
        ['Created', (user) => formatDate(user.createdAt)],
        ['', (user) => (user.username === auth.user.name ? 'you' : h('button', {type: 'button',
          class: 'secondary small', onclick: () => change(user, {enabled: !user.enabled}),
          'aria-label': `${user.enabled ? 'Disable' : 'Enable'} ${user.username}`},
        user.enabled ? 'Disable' : 'Enable'))],
      ], result.items), result.total > result.size ? pager(result, load) : null);
    } catch (error) {
      fill(list, problemView(error));
    }
  }

  async function change(user, changes) {
    try {
      const saved = await api('PATCH', `/api/v1/users/${user.id}`, {json: changes});
      say(`${saved.username}: ${saved.role}, ${saved.enabled ? 'enabled' : 'disabled'}.`);
      load(0);
    } catch (error) {
      list.prepend(problemView(error));
    }
  }

  load(0);
  return screen('users', 'Users and roles', card('New account', form), card('Accounts', list));
}
