/* JPEG through libjpeg(-turbo), reading from memory and writing to a growable buffer. */
#include "shim_common.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>

/* libjpeg's error manager extended with the jump target and the caller's message buffer. */
typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    const char *prefix;
    char *message;
    size_t message_capacity;
} jpeg_failure;

static void on_jpeg_error(j_common_ptr cinfo) {
    jpeg_failure *failure = (jpeg_failure *)cinfo->err;
    char text[JMSG_LENGTH_MAX];
    failure->base.format_message(cinfo, text);
    ap_set_message(failure->message, failure->message_capacity, "%s: %s", failure->prefix, text);
    longjmp(failure->jump, 1);
}

/* libjpeg merely warns when data is missing and pads the image with grey; those warnings are
 * turned into errors so a truncated download is never mistaken for a finished image. Other
 * warnings (unknown JFIF revision, extraneous bytes between markers) are ignored silently. */
static void on_jpeg_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return;
    switch (cinfo->err->msg_code) {
    case JWRN_JPEG_EOF:
    case JWRN_HIT_MARKER:
    case JWRN_MUST_RESYNC:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_NOT_SEQUENTIAL:
    case JWRN_BOGUS_PROGRESSION:
        on_jpeg_error(cinfo);
        break;
    default:
        break;
    }
}

static void ignore_jpeg_output(j_common_ptr cinfo) { (void)cinfo; }

static struct jpeg_error_mgr *install_failure(jpeg_failure *failure, const char *prefix, char *message,
                                              size_t message_capacity) {
    struct jpeg_error_mgr *manager = jpeg_std_error(&failure->base);
    manager->error_exit = on_jpeg_error;
    manager->emit_message = on_jpeg_message;
    manager->output_message = ignore_jpeg_output;
    failure->prefix = prefix;
    failure->message = message;
    failure->message_capacity = message_capacity;
    return manager;
}

/* Counts the scans (SOS markers) by walking the marker segments and, after each SOS, the
 * entropy-coded data up to the next marker (0xFF followed by neither 0x00 stuffing, a restart
 * marker nor fill). Stops at EOI, at the end of the data or at a length that runs past it. */
static uint32_t count_scans(const uint8_t *data, size_t size, uint32_t stop_after) {
    uint32_t scans = 0;
    size_t offset = 2;
    while (offset + 4 <= size && scans <= stop_after) {
        if (data[offset] != 0xFF) return scans;
        uint8_t marker = data[offset + 1];
        if (marker == 0xFF) { offset++; continue; }
        if (marker == 0xD9) return scans;
        if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { offset += 2; continue; }
        size_t length = (size_t)data[offset + 2] << 8 | data[offset + 3];
        if (length < 2 || length > size - offset - 2) return scans;
        offset += 2 + length;
        if (marker != 0xDA) continue;
        scans++;
        while (offset + 1 < size) {
            uint8_t next = data[offset + 1];
            if (data[offset] == 0xFF && next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7)) break;
            offset++;
        }
    }
    return scans;
}

/* Reads the markers up to the first scan, checks the limits and asks for RGB (or CMYK, which
 * libjpeg cannot convert and we do ourselves). Must run inside the caller's setjmp scope. */
static ap_status read_header(j_decompress_ptr cinfo, const uint8_t *data, size_t size, ap_limits limits,
                             ap_header *header, char *message, size_t message_capacity) {
    jpeg_mem_src(cinfo, data, (unsigned long)size);
    jpeg_read_header(cinfo, TRUE);
    ap_status status = ap_check_limits("JPEG", cinfo->image_width, cinfo->image_height, limits, message,
                                       message_capacity);
    if (status != AP_OK) return status;
    if (count_scans(data, size, limits.max_scans) > limits.max_scans) {
        ap_set_message(message, message_capacity, "JPEG holds more than %u scans; the limit is %u",
                       (unsigned)limits.max_scans, (unsigned)limits.max_scans);
        return AP_ERR_TOO_LARGE;
    }
    int cmyk = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
    cinfo->out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    header->width = cinfo->image_width;
    header->height = cinfo->image_height;
    header->channels = 3;
    return AP_OK;
}

/* Adobe applications store CMYK inverted (0 = full ink), which is what libjpeg hands back for
 * files with an Adobe marker; plain CMYK files are the other way round. */
static void cmyk_row_to_rgb(const JSAMPLE *cmyk, uint8_t *rgb, uint32_t width, int inverted) {
    for (uint32_t x = 0; x < width; x++, cmyk += 4, rgb += 3) {
        unsigned k = inverted ? cmyk[3] : 255u - cmyk[3];
        for (int channel = 0; channel < 3; channel++) {
            unsigned ink = inverted ? cmyk[channel] : 255u - cmyk[channel];
            rgb[channel] = (uint8_t)((ink * k + 127) / 255);
        }
    }
}

/* Reads the header into `header` and, when `pixels` is given, the image into it: one libjpeg
 * session for both, so a header read and a decode apply exactly the same checks. `expected` is
 * the header the caller sized `pixels` for. */
