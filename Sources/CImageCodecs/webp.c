/* WebP through libwebp's advanced API (no longjmp here; statuses are returned). */
#include "shim_common.h"

#include <webp/decode.h>
#include <webp/encode.h>

static ap_status describe_decode_status(VP8StatusCode code, char *message, size_t capacity) {
    switch (code) {
    case VP8_STATUS_OK:
        return AP_OK;
    case VP8_STATUS_OUT_OF_MEMORY:
        ap_set_message(message, capacity, "out of memory decoding a WebP");
        return AP_ERR_NO_MEMORY;
    case VP8_STATUS_UNSUPPORTED_FEATURE:
        ap_set_message(message, capacity, "WebP uses a feature this decoder does not support");
        return AP_ERR_UNSUPPORTED;
    case VP8_STATUS_NOT_ENOUGH_DATA:
        ap_set_message(message, capacity, "WebP data is truncated or corrupt: unexpected end of data");
        return AP_ERR_CORRUPT;
    default:
        ap_set_message(message, capacity, "WebP data is truncated or corrupt: invalid bitstream (status %d)",
                       (int)code);
        return AP_ERR_CORRUPT;
    }
}

ap_status ap_webp_read_header(const uint8_t *data, size_t size, ap_limits limits, ap_header *header,
                              char *message, size_t message_capacity) {
    WebPBitstreamFeatures features;
    ap_status status = describe_decode_status(WebPGetFeatures(data, size, &features), message, message_capacity);
    if (status != AP_OK) return status;
    if (features.has_animation) {
        ap_set_message(message, message_capacity, "animated WebP is not supported: only still images are decoded, not an animation's first frame");
        return AP_ERR_UNSUPPORTED;
    }
    status = ap_check_limits("WebP", (uint64_t)features.width, (uint64_t)features.height, limits, message,
                             message_capacity);
    if (status != AP_OK) return status;
    header->width = (uint32_t)features.width;
    header->height = (uint32_t)features.height;
    header->channels = features.has_alpha ? 4 : 3;
    return AP_OK;
}

ap_status ap_webp_decode(const uint8_t *data, size_t size, ap_limits limits, ap_header expected,
                         uint8_t *pixels, size_t pixels_size, char *message, size_t message_capacity) {
    ap_header header;
    ap_status status = ap_webp_read_header(data, size, limits, &header, message, message_capacity);
    if (status != AP_OK) return status;
    if (header.width != expected.width || header.height != expected.height ||
        header.channels != expected.channels || !ap_pixels_fit(header, pixels_size)) {
        ap_set_message(message, message_capacity, "WebP decoding failed: pixel buffer does not match the header");
        return AP_ERR_CORRUPT;
    }
    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config)) {
        ap_set_message(message, message_capacity, "WebP decoding failed: libwebp version mismatch");
        return AP_ERR_UNSUPPORTED;
    }
    config.output.colorspace = header.channels == 4 ? MODE_RGBA : MODE_RGB;
    config.output.is_external_memory = 1;
    config.output.u.RGBA.rgba = pixels;
    config.output.u.RGBA.stride = (int)(header.width * header.channels);
    config.output.u.RGBA.size = pixels_size;
    status = describe_decode_status(WebPDecode(data, size, &config), message, message_capacity);
    WebPFreeDecBuffer(&config.output);
    return status;
}

static int write_to_buffer(const uint8_t *bytes, size_t count, const WebPPicture *picture) {
    return ap_buffer_append(picture->custom_ptr, bytes, count);
}

static ap_status describe_encode_error(WebPEncodingError code, char *message, size_t capacity) {
    if (code == VP8_ENC_ERROR_OUT_OF_MEMORY || code == VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY ||
        code == VP8_ENC_ERROR_BAD_WRITE) {
        ap_set_message(message, capacity, "WebP encoding failed: out of memory");
        return AP_ERR_NO_MEMORY;
    }
    ap_set_message(message, capacity, "WebP encoding failed: libwebp error %d%s", (int)code,
                   code == VP8_ENC_ERROR_BAD_DIMENSION ? " (dimensions must be 1-16383)" : "");
    return AP_ERR_ENCODE;
}

ap_status ap_webp_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels,
                         int lossless, int quality, ap_buffer *output, char *message, size_t message_capacity) {
    *output = (ap_buffer){0};
    WebPConfig config;
    if (!WebPConfigInit(&config)) {
        ap_set_message(message, message_capacity, "WebP encoding failed: libwebp version mismatch");
        return AP_ERR_ENCODE;
    }
    config.lossless = lossless ? 1 : 0;
    config.exact = lossless ? 1 : 0;
    if (!lossless) config.quality = (float)quality;
    if (!WebPValidateConfig(&config) || (channels != 3 && channels != 4)) {
        ap_set_message(message, message_capacity, "WebP encoding failed: invalid settings");
        return AP_ERR_ENCODE;
    }
    WebPPicture picture;
    if (!WebPPictureInit(&picture)) {
        ap_set_message(message, message_capacity, "WebP encoding failed: libwebp version mismatch");
        return AP_ERR_ENCODE;
    }
    picture.use_argb = config.lossless;
    picture.width = (int)width;
    picture.height = (int)height;
    picture.writer = write_to_buffer;
    picture.custom_ptr = output;
    int stride = (int)(width * channels);
    int imported = channels == 4 ? WebPPictureImportRGBA(&picture, pixels, stride)
                                 : WebPPictureImportRGB(&picture, pixels, stride);
    ap_status status = AP_OK;
    if (!imported) {
        status = describe_encode_error(picture.error_code, message, message_capacity);
    } else if (!WebPEncode(&config, &picture)) {
        status = describe_encode_error(picture.error_code, message, message_capacity);
    }
    WebPPictureFree(&picture);
    if (status != AP_OK) ap_buffer_release(output);
    return status;
}
