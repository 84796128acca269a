import {h} from './dom.js';

/**
 * A photo with face boxes drawn over it. Boxes are in pixels of the upright image, as the API answers them; they are
 * placed in percent of the image's natural size, so they stay on the faces at any width (phones included). Browsers
 * turn photos upright from their EXIF orientation as the service does, so the two agree.
 */
export function photoView(source, alt) {
  const url = URL.createObjectURL(source);
  const image = h('img', {src: url, alt});
  const layer = h('div', {class: 'overlay'});
  const element = h('figure', {class: 'photo'}, h('div', {class: 'frame'}, image, layer));
  const ready = new Promise((resolve) => {
    image.addEventListener('load', () => resolve({width: image.naturalWidth, height: image.naturalHeight}));
    image.addEventListener('error', () => {
      image.replaceWith(h('p', {class: 'no-preview'},
        'This browser cannot show this format; the service read it, and the faces are listed below.'));
      resolve(null);
    });
  });
  // The object URL lives as long as the element is on screen.
  const release = new MutationObserver(() => {
    if (!element.isConnected) {
      URL.revokeObjectURL(url);
      release.disconnect();
    }
  });
  ready.then(() => release.observe(document.body, {childList: true, subtree: true}));
  return {element, ready, overlay: overlayOn(layer, ready)};
}

/**
 * Draws on a layer over media of a natural size that {@code size} resolves to ({width, height}).
 * box(face box, {label, kind, onClick, ariaLabel}) and landmarks(points) return the element added.
 */
export function overlayOn(layer, size) {
  let natural = null;
  size.then((value) => {
    natural = value;
  });
  const place = (element, x, y, width = 0, height = 0) => {
    Object.assign(element.style, {
      left: `${(100 * x) / natural.width}%`,
      top: `${(100 * y) / natural.height}%`,
      width: width ? `${(100 * width) / natural.width}%` : undefined,
      height: height ? `${(100 * height) / natural.height}%` : undefined,
    });
    return element;
  };
  return {
    async box(box, {label, kind = 'face', onClick, ariaLabel} = {}) {
      await size;
      if (!natural) return null;
      const tag = onClick ? 'button' : 'div';
      const element = h(tag, {
        class: `box ${kind}`, type: onClick ? 'button' : undefined, onclick: onClick,
        'aria-label': ariaLabel, 'aria-hidden': onClick ? undefined : 'true',
      }, label ? h('span', {class: 'box-label'}, label) : null);
      layer.append(place(element, box.x, box.y, box.width, box.height));
      return element;
    },
    async landmarks(points) {
      await size;
      if (!natural) return;
      for (const [x, y] of points) layer.append(place(h('span', {class: 'landmark', 'aria-hidden': 'true'}), x, y));
    },
    clear() {
      layer.replaceChildren();
    },
    resize(value) {
      natural = value;
    },
  };
}
