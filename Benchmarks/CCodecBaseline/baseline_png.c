#include "CCodecBaseline.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t offset;
} source;

typedef struct {
    uint8_t *data;
    size_t size;
    size_t capacity;
} sink;

static void read_bytes(png_structp png, png_bytep out, size_t length) {
    source *input = png_get_io_ptr(png);
    if (length > input->size - input->offset) png_error(png, "short");
    memcpy(out, input->data + input->offset, length);
    input->offset += length;
}

static void write_bytes(png_structp png, png_bytep bytes, size_t length) {
    sink *output = png_get_io_ptr(png);
    if (output->size + length > output->capacity) {
        size_t capacity = output->capacity ? output->capacity : 65536;
        while (capacity < output->size + length) capacity *= 2;
        uint8_t *grown = realloc(output->data, capacity);
        if (grown == NULL) png_error(png, "oom");
        output->data = grown;
        output->capacity = capacity;
    }
    memcpy(output->data + output->size, bytes, length);
    output->size += length;
}

static void flush_bytes(png_structp png) { (void)png; }

size_t baseline_png_decode(const uint8_t *data, size_t size) {
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    uint8_t *volatile pixels = NULL;
    source input = {data, size, 0};
    if (setjmp(png_jmpbuf(png))) {
        free(pixels);
        png_destroy_read_struct(&png, &info, NULL);
        return 0;
    }
    png_set_read_fn(png, &input, read_bytes);
    png_read_info(png, info);
    png_set_expand(png);
    png_set_scale_16(png);
    png_set_gray_to_rgb(png);
    png_read_update_info(png, info);
    size_t stride = png_get_rowbytes(png, info);
    png_uint_32 height = png_get_image_height(png, info);
    pixels = malloc(stride * height);
    for (png_uint_32 y = 0; y < height; y++) png_read_row(png, pixels + y * stride, NULL);
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    free(pixels);
    return stride * height;
}

size_t baseline_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels, int level) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    sink output = {0};
    if (setjmp(png_jmpbuf(png))) {
        free(output.data);
        png_destroy_write_struct(&png, &info);
        return 0;
    }
    png_set_write_fn(png, &output, write_bytes, flush_bytes);
    png_set_IHDR(png, info, width, height, 8, channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, level);
    png_write_info(png, info);
    for (uint32_t y = 0; y < height; y++) png_write_row(png, pixels + (size_t)y * width * channels);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    size_t size = output.size;
    free(output.data);
    return size;
}
