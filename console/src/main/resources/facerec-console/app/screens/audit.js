import {api} from '../api.js';
import {field, fill, formatDate, h} from '../dom.js';
import {card, onSubmit, pager, problemView, screen, table} from '../ui.js';

/** The audit log with its filters: who did what to which target, with the outcome. */
export function auditScreen() {
  const action = h('input', {id: 'audit-action', autocomplete: 'off', placeholder: 'person.delete'});
  const actor = h('input', {id: 'audit-actor', autocomplete: 'off'});
  const target = h('input', {id: 'audit-target', autocomplete: 'off'});
  const from = h('input', {id: 'audit-from', type: 'datetime-local'});
  const to = h('input', {id: 'audit-to', type: 'datetime-local'});
  const list = h('div', {class: 'list'});

  async function load(page) {
    try {
      const result = await api('GET', '/api/v1/audit', {query: {
        action: action.value.trim(), actor: actor.value.trim(), targetId: target.value.trim(),
        from: from.value ? new Date(from.value).toISOString() : null,
        to: to.value ? new Date(to.value).toISOString() : null,
        page, size: 50,
      }});
      fill(list, table('audit-table', 'Audit events, newest first', [
        ['At', (event) => formatDate(event.at)],
        ['Actor', (event) => `${event.actor ?? ''}${event.actorRole ? ` (${event.actorRole})` : ''}`],
        ['Action', (event) => event.action],
        ['Target', (event) => [event.targetType, event.targetId].filter(Boolean).join(' ')],
        ['Outcome', (event) => `${event.outcome} ${event.status}`],
        ['Address', (event) => event.clientAddress ?? ''],
        ['Times', (event) => (event.occurrences > 1 ? `${event.occurrences}× until ${formatDate(event.lastAt)}` : '1')],
      ], result.items, 'No event matches.'), result.total > result.size ? pager(result, load) : null);
    } catch (error) {
      fill(list, problemView(error));
    }
  }

  load(0);
  return screen('audit', 'Audit log',
    card('Filters', h('form', {class: 'inline-form', onsubmit: onSubmit(() => load(0))},
      field('Action', action), field('Actor', actor), field('Target id', target),
      field('From', from), field('To', to),
      h('button', {type: 'submit', id: 'audit-filter', class: 'primary'}, 'Filter'))),
    card('Events', list));
}
