import {api} from '../api.js';
import {fill, formatNumber, h} from '../dom.js';
import {openCamera} from '../camera.js';
import {galleryChooser} from '../galleries.js';
import {overlayOn} from '../photo.js';
import {button, card, formData, problemView, say, screen} from '../ui.js';

// About twice a second, and never more than one request in flight: a slow answer slows the loop down instead of
// piling requests up on the service.
const INTERVAL_MS = 500;

/** Identification from the camera: boxes and names drawn over the video as people come and go. */
export function liveScreen() {
  const gallery = galleryChooser('live-gallery');
  const stage = h('div', {class: 'camera live-stage'});
  const names = h('ul', {id: 'live-names', 'aria-live': 'polite', 'aria-label': 'Names seen now'});
  const outcome = h('div', {class: 'outcome'});
  const rate = h('p', {class: 'hint', id: 'live-rate'});
  let camera = null;
  let timer = null;
  let running = false;

  async function start() {
    if (!gallery.value()) {
      fill(outcome, h('p', {class: 'problem', role: 'alert'}, 'Choose a gallery first.'));
      return;
    }
    stop();
    outcome.replaceChildren();
    try {
      camera = await openCamera();
    } catch (error) {
      fill(outcome, problemView(error));
      return;
    }
    camera.video.id = 'live-video';
    const layer = h('div', {class: 'overlay'});
    const overlay = overlayOn(layer, Promise.resolve(camera.size()));
    fill(stage, h('div', {class: 'frame'}, camera.video, layer));
    running = true;
    say('Camera on: identifying.');
    loop(overlay, gallery.value());
  }

  async function loop(overlay, galleryId) {
    let answered = 0;
    const began = performance.now();
    while (running) {
      const started = performance.now();
      try {
        const frame = await camera.frame(0.8);
        const answer = await api('POST', '/api/v1/identify', {query: {galleryId}, form: formData({image: frame})});
        if (!running) break;
        overlay.resize(camera.size());
        overlay.clear();
        const seen = [];
        for (const face of answer.faces) {
          const label = face.match ? `${face.match.name} ${formatNumber(face.match.similarity, 2)}` : 'unknown';
          overlay.box(face.box, {label, kind: face.match ? 'known' : 'unknown'});
          seen.push(label);
        }
        fill(names, ...(seen.length ? seen : ['nobody in view']).map((name) => h('li', {}, name)));
        answered += 1;
        rate.textContent = `${(answered / ((performance.now() - began) / 1000)).toFixed(1)} answers per second`;
        outcome.replaceChildren();
      } catch (error) {
        if (!running) break;
        // No face in the frame is the usual case between people, not a failure.
        if (error.code === 'NO_FACE') {
          overlay.clear();
          fill(names, h('li', {}, 'nobody in view'));
        } else {
          fill(outcome, problemView(error));
        }
      }
      const wait = Math.max(0, INTERVAL_MS - (performance.now() - started));
      await new Promise((resolve) => {
        timer = setTimeout(resolve, wait);
      });
    }
  }

  function stop() {
    running = false;
    clearTimeout(timer);
    camera?.stop();
    camera = null;
  }

  const element = screen('live', 'Live identification',
    h('p', {class: 'lead'}, 'The camera’s picture is identified about twice a second; nothing is stored.'),
    card('Camera', gallery.element,
      h('div', {class: 'actions'},
        button('live-start', 'Start camera', start),
        button('live-stop', 'Stop', () => {
          stop();
          say('Camera off.');
        }, 'secondary')),
      outcome),
    stage,
    card('Seen now', names, rate));
  return {element, dispose: stop};
}
