import {api} from '../api.js';
import {fill, formatNumber, h} from '../dom.js';
import {photoView} from '../photo.js';
import {button, card, formData, photoInput, problemView, say, screen} from '../ui.js';

/** Two photos side by side with their faces boxed, the similarity on a scale with both thresholds, the decision. */
export function compareScreen() {
  const files = {a: null, b: null};
  const previews = {a: h('div', {class: 'preview'}), b: h('div', {class: 'preview'})};
  const views = {};
  const result = h('div', {id: 'compare-result', 'aria-live': 'polite'});
  const strict = h('input', {type: 'checkbox', id: 'compare-strict'});

  const choose = (side) => (file) => {
    files[side] = file;
    views[side] = photoView(file, side === 'a' ? 'First photo' : 'Second photo');
    previews[side].replaceChildren(views[side].element);
    result.replaceChildren();
  };

  async function compare() {
    if (!files.a || !files.b) {
      fill(result, h('p', {class: 'problem', role: 'alert'}, 'Choose two photos first.'));
      return;
    }
    fill(result, h('p', {class: 'busy', role: 'status'}, 'Comparing…'));
    try {
      const answer = await api('POST', '/api/v1/faces/compare', {
        form: formData({source: files.a, target: files.b, operatingPoint: strict.checked ? 'strict' : 'standard'}),
      });
      views.a.overlay.clear();
      views.b.overlay.clear();
      views.a.overlay.box(answer.source.box, {label: 'compared'});
      views.b.overlay.box(answer.target.box, {label: 'compared'});
      const decision = answer.match ? 'Same person' : 'Different people';
      fill(result, 
        h('p', {class: `decision ${answer.match ? 'match' : 'no-match'}`},
          h('span', {id: 'compare-decision'}, decision)),
        h('p', {}, 'Similarity ', h('strong', {id: 'compare-similarity'}, formatNumber(answer.similarity)),
          ` · threshold ${formatNumber(answer.threshold)} (${answer.operatingPoint}) · model ${answer.model}`),
        scale(answer));
      say(`${decision}, similarity ${formatNumber(answer.similarity, 2)}.`);
    } catch (error) {
      fill(result, problemView(error));
    }
  }

  return screen('compare', 'Compare two photos',
    h('p', {class: 'lead'}, 'Whether the largest face of each photo shows the same person.'),
    h('div', {class: 'grid'},
      card('First photo', photoInput('compare-a', 'First photo', choose('a')), previews.a),
      card('Second photo', photoInput('compare-b', 'Second photo', choose('b')), previews.b)),
    h('div', {class: 'actions'},
      h('label', {class: 'check'}, strict, ' Decide at the strict threshold (fewer false matches)'),
      button('compare-submit', 'Compare', compare)),
    result);
}

/**
 * The similarity on a bar from 0 to 1 with the standard and strict thresholds marked; a meter for screen readers.
 */
function scale(answer) {
  const percent = (value) => `${Math.max(0, Math.min(1, value)) * 100}%`;
  const marker = (value, name) => {
    const element = h('span', {class: `threshold ${name}`, title: `${name} threshold ${formatNumber(value)}`},
      h('span', {class: 'threshold-label'}, `${name} ${formatNumber(value, 2)}`));
    element.style.left = percent(value);
    return element;
  };
  const fill = h('span', {class: `fill ${answer.match ? 'match' : 'no-match'}`});
  fill.style.width = percent(answer.similarity);
  return h('div', {id: 'compare-scale', class: 'scale'},
    h('meter', {class: 'visually-hidden', min: 0, max: 1, value: Math.max(0, answer.similarity),
      'aria-label': 'Similarity'}),
    h('div', {class: 'bar', 'aria-hidden': 'true'}, fill,
      answer.thresholds ? marker(answer.thresholds.standard, 'standard') : null,
      answer.thresholds ? marker(answer.thresholds.strict, 'strict') : null),
    h('div', {class: 'scale-ends', 'aria-hidden': 'true'}, h('span', {}, '0'), h('span', {}, '1')));
}
