import {api} from '../api.js';
import {field, fill, formatDate, h} from '../dom.js';
import {card, onSubmit, pager, problemView, run, say, screen, table} from '../ui.js';

export function galleriesScreen() {
  const list = h('div', {class: 'list'});
  const name = h('input', {id: 'gallery-name', required: true, maxLength: 200, autocomplete: 'off'});
  const retention = h('input', {id: 'gallery-retention', type: 'number', min: 1, max: 3650, inputMode: 'numeric',
    'aria-describedby': 'gallery-retention-hint'});
  const outcome = h('div', {class: 'outcome'});
  const form = h('form', {class: 'inline-form', onsubmit: onSubmit(() => run(outcome, async () => {
    const gallery = await api('POST', '/api/v1/galleries', {
      json: {name: name.value.trim(), retentionDays: retention.value ? Number(retention.value) : null},
    });
    say(`Gallery ${gallery.name} created.`);
    name.value = '';
    retention.value = '';
    load(0);
    return gallery;
  }, (gallery) => h('p', {class: 'done'}, 'Created ', h('a', {href: `#/galleries/${gallery.id}`}, gallery.name))))},
  field('Name', name),
  field('Retention in days (optional)', retention, 'Faces older than this are erased automatically.'),
  h('button', {type: 'submit', id: 'gallery-create', class: 'primary'}, 'Create gallery'),
  outcome);

  async function load(page) {
    try {
      const result = await api('GET', '/api/v1/galleries', {query: {page, size: 20}});
      fill(list, 
        table('galleries-table', 'Galleries', [
          ['Name', (gallery) => h('a', {href: `#/galleries/${gallery.id}`}, gallery.name)],
          ['Faces', (gallery) => String(gallery.faces)],
          ['Retention', (gallery) => (gallery.retentionDays ? `${gallery.retentionDays} days` : 'kept')],
          ['Created', (gallery) => formatDate(gallery.createdAt)],
        ], result.items, 'No gallery yet.'),
        result.total > result.size ? pager(result, load) : null);
    } catch (error) {
      fill(list, problemView(error));
    }
  }
  load(0);
  return screen('galleries', 'Galleries', card('New gallery', form), card('All galleries', list));
}
