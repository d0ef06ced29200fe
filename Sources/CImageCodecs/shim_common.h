/* Helpers shared by the png, jpeg and webp shims; not part of the Swift-visible API. */
#ifndef ASSETPIPE_SHIM_COMMON_H
#define ASSETPIPE_SHIM_COMMON_H
#include "CImageCodecs.h"

/* Formats into the caller's message buffer (always NUL-terminated, silently truncated). */
void ap_set_message(char *message, size_t capacity, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* AP_ERR_TOO_LARGE with a message naming the format and the declared size, or AP_OK. */
ap_status ap_check_limits(const char *format_name, uint64_t width, uint64_t height, ap_limits limits,
                          char *message, size_t capacity);

/* Ensures room for `extra` more bytes past output->size, growing geometrically; 0 when out of memory. */
int ap_buffer_reserve(ap_buffer *output, size_t extra);

/* Appends bytes; 0 when out of memory (the buffer is left as it was). */
int ap_buffer_append(ap_buffer *output, const uint8_t *bytes, size_t count);

/* Frees the data and zeroes the buffer; used on every error path. */
void ap_buffer_release(ap_buffer *output);

/* True when the caller's pixel buffer is exactly what `header` needs. */
int ap_pixels_fit(ap_header header, size_t pixels_size);

#endif
