import {h} from './dom.js';

/**
 * The camera through getUserMedia: a video element showing it, frames taken as JPEG blobs, and stop() to release
 * the camera (the browser's indicator goes off). Browsers allow cameras on https:// and on localhost only.
 */
export async function openCamera() {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new Error('This browser gives no camera to this page: use https:// (or localhost) and allow the camera.');
  }
  const stream = await navigator.mediaDevices.getUserMedia({
    video: {width: {ideal: 1280}, height: {ideal: 720}, facingMode: 'user'}, audio: false,
  });
  const video = h('video', {id: 'camera-video', autoplay: true, muted: true, playsInline: true,
    'aria-label': 'Camera picture'});
  video.srcObject = stream;
  await new Promise((resolve) => {
    if (video.readyState >= 1) resolve();
    else video.addEventListener('loadedmetadata', resolve, {once: true});
  });
  await video.play().catch(() => {});
  const canvas = document.createElement('canvas');
  return {
    video,
    size: () => ({width: video.videoWidth, height: video.videoHeight}),
    /** One frame as a JPEG, at the camera's resolution. */
    frame(quality = 0.9) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext('2d').drawImage(video, 0, 0);
      return new Promise((resolve, reject) => canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The camera gave no picture yet.'))), 'image/jpeg', quality));
    },
    stop() {
      stream.getTracks().forEach((track) => track.stop());
      video.srcObject = null;
    },
  };
}
