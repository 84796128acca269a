import {api, ApiError} from '../api.js';
import {field, fill, formatDate, formatNumber, h} from '../dom.js';
import {openCamera} from '../camera.js';
import {photoView} from '../photo.js';
import {button, card, confirmAction, formData, onSubmit, photoInput, problemView, receiptView, run, say, screen}
  from '../ui.js';
import {parseMetadata} from './gallery.js';

/** One person: details, enrolled faces, enrolment (file, drop, webcam; a click on a face of a group photo), erasure. */
export function personScreen(id) {
  const heading = h('span', {}, 'Person');
  const details = h('div', {});
  const faces = h('div', {id: 'faces', class: 'faces'});
  const enrolOutcome = h('div', {id: 'enrol-outcome', class: 'outcome'});
  const erase = h('div', {class: 'outcome'});
  const back = h('p', {});
  const urls = [];
  let camera = null;

  const element = screen('person', heading, back,
    card('Details', details),
    card('Enrolled faces', faces),
    card('Enrol a face',
      photoInput('enrol-file', 'Photo of this person', (file) => enrol(file)),
      h('div', {class: 'actions'}, button('enrol-webcam', 'Use the camera', () => startCamera(), 'secondary')),
      h('div', {id: 'enrol-camera'}),
      enrolOutcome),
    card('Erase this person',
      h('p', {}, 'Erases the person with every face, photo and index entry. This cannot be undone.'),
      button('person-delete', 'Erase person…', async () => {
        if (!(await confirmAction(`Erase ${heading.textContent} with every face?`))) return;
        await run(erase, () => api('DELETE', `/api/v1/persons/${id}`), (receipt) => {
          say('Person erased.');
          fill(faces, h('p', {class: 'empty'}, 'Erased.'));
          return receiptView(receipt);
        });
      }, 'danger'),
      erase));

  async function loadPerson() {
    try {
      const person = await api('GET', `/api/v1/persons/${id}`);
      heading.textContent = person.name;
      document.title = `${person.name} · facerec console`;
      fill(back, h('a', {href: `#/galleries/${person.galleryId}`}, '← The gallery'));
      fill(details, editForm(person, (saved) => {
        heading.textContent = saved.name;
      }));
    } catch (error) {
      fill(details, problemView(error));
    }
  }

  async function loadFaces() {
    urls.splice(0).forEach((url) => URL.revokeObjectURL(url));
    try {
      const page = await api('GET', `/api/v1/persons/${id}/faces`, {query: {size: 100}});
      if (!page.items.length) {
        fill(faces, h('p', {class: 'empty'}, 'No face enrolled yet.'));
        return;
      }
      fill(faces, h('ul', {class: 'thumbs'}, page.items.map((face, index) => thumb(face, index + 1))));
    } catch (error) {
      fill(faces, problemView(error));
    }
  }

  function thumb(face, number) {
    const image = h('img', {class: 'face-thumb', alt: `Enrolled face ${number}`, width: 160, height: 160});
    // The image endpoint needs the token, which an <img src> cannot send: fetch it, show it as a blob URL.
    api('GET', `/api/v1/persons/${id}/faces/${face.id}/image`, {blob: true}).then((blob) => {
      const url = URL.createObjectURL(blob);
      urls.push(url);
      image.src = url;
    }, () => image.replaceWith(h('span', {class: 'face-thumb missing'}, 'photo not kept')));
    const remove = h('div', {class: 'outcome'});
    return h('li', {class: 'thumb'}, image,
      h('small', {}, `quality ${formatNumber(face.quality, 2)} · ${formatDate(face.createdAt)}`),
      h('button', {type: 'button', class: 'secondary small', 'aria-label': `Erase enrolled face ${number}`,
        onclick: async () => {
          if (!(await confirmAction(`Erase enrolled face ${number}?`))) return;
          const receipt = await run(remove, () => api('DELETE', `/api/v1/persons/${id}/faces/${face.id}`));
          if (receipt) {
            say('Face erased.');
            loadFaces();
          }
        }}, 'Erase'),
      remove);
  }

  async function enrol(file, box) {
    fill(enrolOutcome, h('p', {class: 'busy', role: 'status'}, 'Enrolling…'));
    try {
      const face = await api('POST', `/api/v1/persons/${id}/faces`, {
        form: formData({image: file, box: box ? [box.x, box.y, box.width, box.height].join(',') : null}),
      });
      fill(enrolOutcome, h('p', {class: 'done'},
        `Enrolled (quality ${formatNumber(face.quality, 2)}, detection score ${formatNumber(face.score, 2)}).`));
      say('Face enrolled.');
      loadFaces();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'MULTIPLE_FACES' && error.problem.details?.boxes) {
        chooseFace(file, error);
      } else {
        fill(enrolOutcome, problemView(error));
      }
    }
  }

  /** Several faces of similar size: show them boxed; a click (or Enter) on one enrols that face. */
  function chooseFace(file, error) {
    const view = photoView(file, 'The photo with the faces found');
    const choice = h('div', {id: 'enrol-choice'},
      h('p', {class: 'notice'}, `${error.problem.details.boxes.length} faces were found. Choose the one to enrol.`),
      view.element);
    fill(enrolOutcome, choice);
    error.problem.details.boxes.forEach((box, index) => view.overlay.box(box, {
      kind: 'face choice', label: String(index + 1), ariaLabel: `Face ${index + 1}`,
      onClick: () => enrol(file, box),
    }));
    say(`${error.problem.details.boxes.length} faces found: choose one.`);
  }

  async function startCamera() {
    const slot = element.querySelector('#enrol-camera');
    try {
      camera?.stop();
      camera = await openCamera();
      fill(slot, h('div', {class: 'camera'}, camera.video),
        h('div', {class: 'actions'},
          button('enrol-capture', 'Take photo and enrol', async () => enrol(await camera.frame())),
          button('enrol-camera-stop', 'Close camera', () => {
            camera.stop();
            camera = null;
            slot.replaceChildren();
          }, 'secondary')));
    } catch (error) {
      fill(slot, problemView(error));
    }
  }

  loadPerson();
  loadFaces();
  return {
    element,
    dispose() {
      camera?.stop();
      urls.forEach((url) => URL.revokeObjectURL(url));
    },
  };
}

function editForm(person, saved) {
  const name = h('input', {id: 'person-edit-name', required: true, maxLength: 200, value: person.name});
  const externalId = h('input', {id: 'person-edit-external-id', value: person.externalId ?? ''});
  const metadata = h('textarea', {id: 'person-edit-metadata', rows: 3,
    value: person.metadata && Object.keys(person.metadata).length ? JSON.stringify(person.metadata, null, 2) : ''});
  const outcome = h('div', {class: 'outcome'});
  return h('form', {onsubmit: onSubmit(() => run(outcome, async () => {
    const changed = await api('PATCH', `/api/v1/persons/${person.id}`, {json: {
      name: name.value.trim(), externalId: externalId.value.trim(), metadata: parseMetadata(metadata.value),
    }});
    saved(changed);
    say('Saved.');
    return changed;
  }, () => h('p', {class: 'done'}, 'Saved.')))},
  field('Name', name),
  field('External id (empty: none)', externalId),
  field('Metadata (JSON object)', metadata),
  h('p', {class: 'hint'}, `Created ${formatDate(person.createdAt)} · updated ${formatDate(person.updatedAt)}`),
  h('button', {type: 'submit', id: 'person-save', class: 'primary'}, 'Save'));
}
