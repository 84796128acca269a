import {api} from '../api.js';
import {count, formatNumber, h} from '../dom.js';
import {photoTask} from '../photo-task.js';
import {card, formData, say, screen} from '../ui.js';

/** Faces found in a photo: boxes, the five landmarks and the detection scores. */
export function detectScreen() {
  const task = photoTask({
    id: 'detect',
    submitLabel: 'Detect',
    alt: 'The photo to search for faces',
    busy: 'Detecting…',
    async action(file, overlay) {
      const answer = await api('POST', '/api/v1/faces/detect', {form: formData({image: file})});
      answer.faces.forEach((face, index) => {
        overlay.box(face.box, {label: `${index + 1}: ${formatNumber(face.score, 2)}`});
        overlay.landmarks(face.landmarks);
      });
      say(`${count(answer.faces.length, 'face')} found.`);
      return [
        h('p', {}, `${count(answer.faces.length, 'face')} in ${answer.imageWidth} × ${answer.imageHeight} pixels.`),
        answer.faces.length
          ? h('ol', {id: 'detect-results'}, answer.faces.map((face) => h('li', {},
            `score ${formatNumber(face.score)} · box ${Math.round(face.box.width)} × ${Math.round(face.box.height)}`
            + ` at (${Math.round(face.box.x)}, ${Math.round(face.box.y)})`)))
          : h('p', {id: 'detect-results'}, 'No face found.'),
      ];
    },
  });

  return screen('detect', 'Detect faces',
    h('p', {class: 'lead'}, 'Boxes, the five landmarks (eyes, nose tip, mouth corners) and each face’s score.'),
    card('Photo', task.input, task.submit),
    task.preview, task.results);
}
