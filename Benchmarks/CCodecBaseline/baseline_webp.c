#include "CCodecBaseline.h"

#include <webp/encode.h>

size_t baseline_webp_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels,
                            int lossless, int quality) {
    WebPConfig config;
    WebPPicture picture;
    WebPMemoryWriter writer;
    if (!WebPConfigInit(&config) || !WebPPictureInit(&picture)) return 0;
    config.lossless = lossless;
    config.exact = lossless;
    if (!lossless) config.quality = (float)quality;
    picture.use_argb = lossless;
    picture.width = (int)width;
    picture.height = (int)height;
    WebPMemoryWriterInit(&writer);
    picture.writer = WebPMemoryWrite;
    picture.custom_ptr = &writer;
    int stride = (int)(width * channels);
    int ok = channels == 4 ? WebPPictureImportRGBA(&picture, pixels, stride)
                           : WebPPictureImportRGB(&picture, pixels, stride);
    ok = ok && WebPEncode(&config, &picture);
    WebPPictureFree(&picture);
    size_t size = ok ? writer.size : 0;
    WebPMemoryWriterClear(&writer);
    return size;
}
