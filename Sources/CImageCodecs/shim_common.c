#include "shim_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ap_free(void *data) { free(data); }

void ap_set_message(char *message, size_t capacity, const char *format, ...) {
    if (message == NULL || capacity == 0) return;
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(message, capacity, format, arguments);
    va_end(arguments);
}

ap_status ap_check_limits(const char *format_name, uint64_t width, uint64_t height, ap_limits limits,
                          char *message, size_t capacity) {
    if (width > limits.max_dimension || height > limits.max_dimension) {
        ap_set_message(message, capacity, "%s declares %llux%llu pixels; the limit is %u pixels a side",
                       format_name, (unsigned long long)width, (unsigned long long)height,
                       (unsigned)limits.max_dimension);
        return AP_ERR_TOO_LARGE;
    }
    if (width * height > limits.max_pixels) {
        ap_set_message(message, capacity, "%s declares %llux%llu pixels; the limit is %llu pixels",
                       format_name, (unsigned long long)width, (unsigned long long)height,
                       (unsigned long long)limits.max_pixels);
        return AP_ERR_TOO_LARGE;
    }
    return AP_OK;
}

int ap_buffer_reserve(ap_buffer *output, size_t extra) {
    if (extra <= output->capacity - output->size) return 1;
    size_t needed = output->size + extra;
    if (needed < output->size) return 0;
    size_t capacity = output->capacity < 65536 ? 65536 : output->capacity;
    while (capacity < needed) {
        if (capacity > SIZE_MAX / 2) return 0;
        capacity *= 2;
    }
    uint8_t *grown = realloc(output->data, capacity);
    if (grown == NULL) return 0;
    output->data = grown;
    output->capacity = capacity;
    return 1;
}

int ap_buffer_append(ap_buffer *output, const uint8_t *bytes, size_t count) {
    if (!ap_buffer_reserve(output, count)) return 0;
    memcpy(output->data + output->size, bytes, count);
    output->size += count;
    return 1;
}

void ap_buffer_release(ap_buffer *output) {
    free(output->data);
    output->data = NULL;
    output->size = 0;
    output->capacity = 0;
}

int ap_pixels_fit(ap_header header, size_t pixels_size) {
    return (uint64_t)header.width * header.height * header.channels == pixels_size;
}
