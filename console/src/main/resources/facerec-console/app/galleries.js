import {api, auth} from './api.js';
import {count, field, fill, h} from './dom.js';

/**
 * A gallery chooser: a list for callers who may list galleries (OPERATOR and above), a field for the gallery's id
 * for the others (a VIEWER identifies in a gallery an administrator told them of).
 */
export function galleryChooser(id) {
  const wrapper = h('div', {class: 'gallery-chooser'});
  let read = () => '';
  if (auth.may('OPERATOR')) {
    const select = h('select', {id, required: true}, h('option', {value: ''}, 'Loading…'));
    read = () => select.value;
    api('GET', '/api/v1/galleries', {query: {size: 100}}).then((page) => {
      fill(select, ...(page.items.length
        ? page.items.map((gallery) => h('option', {value: gallery.id}, `${gallery.name} (${count(gallery.faces, 'face')})`))
        : [h('option', {value: ''}, 'No gallery yet')]));
    }, () => fill(select, h('option', {value: ''}, 'Galleries could not be listed')));
    wrapper.append(field('Gallery', select));
  } else {
    const input = h('input', {id, required: true, pattern: '[0-9a-fA-F-]{36}', autocomplete: 'off',
      'aria-describedby': `${id}-hint`});
    read = () => input.value.trim();
    wrapper.append(field('Gallery id', input, 'Your role may not list galleries: ask an operator for the id.'));
  }
  return {element: wrapper, value: () => read()};
}
