/**
 * Draws the tray icon in code, a blue disc with a white ring, so that the desktop ships no
 * image files. Pixels are BGRA, the byte order of `nativeImage.createFromBitmap`.
 */

export const TRAY_ICON_SIZE = 32;

const DISC = [0xd8, 0x4e, 0x1d, 0xff]; // #1d4ed8 in BGRA
const RING = [0xff, 0xff, 0xff, 0xff];

export function drawTrayIcon(size = TRAY_ICON_SIZE): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  const outer = size / 2;

  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x - centre, y - centre);
      if (distance > outer) continue;
      const ring = distance > outer * 0.45 && distance < outer * 0.62;
      pixels.set(ring ? RING : DISC, (y * size + x) * 4);
    }
  }
  return pixels;
}
