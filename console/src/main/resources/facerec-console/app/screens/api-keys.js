import {api} from '../api.js';
import {field, fill, formatDate, h} from '../dom.js';
import {roleSelect} from '../roles.js';
import {button, card, confirmAction, onSubmit, pager, problemView, run, say, screen, table} from '../ui.js';

/** API keys: created with a role and an optional expiry, shown once, revoked. The service keeps only their hash. */
export function apiKeysScreen() {
  const name = h('input', {id: 'key-name', required: true, maxLength: 200, autocomplete: 'off'});
  const role = roleSelect('key-role');
  const expires = h('input', {id: 'key-expires', type: 'date'});
  const created = h('div', {class: 'outcome'});
  const list = h('div', {class: 'list'});

  const form = h('form', {class: 'inline-form', onsubmit: onSubmit(() => run(created, async () => {
    const answer = await api('POST', '/api/v1/api-keys', {json: {
      name: name.value.trim(), role: role.value,
      expiresAt: expires.value ? new Date(`${expires.value}T23:59:59Z`).toISOString() : null,
    }});
    name.value = '';
    load(0);
    return answer;
  }, (answer) => shownOnce(answer)))},
  field('Name (what the key is for)', name),
  field('Role', role),
  field('Expires (optional)', expires),
  h('button', {type: 'submit', id: 'key-create', class: 'primary'}, 'Create key'),
  created);

  async function load(page) {
    try {
      const result = await api('GET', '/api/v1/api-keys', {query: {page, size: 20}});
      fill(list, table('keys-table', 'API keys', [
        ['Name', (key) => key.name],
        ['Prefix', (key) => h('code', {}, key.prefix)],
        ['Role', (key) => key.role],
        ['Owner', (key) => key.owner ?? ''],
        ['Created', (key) => formatDate(key.createdAt)],
        ['Expires', (key) => formatDate(key.expiresAt) || 'never'],
        ['Last used', (key) => formatDate(key.lastUsedAt) || 'never'],
        ['State', (key) => (key.revokedAt ? `revoked ${formatDate(key.revokedAt)}` : 'active')],
        ['', (key) => (key.revokedAt ? '' : h('button', {type: 'button', class: 'revoke secondary small',
          'aria-label': `Revoke the key ${key.name}`, onclick: () => revoke(key)}, 'Revoke'))],
      ], result.items, 'No API key yet.'), result.total > result.size ? pager(result, load) : null);
    } catch (error) {
      fill(list, problemView(error));
    }
  }

  async function revoke(key) {
    if (!(await confirmAction(`Revoke the key “${key.name}”? Clients using it are refused at once.`, 'Revoke'))) {
      return;
    }
    try {
      await api('DELETE', `/api/v1/api-keys/${key.id}`);
      say(`Key ${key.name} revoked.`);
      load(0);
    } catch (error) {
      list.prepend(problemView(error));
    }
  }

  load(0);
  return screen('api-keys', 'API keys', card('New key', form), card('Keys', list));
}

/** The key's only showing: a read-only field, selected for copying, and a copy button. */
function shownOnce(answer) {
  const value = h('input', {id: 'new-key', readOnly: true, value: answer.key, 'aria-describedby': 'new-key-hint',
    spellcheck: false, autocomplete: 'off'});
  const copied = h('span', {role: 'status'});
  return h('div', {class: 'notice'},
    field(`The key ${answer.apiKey.name} (${answer.apiKey.role})`, value,
      'Shown once: copy it now. The service keeps only its hash and cannot show it again. Send it as the X-API-Key '
      + 'header.'),
    button('copy-key', 'Copy', async () => {
      value.select();
      try {
        await navigator.clipboard.writeText(value.value);
        copied.textContent = ' Copied.';
      } catch {
        copied.textContent = ' Selected: press Ctrl+C to copy.';
      }
    }, 'secondary'),
    copied);
}
