import {ApiError} from './api.js';
import {field, fill, formatDate, h} from './dom.js';

/** The screen's root: a section with its heading, which the router focuses for screen readers. */
export function screen(name, title, ...children) {
  return h('section', {id: `screen-${name}`, class: 'screen', 'aria-labelledby': `screen-${name}-title`},
    h('h1', {id: `screen-${name}-title`, tabindex: '-1'}, title),
    children);
}

export function card(title, ...children) {
  return h('section', {class: 'card', 'aria-label': title}, h('h2', {}, title), children);
}

let hideStatus = null;

/** Announces a short message in the live region, shown for a few seconds. */
export function say(message) {
  const status = document.getElementById('status');
  status.textContent = '';
  clearTimeout(hideStatus);
  // A new text node after a tick, so that a repeated message is announced again.
  setTimeout(() => {
    status.textContent = message;
    hideStatus = setTimeout(() => {
      status.textContent = '';
    }, 6000);
  }, 30);
}

/** A problem body as a person reads it: title, detail, and the code to search the docs for. */
export function problemView(error) {
  if (!(error instanceof ApiError)) {
    return h('div', {class: 'problem', role: 'alert'}, h('strong', {}, 'Something went wrong'),
      h('p', {}, String(error?.message ?? error)));
  }
  const {title, detail, code, errors} = error.problem;
  return h('div', {class: 'problem', role: 'alert'},
    h('strong', {}, title || `Refused (${error.status})`),
    detail ? h('p', {}, detail) : null,
    Array.isArray(errors) && errors.length
      ? h('ul', {}, errors.map((item) => h('li', {}, `${item.field ?? ''} ${item.message ?? item.detail ?? ''}`)))
      : null,
    code ? h('small', {class: 'code'}, `HTTP ${error.status} · ${code}`) : null);
}

/** Puts the outcome of an action into {@code slot}: a problem, or what {@code render} makes of the result. */
export async function run(slot, action, render = () => null) {
  fill(slot, h('p', {class: 'busy', role: 'status'}, 'Working…'));
  try {
    const result = await action();
    fill(slot, ...[render(result)].flat().filter(Boolean));
    return result;
  } catch (error) {
    fill(slot, problemView(error));
    return undefined;
  }
}

/** A modal confirmation; resolves true when confirmed. */
export function confirmAction(message, confirmLabel = 'Delete') {
  return new Promise((resolve) => {
    const dialog = h('dialog', {class: 'confirm', 'aria-labelledby': 'confirm-text'},
      h('p', {id: 'confirm-text'}, message),
      h('div', {class: 'actions'},
        h('button', {type: 'button', id: 'confirm-cancel', class: 'secondary', onclick: () => dialog.close('cancel')},
          'Cancel'),
        h('button', {type: 'button', id: 'confirm-ok', class: 'danger', onclick: () => dialog.close('ok')},
          confirmLabel)));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'ok');
    });
    document.body.append(dialog);
    dialog.showModal();
    document.getElementById('confirm-cancel').focus();
  });
}

/** The erasure receipt the service answers a delete with, kept on screen so that it can be copied or printed. */
export function receiptView(receipt) {
  const rows = [
    ['Receipt', receipt.receiptId],
    ['Erased', `${receipt.subject?.type ?? ''} ${receipt.subject?.id ?? ''}`],
    ['At', formatDate(receipt.erasedAt)],
    ['Persons', receipt.persons],
    ['Faces', receipt.faces],
    ['Images deleted', receipt.images],
    ['Images left for the sweep', receipt.imagesLeftForSweep],
    ['Index entries removed', receipt.indexEntriesRemoved],
    ['Cache entries evicted', receipt.cacheEntriesEvicted],
    ['Complete', receipt.complete ? 'yes' : 'no: the sweep finishes it'],
  ];
  return h('section', {id: 'receipt', class: 'receipt card', 'aria-label': 'Erasure receipt'},
    h('h2', {}, 'Erasure receipt'),
    h('dl', {}, rows.map(([name, value]) => [h('dt', {}, name), h('dd', {}, String(value ?? ''))])));
}

/**
 * A table with a caption; columns are [heading, row => cell content]. An empty list says so instead of showing an
 * empty grid.
 */
export function table(id, caption, columns, rows, empty = 'Nothing here yet.') {
  if (!rows.length) return h('p', {id, class: 'empty'}, empty);
  return h('div', {class: 'table-wrap'},
    h('table', {id},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', {scope: 'col'},
        heading || h('span', {class: 'visually-hidden'}, 'Actions'))))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(row))))))));
}

/** Previous/next for a PageView answer ({items, page, size, total}). */
export function pager(page, go) {
  const last = Math.max(0, Math.ceil(page.total / page.size) - 1);
  return h('nav', {class: 'pager', 'aria-label': 'Pages'},
    h('button', {type: 'button', id: 'page-prev', class: 'secondary', disabled: page.page <= 0,
      onclick: () => go(page.page - 1)}, 'Previous'),
    h('span', {}, `Page ${page.page + 1} of ${last + 1} · ${page.total} in all`),
    h('button', {type: 'button', id: 'page-next', class: 'secondary', disabled: page.page >= last,
      onclick: () => go(page.page + 1)}, 'Next'));
}

/**
 * A photo chooser: a file picker and a drop zone (keyboard users use the picker). Calls onFile(File).
 */
export function photoInput(id, label, onFile) {
  const input = h('input', {type: 'file', id, accept: 'image/*,.heic,.heif,.avif',
    onchange: () => input.files[0] && onFile(input.files[0])});
  const zone = h('div', {id: `${id}-drop`, class: 'drop-zone'},
    field(label, input),
    h('p', {class: 'hint'}, 'or drop a photo here'));
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    const file = event.dataTransfer?.files?.[0];
    if (file) onFile(file);
  });
  return zone;
}

export function formData(entries) {
  const form = new FormData();
  for (const [name, value] of Object.entries(entries)) {
    if (value !== undefined && value !== null && value !== '') form.append(name, value);
  }
  return form;
}

export function button(id, label, onclick, kind = 'primary') {
  return h('button', {type: 'button', id, class: kind, onclick}, label);
}

export function onSubmit(handler) {
  return (event) => {
    event.preventDefault();
    handler(event);
  };
}
