/* PNG through libpng's row-by-row API, reading from and writing to memory. */
#include "shim_common.h"

#include <png.h>
#include <setjmp.h>
#include <string.h>

/* Where libpng's error callback reports to: the jump target and the caller's message buffer. */
typedef struct {
    jmp_buf jump;
    const char *prefix;
    volatile ap_status status; /* set before png_error, read after the longjmp */
    char *message;
    size_t message_capacity;
} png_failure;

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t offset;
} png_source;

static void on_png_error(png_structp png, png_const_charp text) {
    png_failure *failure = png_get_error_ptr(png);
    ap_set_message(failure->message, failure->message_capacity, "%s: %s", failure->prefix, text);
    longjmp(failure->jump, 1);
}

static void ignore_png_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static void read_from_memory(png_structp png, png_bytep destination, size_t length) {
    png_source *source = png_get_io_ptr(png);
    if (length > source->size - source->offset) png_error(png, "unexpected end of data");
    memcpy(destination, source->data + source->offset, length);
    source->offset += length;
}

static void write_to_buffer(png_structp png, png_bytep bytes, size_t length) {
    if (!ap_buffer_append(png_get_io_ptr(png), bytes, length)) {
        png_failure *failure = png_get_error_ptr(png);
        failure->status = AP_ERR_NO_MEMORY;
        png_error(png, "out of memory");
    }
}

static void flush_nothing(png_structp png) { (void)png; }

static uint32_t big_endian_u32(const uint8_t *bytes) {
    return (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 | bytes[3];
}

/* Checks signature and IHDR dimensions straight from the bytes, before libpng allocates anything. */
static ap_status check_declared_size(const uint8_t *data, size_t size, ap_limits limits, char *message,
                                     size_t capacity) {
    if (size < 8 || png_sig_cmp(data, 0, 8) != 0) {
        ap_set_message(message, capacity, "PNG data is truncated or corrupt: no PNG signature");
        return AP_ERR_CORRUPT;
    }
    if (size < 24 || memcmp(data + 12, "IHDR", 4) != 0) {
        ap_set_message(message, capacity, "PNG data is truncated or corrupt: no IHDR chunk");
        return AP_ERR_CORRUPT;
    }
    return ap_check_limits("PNG", big_endian_u32(data + 16), big_endian_u32(data + 20), limits, message,
                           capacity);
}

/* Walks the chunk lengths (not their contents) and refuses any chunk but IDAT that declares more
 * than max_metadata_bytes: a zTXt declaring 2 GB is refused at once, whether or not its bytes
 * follow. A chunk running past the data ends the walk; libpng reports the truncation. */
static ap_status check_chunk_sizes(const uint8_t *data, size_t size, ap_limits limits, char *message,
                                   size_t capacity) {
    size_t offset = 8;
    while (size - offset >= 12) {
        uint32_t length = big_endian_u32(data + offset);
        const uint8_t *type = data + offset + 4;
        if (memcmp(type, "IEND", 4) == 0) break;
        if (memcmp(type, "IDAT", 4) != 0 && length > limits.max_metadata_bytes) {
            ap_set_message(message, capacity, "PNG %.4s chunk declares %u bytes; the limit for a chunk besides the pixels is %u",
                           (const char *)type, (unsigned)length, (unsigned)limits.max_metadata_bytes);
            return AP_ERR_TOO_LARGE;
        }
        if ((size_t)length > size - offset - 12) break;
        offset += 12 + (size_t)length;
    }
    return AP_OK;
}

/* Reads up to the first IDAT and sets up the transforms that yield 8-bit RGB or RGBA.
 * Must run inside the caller's setjmp scope. */
static void read_info_normalised(png_structp png, png_infop info, png_source *source, ap_limits limits,
                                 ap_header *header) {
    static const png_byte text_chunks[] = {'t', 'E', 'X', 't', 0, 'z', 'T', 'X', 't', 0, 'i', 'T', 'X', 't', 0};
    png_set_read_fn(png, source, read_from_memory);
    png_set_user_limits(png, limits.max_dimension, limits.max_dimension);
    png_set_chunk_malloc_max(png, limits.max_metadata_bytes);
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, text_chunks, 3);
    png_read_info(png, info);

    png_uint_32 width, height;
    int bit_depth, color_type;
    png_get_IHDR(png, info, &width, &height, &bit_depth, &color_type, NULL, NULL, NULL);
    if (bit_depth == 16) png_set_scale_16(png);
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);

    header->width = width;
    header->height = height;
    header->channels = png_get_channels(png, info);
    if (png_get_bit_depth(png, info) != 8 || (header->channels != 3 && header->channels != 4) ||
        png_get_rowbytes(png, info) != (size_t)width * header->channels) {
        png_error(png, "unexpected pixel layout after normalisation");
    }
}

