/** Widths the portal publishes of every image (never wider than the upload), in AVIF and WebP. */
export const IMAGE_WIDTHS = [480, 960, 1600]
export const IMAGE_FORMATS = ['avif', 'webp'] as const

export const imageWidths = (originalWidth: number) => [
  ...IMAGE_WIDTHS.filter((w) => w < originalWidth),
  Math.min(originalWidth, IMAGE_WIDTHS.at(-1)!),
]

/** /media/hero.png at 960 px as WebP → /media/hero-960.webp */
export const imageVariantPath = (src: string, width: number, format: (typeof IMAGE_FORMATS)[number]) =>
  `${src.replace(/\.[^./]+$/, '')}-${width}.${format}`
