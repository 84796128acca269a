import {fill, h} from './dom.js';
import {photoView} from './photo.js';
import {button, photoInput, problemView} from './ui.js';

/**
 * One photo sent to the API and the answer drawn over it, as detect and identify do: a chooser, a preview, a submit
 * button and a results area. {@code action(file, overlay)} calls the API, draws on the overlay and returns what the
 * results area shows; a refusal shows as a problem instead.
 */
export function photoTask({id, submitLabel, alt, busy, action}) {
  const preview = h('div', {class: 'preview'});
  const results = h('div', {'aria-live': 'polite'});
  let file = null;
  let view = null;

  const input = photoInput(`${id}-file`, 'Photo', (chosen) => {
    file = chosen;
    view = photoView(chosen, alt);
    fill(preview, view.element);
    fill(results);
  });

  async function submit() {
    if (!file) {
      fill(results, h('p', {class: 'problem', role: 'alert'}, 'Choose a photo first.'));
      return;
    }
    fill(results, h('p', {class: 'busy', role: 'status'}, busy));
    view.overlay.clear();
    try {
      fill(results, await action(file, view.overlay));
    } catch (error) {
      fill(results, problemView(error));
    }
  }

  return {input, submit: button(`${id}-submit`, submitLabel, submit), preview, results};
}