/* Reads the header into `header` and, when `pixels` is given, the image into it: one libpng
 * session for both, so a header read and a decode apply exactly the same checks. `expected` is
 * the header the caller sized `pixels` for. */
static ap_status read_png(const uint8_t *data, size_t size, ap_limits limits, ap_header *header,
                         const ap_header *expected, uint8_t *pixels, size_t pixels_size,
                         char *message, size_t message_capacity) {
    ap_status declared = check_declared_size(data, size, limits, message, message_capacity);
    if (declared == AP_OK) declared = check_chunk_sizes(data, size, limits, message, message_capacity);
    if (declared != AP_OK) return declared;

    png_failure failure = {.prefix = "PNG data is truncated or corrupt", .status = AP_ERR_CORRUPT,
                           .message = message, .message_capacity = message_capacity};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &failure, on_png_error, ignore_png_warning);
    png_infop info = png == NULL ? NULL : png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_read_struct(&png, NULL, NULL);
        ap_set_message(message, message_capacity, "out of memory reading a PNG");
        return AP_ERR_NO_MEMORY;
    }
    png_source source = {data, size, 0};
    if (setjmp(failure.jump)) {
        png_destroy_read_struct(&png, &info, NULL);
        return failure.status;
    }
    read_info_normalised(png, info, &source, limits, header);
    if (pixels != NULL) {
        if (memcmp(header, expected, sizeof *header) != 0 || !ap_pixels_fit(*header, pixels_size)) {
            png_error(png, "pixel buffer does not match the header");
        }
        size_t stride = (size_t)header->width * header->channels;
        int passes = png_get_interlace_type(png, info) == PNG_INTERLACE_ADAM7 ? PNG_INTERLACE_ADAM7_PASSES : 1;
        for (int pass = 0; pass < passes; pass++) {
            for (uint32_t y = 0; y < header->height; y++) png_read_row(png, pixels + y * stride, NULL);
        }
        png_read_end(png, NULL);
    }
    png_destroy_read_struct(&png, &info, NULL);
    return AP_OK;
}

ap_status ap_png_read_header(const uint8_t *data, size_t size, ap_limits limits, ap_header *header,
                             char *message, size_t message_capacity) {
    return read_png(data, size, limits, header, NULL, NULL, 0, message, message_capacity);
}

ap_status ap_png_decode(const uint8_t *data, size_t size, ap_limits limits, ap_header expected,
                        uint8_t *pixels, size_t pixels_size, char *message, size_t message_capacity) {
    ap_header header;
    return read_png(data, size, limits, &header, &expected, pixels, pixels_size, message, message_capacity);
}

ap_status ap_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels,
                        int compression_level, ap_buffer *output, char *message, size_t message_capacity) {
    *output = (ap_buffer){0};
    png_failure failure = {.prefix = "PNG encoding failed", .status = AP_ERR_ENCODE,
                           .message = message, .message_capacity = message_capacity};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &failure, on_png_error, ignore_png_warning);
    png_infop info = png == NULL ? NULL : png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        ap_set_message(message, message_capacity, "out of memory encoding a PNG");
        return AP_ERR_NO_MEMORY;
    }
    if (setjmp(failure.jump)) {
        png_destroy_write_struct(&png, &info);
        ap_buffer_release(output);
        return failure.status;
    }
    if (channels != 3 && channels != 4) png_error(png, "only RGB and RGBA pixels are supported");
    png_set_write_fn(png, output, write_to_buffer, flush_nothing);
    png_set_IHDR(png, info, width, height, 8, channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, compression_level);
    png_write_info(png, info);
    size_t stride = (size_t)width * channels;
    for (uint32_t y = 0; y < height; y++) png_write_row(png, pixels + y * stride);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return AP_OK;
}
