import {api} from '../api.js';
import {count, fill, formatNumber, h} from '../dom.js';
import {photoView} from '../photo.js';
import {button, card, formData, photoInput, problemView, say, screen} from '../ui.js';

/** Faces found in a photo: boxes, the five landmarks and the detection scores. */
export function detectScreen() {
  const preview = h('div', {class: 'preview'});
  const results = h('div', {'aria-live': 'polite'});
  let file = null;
  let view = null;

  async function detect() {
    if (!file) {
      fill(results, h('p', {class: 'problem', role: 'alert'}, 'Choose a photo first.'));
      return;
    }
    fill(results, h('p', {class: 'busy', role: 'status'}, 'Detecting…'));
    try {
      const answer = await api('POST', '/api/v1/faces/detect', {form: formData({image: file})});
      view.overlay.clear();
      answer.faces.forEach((face, index) => {
        view.overlay.box(face.box, {label: `${index + 1}: ${formatNumber(face.score, 2)}`});
        view.overlay.landmarks(face.landmarks);
      });
      fill(results, 
        h('p', {}, `${count(answer.faces.length, 'face')} in ${answer.imageWidth} × ${answer.imageHeight} pixels.`),
        answer.faces.length
          ? h('ol', {id: 'detect-results'}, answer.faces.map((face) => h('li', {},
            `score ${formatNumber(face.score)} · box ${Math.round(face.box.width)} × ${Math.round(face.box.height)}`
            + ` at (${Math.round(face.box.x)}, ${Math.round(face.box.y)})`)))
          : h('p', {id: 'detect-results'}, 'No face found.'));
      say(`${count(answer.faces.length, 'face')} found.`);
    } catch (error) {
      fill(results, problemView(error));
    }
  }

  return screen('detect', 'Detect faces',
    h('p', {class: 'lead'}, 'Boxes, the five landmarks (eyes, nose tip, mouth corners) and each face’s score.'),
    card('Photo', photoInput('detect-file', 'Photo', (chosen) => {
      file = chosen;
      view = photoView(chosen, 'The photo to search for faces');
      fill(preview, view.element);
      results.replaceChildren();
    }), button('detect-submit', 'Detect', detect)),
    preview, results);
}
