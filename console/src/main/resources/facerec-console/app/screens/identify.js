import {api} from '../api.js';
import {count, formatNumber, h} from '../dom.js';
import {galleryChooser} from '../galleries.js';
import {photoTask} from '../photo-task.js';
import {card, formData, say, screen} from '../ui.js';

/** Every face of a photo, boxed and labelled with the person's name and similarity, or "unknown". */
export function identifyScreen() {
  const gallery = galleryChooser('identify-gallery');
  const task = photoTask({
    id: 'identify',
    submitLabel: 'Identify',
    alt: 'The photo to identify',
    busy: 'Identifying…',
    async action(file, overlay) {
      const answer = await api('POST', '/api/v1/identify', {
        query: {galleryId: gallery.value()}, form: formData({image: file}),
      });
      const items = answer.faces.map((face, index) => {
        const text = face.match ? `${face.match.name} ${formatNumber(face.match.similarity, 2)}` : 'unknown';
        overlay.box(face.box, {label: `${index + 1}: ${text}`, kind: face.match ? 'known' : 'unknown'});
        return h('li', {class: `identify-face ${face.match ? 'known' : 'unknown'}`},
          h('span', {class: 'face-number'}, `Face ${index + 1}: `),
          h('span', {class: 'face-label'}, text),
          face.match?.externalId ? h('small', {}, ` (${face.match.externalId})`) : null,
          !face.match && face.candidates?.length
            ? h('small', {}, ` nearest ${face.candidates[0].name} ${formatNumber(face.candidates[0].similarity, 2)}`)
            : null);
      });
      say(`${count(answer.faces.length, 'face')}: ${answer.faces.filter((face) => face.match).length} known.`);
      return [
        h('p', {}, `${count(answer.faces.length, 'face')} · a match needs similarity ${formatNumber(answer.threshold)}`
          + ` · model ${answer.model}`),
        items.length ? h('ol', {id: 'identify-results'}, items) : h('p', {id: 'identify-results'}, 'No face found.'),
      ];
    },
  });

  return screen('identify', 'Identify',
    h('p', {class: 'lead'}, 'Who is in a photo: every face is searched in the gallery.'),
    card('Photo', gallery.element, task.input, task.submit),
    task.preview, task.results);
}
