// Elements built with the DOM API only: text is always text (never parsed as HTML), so names and metadata typed by
// users cannot inject markup. Styles are set through the CSSOM, which the Content-Security-Policy allows.

/**
 * h('button', {id: 'x', class: 'primary', onclick: fn, 'aria-label': 'Close'}, 'text', child, [more])
 * Properties starting with "on" become listeners; aria-*, data-*, role, for and other attributes are set as
 * attributes; everything else as a property (value, checked, disabled, hidden, type...).
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'for') {
      element.htmlFor = value;
    } else if (name === 'style') {
      Object.assign(element.style, value);
    } else if (name.startsWith('aria-') || name.startsWith('data-') || name === 'role' || !(name in element)) {
      element.setAttribute(name, value === true ? '' : String(value));
    } else {
      element[name] = value;
    }
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** An input with its visible label, wrapped for layout. */
export function field(label, input, hint) {
  const id = input.id;
  return h('div', {class: 'field'},
    h('label', {for: id}, label),
    input,
    hint ? h('small', {id: `${id}-hint`, class: 'hint'}, hint) : null);
}

export function formatDate(value) {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

export function formatNumber(value, digits = 4) {
  return typeof value === 'number' ? value.toFixed(digits) : '';
}

/** Replaces the children of {@code parent}; null, undefined and false children are left out (append's rules). */
export function fill(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** "1 face", "2 faces". */
export function count(number, singular, plural = `${singular}s`) {
  return `${number} ${number === 1 ? singular : plural}`;
}