static ap_status read_jpeg(const uint8_t *data, size_t size, ap_limits limits, ap_header *header,
                           const ap_header *expected, uint8_t *pixels, size_t pixels_size,
                           char *message, size_t message_capacity) {
    struct jpeg_decompress_struct cinfo;
    jpeg_failure failure;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = install_failure(&failure, "JPEG data is truncated or corrupt", message, message_capacity);
    if (setjmp(failure.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return AP_ERR_CORRUPT;
    }
    jpeg_create_decompress(&cinfo);
    ap_status status = read_header(&cinfo, data, size, limits, header, message, message_capacity);
    if (status != AP_OK || pixels == NULL) {
        jpeg_destroy_decompress(&cinfo);
        return status;
    }
    jpeg_start_decompress(&cinfo);
    if (memcmp(header, expected, sizeof *header) != 0 || !ap_pixels_fit(*header, pixels_size) ||
        cinfo.output_width != header->width || cinfo.output_height != header->height) {
        ERREXIT(&cinfo, JERR_BUFFER_SIZE);
    }
    size_t stride = (size_t)header->width * 3;
    if (cinfo.out_color_space == JCS_CMYK) {
        JSAMPARRAY row = (*cinfo.mem->alloc_sarray)((j_common_ptr)&cinfo, JPOOL_IMAGE, header->width * 4, 1);
        while (cinfo.output_scanline < cinfo.output_height) {
            uint8_t *destination = pixels + cinfo.output_scanline * stride;
            jpeg_read_scanlines(&cinfo, row, 1);
            cmyk_row_to_rgb(row[0], destination, header->width, cinfo.saw_Adobe_marker);
        }
    } else {
        while (cinfo.output_scanline < cinfo.output_height) {
            JSAMPROW row = pixels + cinfo.output_scanline * stride;
            jpeg_read_scanlines(&cinfo, &row, 1);
        }
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return AP_OK;
}

ap_status ap_jpeg_read_header(const uint8_t *data, size_t size, ap_limits limits, ap_header *header,
                              char *message, size_t message_capacity) {
    return read_jpeg(data, size, limits, header, NULL, NULL, 0, message, message_capacity);
}

ap_status ap_jpeg_decode(const uint8_t *data, size_t size, ap_limits limits, ap_header expected,
                         uint8_t *pixels, size_t pixels_size, char *message, size_t message_capacity) {
    ap_header header;
    return read_jpeg(data, size, limits, &header, &expected, pixels, pixels_size, message, message_capacity);
}

/* A destination manager that grows an ap_buffer, so the output is never capped or copied twice. */
typedef struct {
    struct jpeg_destination_mgr base;
    ap_buffer *output;
} buffer_destination;

static void point_at_free_space(buffer_destination *destination) {
    ap_buffer *output = destination->output;
    destination->base.next_output_byte = output->data + output->size;
    destination->base.free_in_buffer = output->capacity - output->size;
}

static void start_destination(j_compress_ptr cinfo) {
    buffer_destination *destination = (buffer_destination *)cinfo->dest;
    if (!ap_buffer_reserve(destination->output, 65536)) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 1);
    point_at_free_space(destination);
}

static boolean grow_destination(j_compress_ptr cinfo) {
    buffer_destination *destination = (buffer_destination *)cinfo->dest;
    destination->output->size = destination->output->capacity;
    if (!ap_buffer_reserve(destination->output, destination->output->capacity)) {
        ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 2);
    }
    point_at_free_space(destination);
    return TRUE;
}

static void finish_destination(j_compress_ptr cinfo) {
    buffer_destination *destination = (buffer_destination *)cinfo->dest;
    destination->output->size = destination->output->capacity - destination->base.free_in_buffer;
}

ap_status ap_jpeg_encode(const uint8_t *samples, uint32_t width, uint32_t height, ap_jpeg_samples layout,
                         int quality, ap_buffer *output, char *message, size_t message_capacity) {
    *output = (ap_buffer){0};
    struct jpeg_compress_struct cinfo;
    jpeg_failure failure;
    buffer_destination destination = {.output = output};
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = install_failure(&failure, "JPEG encoding failed", message, message_capacity);
    if (setjmp(failure.jump)) {
        jpeg_destroy_compress(&cinfo);
        ap_buffer_release(output);
        return AP_ERR_ENCODE;
    }
    jpeg_create_compress(&cinfo);
    destination.base.init_destination = start_destination;
    destination.base.empty_output_buffer = grow_destination;
    destination.base.term_destination = finish_destination;
    cinfo.dest = &destination.base;
    cinfo.image_width = width;
    cinfo.image_height = height;
    cinfo.input_components = (int)layout;
    cinfo.in_color_space = layout == AP_JPEG_GRAY ? JCS_GRAYSCALE : layout == AP_JPEG_CMYK ? JCS_CMYK : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    cinfo.optimize_coding = TRUE;
    if (layout == AP_JPEG_RGB) {
        cinfo.comp_info[0].h_samp_factor = 2;
        cinfo.comp_info[0].v_samp_factor = 2;
    }
    jpeg_start_compress(&cinfo, TRUE);
    size_t stride = (size_t)width * (size_t)layout;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(samples + cinfo.next_scanline * stride);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    return AP_OK;
}
