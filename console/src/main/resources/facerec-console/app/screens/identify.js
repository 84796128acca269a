import {api} from '../api.js';
import {count, fill, formatNumber, h} from '../dom.js';
import {galleryChooser} from '../galleries.js';
import {photoView} from '../photo.js';
import {button, card, formData, photoInput, problemView, say, screen} from '../ui.js';

/** Every face of a photo, boxed and labelled with the person's name and similarity, or "unknown". */
export function identifyScreen() {
  const gallery = galleryChooser('identify-gallery');
  const preview = h('div', {class: 'preview'});
  const results = h('div', {'aria-live': 'polite'});
  let file = null;
  let view = null;

  async function identify() {
    if (!file) {
      fill(results, h('p', {class: 'problem', role: 'alert'}, 'Choose a photo first.'));
      return;
    }
    fill(results, h('p', {class: 'busy', role: 'status'}, 'Identifying…'));
    try {
      const answer = await api('POST', '/api/v1/identify', {
        query: {galleryId: gallery.value()}, form: formData({image: file}),
      });
      view.overlay.clear();
      const items = answer.faces.map((face, index) => {
        const text = face.match ? `${face.match.name} ${formatNumber(face.match.similarity, 2)}` : 'unknown';
        view.overlay.box(face.box, {label: `${index + 1}: ${text}`, kind: face.match ? 'known' : 'unknown'});
        return h('li', {class: `identify-face ${face.match ? 'known' : 'unknown'}`},
          h('span', {class: 'face-number'}, `Face ${index + 1}: `),
          h('span', {class: 'face-label'}, text),
          face.match?.externalId ? h('small', {}, ` (${face.match.externalId})`) : null,
          !face.match && face.candidates?.length
            ? h('small', {}, ` nearest ${face.candidates[0].name} ${formatNumber(face.candidates[0].similarity, 2)}`)
            : null);
      });
      fill(results, 
        h('p', {}, `${count(answer.faces.length, 'face')} · a match needs similarity ${formatNumber(answer.threshold)}`
          + ` · model ${answer.model}`),
        items.length ? h('ol', {id: 'identify-results'}, items) : h('p', {id: 'identify-results'}, 'No face found.'));
      say(`${count(answer.faces.length, 'face')}: ${answer.faces.filter((face) => face.match).length} known.`);
    } catch (error) {
      fill(results, problemView(error));
    }
  }

  return screen('identify', 'Identify',
    h('p', {class: 'lead'}, 'Who is in a photo: every face is searched in the gallery.'),
    card('Photo', gallery.element,
      photoInput('identify-file', 'Photo', (chosen) => {
        file = chosen;
        view = photoView(chosen, 'The photo to identify');
        fill(preview, view.element);
        results.replaceChildren();
      }),
      button('identify-submit', 'Identify', identify)),
    preview, results);
}
