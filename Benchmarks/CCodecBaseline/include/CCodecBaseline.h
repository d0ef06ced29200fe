#ifndef ASSETPIPE_CCODECBASELINE_H
#define ASSETPIPE_CCODECBASELINE_H
/*
 * The benchmark's reference: libpng, libjpeg-turbo and libwebp called directly, in memory, with
 * the same settings AssetPipe's codecs use, so the Swift path's overhead can be measured.
 * No limits or error messages: inputs are known good. Each returns the output size in bytes
 * (decoders: pixel bytes) or 0 on failure; outputs are freed before returning.
 */
#include <stddef.h>
#include <stdint.h>

size_t baseline_png_decode(const uint8_t *data, size_t size);
size_t baseline_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels, int level);
/* RGB only, 4:2:0, optimised Huffman. */
size_t baseline_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int quality);
size_t baseline_webp_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels,
                            int lossless, int quality);
#endif
