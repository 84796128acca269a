import {api, auth} from '../api.js';
import {fill, h} from '../dom.js';
import {card, problemView, screen, table} from '../ui.js';

/**
 * What runs and how it is: the version, the models and where they run (GPU or CPU) for everyone; each part's health
 * and kind and the galleries' sizes for operators, who may read them.
 */
export function overviewScreen() {
  const service = h('div', {id: 'overview-version'}, h('p', {class: 'busy'}, 'Loading…'));
  const models = h('div', {id: 'overview-models'});
  const health = h('div', {id: 'overview-health'});
  const galleries = h('div', {id: 'overview-galleries'});
  const element = screen('overview', 'Overview',
    h('div', {class: 'grid'}, card('Service', service), card('Models', models)),
    auth.may('OPERATOR') ? card('Health of each part', health) : null,
    auth.may('OPERATOR') ? card('Galleries', galleries) : null);

  const reference = h('p', {id: 'overview-api-reference'});
  service.after(reference);
  // The API description is public when the operator left it on (API_DOCS_ENABLED); the link shows only then.
  fetch('/v3/api-docs/swagger-config', {credentials: 'omit', cache: 'no-store'}).then((response) => {
    if (response.ok) {
      fill(reference, 'API reference: ', h('a', {href: '/swagger-ui', target: '_blank', rel: 'noopener'},
        'Swagger UI'), ' · ', h('a', {href: '/v3/api-docs', target: '_blank', rel: 'noopener'}, 'OpenAPI 3.1'));
    }
  }, () => {});

  api('GET', '/api/v1/health').then((status) => {
    fill(service, definitions([
      ['Status', status.status],
      ['Version', status.version],
      ['Signed in as', `${auth.user.name} (${auth.user.role})`],
    ]));
    fill(models, definitions([
      ['Detector', status.models?.detector ?? 'not loaded'],
      ['Recognizer', status.models?.recognizer ?? 'not loaded'],
      ['Runs on', status.gpu_available ? 'GPU (CUDA)' : 'CPU'],
    ]));
  }, (error) => fill(service, problemView(error)));

  if (auth.may('OPERATOR')) {
    api('GET', '/health/detailed').then(showHealth, (error) => {
      // 503 still carries the detailed body: show which part is down.
      if (error.problem?.components) showHealth(error.problem);
      else fill(health, problemView(error));
    });
    api('GET', '/api/v1/galleries', {query: {size: 100}}).then((page) => fill(galleries, 
      table('overview-galleries-table', 'Galleries and their enrolled faces', [
        ['Gallery', (gallery) => h('a', {href: `#/galleries/${gallery.id}`}, gallery.name)],
        ['Faces', (gallery) => String(gallery.faces)],
        ['Retention', (gallery) => (gallery.retentionDays ? `${gallery.retentionDays} days` : 'kept')],
      ], page.items, 'No gallery yet: create one under Galleries.'),
      page.total > page.items.length ? h('p', {class: 'hint'}, `${page.total} galleries in all.`) : null),
    (error) => fill(galleries, problemView(error)));
  }

  function showHealth(body) {
    const parts = Object.entries(body.components ?? {});
    fill(health, 
      h('p', {}, 'Overall: ', h('strong', {class: `state ${String(body.status).toLowerCase()}`}, body.status)),
      table('health-table', 'Each part of the service', [
        ['Part', ([name]) => name],
        ['Status', ([, part]) => h('span', {class: `state ${String(part.status).toLowerCase()}`}, part.status)],
        ['Kind and details', ([, part]) => details(part)],
      ], parts));
  }
  return element;
}

function details(part) {
  const shown = Object.entries(part).filter(([name]) => name !== 'status');
  if (!shown.length) return '';
  return list(shown);
}

/** Nested objects (such as the decoder of each image format) as nested lists rather than raw JSON. */
function list(entries) {
  return h('ul', {class: 'details'}, entries.map(([name, value]) => (value && typeof value === 'object'
    && !Array.isArray(value) && Object.keys(value).length
    ? h('li', {}, `${name}:`, list(Object.entries(value)))
    : h('li', {}, `${name}: ${text(value)}`))));
}

function text(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function definitions(rows) {
  return h('dl', {}, rows.map(([name, value]) => [h('dt', {}, name), h('dd', {}, String(value ?? ''))]));
}
