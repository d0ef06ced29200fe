#ifndef ASSETPIPE_CIMAGECODECS_H
#define ASSETPIPE_CIMAGECODECS_H
/*
 * The C side of AssetPipe's codecs. libpng and libjpeg report errors with longjmp, which must
 * never cross Swift frames, so every library call sequence lives in one function here that
 * installs its own handlers, calls setjmp itself, cleans up what it owns and returns a status.
 *
 * Conventions:
 *  - `message` is a caller buffer of `message_capacity` bytes that receives a NUL-terminated
 *    explanation whenever the status is not AP_OK. Nothing is ever printed.
 *  - Decoders fill a caller buffer that must hold exactly width * height * channels bytes of
 *    the header the matching *_read_header returned (channels is 3 or 4), so Swift owns the
 *    pixels and no copy is needed.
 *  - Encoders return their output in an ap_buffer allocated here; release it with ap_free.
 */
#include <stddef.h>
#include <stdint.h>

typedef enum {
    AP_OK = 0,
    AP_ERR_CORRUPT = 1,      /* truncated, corrupt or not the claimed format */
    AP_ERR_TOO_LARGE = 2,    /* header declares more than the limits allow */
    AP_ERR_UNSUPPORTED = 3,  /* valid but not something we decode (animated WebP, ...) */
    AP_ERR_ENCODE = 4,       /* the encoder refused the input or settings */
    AP_ERR_NO_MEMORY = 5
} ap_status;

/* Refused before any pixel buffer is allocated, by a header read and a decode alike. */
typedef struct {
    uint32_t max_dimension;
    uint64_t max_pixels;
    /* PNG: the largest chunk other than IDAT (text, ICC profile, ...), and what libpng may
     * allocate for one, compressed or inflated. */
    uint32_t max_metadata_bytes;
    /* JPEG: the most scans (SOS markers) a file may hold; each scan of a progressive JPEG
     * makes libjpeg walk every coefficient again. */
    uint32_t max_scans;
} ap_limits;

/* What a header declares. channels is 3 (RGB) or 4 (RGBA, straight alpha). */
typedef struct {
    uint32_t width;
    uint32_t height;
    uint32_t channels;
} ap_header;

/* Encoder output: `size` meaningful bytes at `data` (malloc'd). */
typedef struct {
    uint8_t *data;
    size_t size;
    size_t capacity;
} ap_buffer;

void ap_free(void *data);

/* PNG: palette, gray, 16-bit and tRNS are normalised to 8-bit RGB/RGBA. Text chunks are never
 * read (nothing uses them), so a compressed zTXt/iTXt is never inflated. */
ap_status ap_png_read_header(const uint8_t *data, size_t size, ap_limits limits, ap_header *header,
                             char *message, size_t message_capacity);
ap_status ap_png_decode(const uint8_t *data, size_t size, ap_limits limits, ap_header expected,
                        uint8_t *pixels, size_t pixels_size, char *message, size_t message_capacity);
/* zlib level 0-9, default filters, no timestamp chunk: identical input gives identical bytes. */
ap_status ap_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels,
                        int compression_level, ap_buffer *output, char *message, size_t message_capacity);

/* JPEG: gray, YCbCr and (Adobe) CMYK/YCCK decode to RGB. */
ap_status ap_jpeg_read_header(const uint8_t *data, size_t size, ap_limits limits, ap_header *header,
                              char *message, size_t message_capacity);
ap_status ap_jpeg_decode(const uint8_t *data, size_t size, ap_limits limits, ap_header expected,
                         uint8_t *pixels, size_t pixels_size, char *message, size_t message_capacity);

/* The sample layout handed to ap_jpeg_encode. CMYK is stored inverted, as Adobe writes it. */
typedef enum {
    AP_JPEG_GRAY = 1,
    AP_JPEG_RGB = 3,
    AP_JPEG_CMYK = 4
} ap_jpeg_samples;

/* Quality 0-100, 4:2:0 chroma subsampling, optimised Huffman tables, baseline. */
ap_status ap_jpeg_encode(const uint8_t *samples, uint32_t width, uint32_t height, ap_jpeg_samples layout,
                         int quality, ap_buffer *output, char *message, size_t message_capacity);

/* WebP: lossy or lossless, still images only (an animation is AP_ERR_UNSUPPORTED, not its
 * first frame); alpha from WebPGetFeatures. */
ap_status ap_webp_read_header(const uint8_t *data, size_t size, ap_limits limits, ap_header *header,
                              char *message, size_t message_capacity);
ap_status ap_webp_decode(const uint8_t *data, size_t size, ap_limits limits, ap_header expected,
                         uint8_t *pixels, size_t pixels_size, char *message, size_t message_capacity);
/* lossless != 0: exact lossless (invisible pixels keep their RGB); otherwise lossy at quality 0-100.
 * Method 4 (libwebp's default effort), single-threaded. */
ap_status ap_webp_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels,
                         int lossless, int quality, ap_buffer *output, char *message, size_t message_capacity);

/* Process-wide, once at start-up: see malloc_tuning.c. */
void ap_tune_allocator_for_images(void);

#endif
