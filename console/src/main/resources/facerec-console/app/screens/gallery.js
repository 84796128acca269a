import {api, auth} from '../api.js';
import {count, field, fill, formatDate, h} from '../dom.js';
import {button, card, confirmAction, onSubmit, pager, problemView, receiptView, run, say, screen, table}
  from '../ui.js';

/** One gallery: its retention, its access list (administrators), its persons, and erasing it. */
export function galleryScreen(id) {
  const heading = h('span', {}, 'Gallery');
  const settings = h('div', {});
  const access = h('div', {id: 'access-list'});
  const persons = h('div', {class: 'list'});
  const erase = h('div', {class: 'outcome'});
  const element = screen('gallery', heading,
    h('p', {}, h('a', {href: '#/galleries'}, '← All galleries')),
    card('Retention', settings),
    auth.may('ADMIN') ? card('Who may use this gallery', access) : null,
    card('Persons', personsPanel(id, persons)),
    card('Erase the gallery',
      h('p', {}, 'Erases every person, face, photo and index entry of this gallery. This cannot be undone.'),
      button('gallery-delete', 'Erase gallery…', async () => {
        if (!(await confirmAction(`Erase the gallery “${heading.textContent}” with everything in it?`))) return;
        await run(erase, () => api('DELETE', `/api/v1/galleries/${id}`), (receipt) => {
          say('Gallery erased.');
          return receiptView(receipt);
        });
      }, 'danger'),
      erase));

  api('GET', `/api/v1/galleries/${id}`).then((gallery) => {
    heading.textContent = gallery.name;
    document.title = `${gallery.name} · facerec console`;
    fill(settings, retentionForm(gallery));
  }, (error) => fill(settings, problemView(error)));
  if (auth.may('ADMIN')) showAccess(id, access);
  return element;
}

function retentionForm(gallery) {
  const days = h('input', {id: 'retention-days', type: 'number', min: 1, max: 3650, inputMode: 'numeric',
    value: gallery.retentionDays ?? ''});
  const outcome = h('div', {class: 'outcome'});
  return h('form', {class: 'inline-form', onsubmit: onSubmit(() => run(outcome,
    () => api('PATCH', `/api/v1/galleries/${gallery.id}`, {json: {retentionDays: days.value ? Number(days.value) : null}}),
    (saved) => h('p', {class: 'done'}, saved.retentionDays
      ? `Faces are kept ${saved.retentionDays} days.` : 'Faces are kept until erased.')))},
  h('p', {}, `${count(gallery.faces, 'face')} enrolled · created ${formatDate(gallery.createdAt)}`),
  field('Keep faces for (days; empty: until erased)', days),
  h('button', {type: 'submit', id: 'retention-save', class: 'primary'}, 'Save retention'),
  outcome);
}

async function showAccess(id, slot) {
  const principals = h('textarea', {id: 'access-principals', rows: 4, 'aria-describedby': 'access-principals-hint'});
  const outcome = h('div', {class: 'outcome'});
  try {
    // Up to 1000 principals, in pages of at most 500.
    const current = await api('GET', `/api/v1/galleries/${id}/access`, {query: {size: 500}});
    const all = [...current.principals];
    for (let page = 1; all.length < current.total; page += 1) {
      const next = await api('GET', `/api/v1/galleries/${id}/access`, {query: {page, size: 500}});
      if (!next.principals.length) break;
      all.push(...next.principals);
    }
    principals.value = all.join('\n');
    fill(slot, h('form', {onsubmit: onSubmit(() => run(outcome,
      () => api('PUT', `/api/v1/galleries/${id}/access`, {
        json: {principals: principals.value.split('\n').map((line) => line.trim()).filter(Boolean)},
      }),
      (saved) => h('p', {class: 'done'}, saved.restricted
        ? `Restricted to ${saved.total} principals.` : 'Open to every operator.')))},
    h('p', {}, current.restricted
      ? 'Only these principals (and administrators) may use the gallery.'
      : 'Open to every operator and viewer. List principals to restrict it.'),
    field('Principals, one per line (user names, key:<prefix>, or external subjects)', principals,
      'Leave empty to open the gallery to everyone whose role allows.'),
    h('button', {type: 'submit', id: 'access-save', class: 'primary'}, 'Save access list'),
    outcome));
  } catch (error) {
    fill(slot, problemView(error));
  }
}

function personsPanel(galleryId, list) {
  const search = h('input', {id: 'person-search', type: 'search', autocomplete: 'off'});
  const name = h('input', {id: 'person-name', required: true, maxLength: 200, autocomplete: 'off'});
  const externalId = h('input', {id: 'person-external-id', autocomplete: 'off'});
  const metadata = h('textarea', {id: 'person-metadata', rows: 2, placeholder: '{"team": "blue"}'});
  const outcome = h('div', {class: 'outcome'});
  let query = '';

  async function load(page) {
    try {
      const result = await api('GET', '/api/v1/persons', {query: {galleryId, name: query, page, size: 20}});
      fill(list, 
        table('persons-table', 'Persons', [
          ['Name', (person) => h('a', {href: `#/persons/${person.id}`}, person.name)],
          ['External id', (person) => person.externalId ?? ''],
          ['Updated', (person) => formatDate(person.updatedAt)],
        ], result.items, query ? `Nobody named like “${query}”.` : 'Nobody enrolled yet.'),
        result.total > result.size ? pager(result, load) : null);
    } catch (error) {
      fill(list, problemView(error));
    }
  }
  load(0);

  return [
    h('form', {class: 'inline-form', role: 'search', onsubmit: onSubmit(() => {
      query = search.value.trim();
      load(0);
    })},
    field('Find by name', search),
    h('button', {type: 'submit', id: 'person-search-submit', class: 'secondary'}, 'Search')),
    list,
    h('h3', {}, 'Add a person'),
    h('form', {class: 'inline-form', onsubmit: onSubmit(() => run(outcome, async () => {
      const person = await api('POST', '/api/v1/persons', {json: {
        galleryId, name: name.value.trim(), externalId: externalId.value.trim() || null,
        metadata: parseMetadata(metadata.value),
      }});
      say(`${person.name} added.`);
      name.value = '';
      externalId.value = '';
      metadata.value = '';
      load(0);
      return person;
    }, (person) => h('p', {class: 'done'}, 'Added ',
      h('a', {href: `#/persons/${person.id}`}, person.name), ': open to enrol faces.')))},
    field('Name', name),
    field('External id (optional)', externalId),
    field('Metadata (optional JSON object)', metadata),
    h('button', {type: 'submit', id: 'person-create', class: 'primary'}, 'Add person'),
    outcome),
  ];
}

/** Metadata as typed: empty for none; otherwise a JSON object, refused here before the request if it is not one. */
export function parseMetadata(text) {
  if (!text.trim()) return null;
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Metadata is not valid JSON: ${error.message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('Metadata must be a JSON object, such as {"team": "blue"}.');
  }
  return value;
}
