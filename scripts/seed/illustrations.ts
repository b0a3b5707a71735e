import sharp from 'sharp'

/**
 * The demo articles' title images: simple geometric illustrations drawn here (the seed reports come without
 * usable photos), so the image pipeline has something real to resize. No text: fonts differ by machine.
 */
const MOTIFS = {
  gear: (cx: number, cy: number) =>
    Array.from({ length: 12 }, (_, i) => {
      const a = (i * Math.PI) / 6
      return `<rect x="${cx - 18}" y="${cy - 170}" width="36" height="60" fill="#f7d77a" transform="rotate(${(a * 180) / Math.PI} ${cx} ${cy})"/>`
    }).join('') +
    `<circle cx="${cx}" cy="${cy}" r="125" fill="#f7d77a"/><circle cx="${cx}" cy="${cy}" r="55" fill="#a3150f"/>`,
  book: (cx: number, cy: number) =>
    `<path d="M${cx - 220} ${cy - 110} q110 -40 220 0 v230 q-110 -40 -220 0z" fill="#fff7e0"/>` +
    `<path d="M${cx} ${cy - 110} q110 -40 220 0 v230 q-110 -40 -220 0z" fill="#f7d77a"/>`,
  bars: (cx: number, cy: number) =>
    [90, 150, 120, 210, 260]
      .map(
        (h, i) =>
          `<rect x="${cx - 250 + i * 105}" y="${cy + 140 - h}" width="70" height="${h}" rx="6" fill="#f7d77a"/>`,
      )
      .join('') + `<rect x="${cx - 280}" y="${cy + 140}" width="560" height="8" fill="#fff7e0"/>`,
}
export type Motif = keyof typeof MOTIFS

export function drawIllustration(motif: Motif) {
  const [width, height] = [1600, 900]
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#b3261e"/><stop offset="1" stop-color="#6d0e0a"/></linearGradient></defs>` +
    `<rect width="${width}" height="${height}" fill="url(#g)"/>` +
    MOTIFS[motif](width / 2, height / 2) +
    '</svg>'
  return sharp(Buffer.from(svg)).png().toBuffer()
}
