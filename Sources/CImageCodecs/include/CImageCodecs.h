#ifndef ASSETPIPE_CIMAGECODECS_H
#define ASSETPIPE_CIMAGECODECS_H
/* Placeholder: the codec shim is written in its own change. */
int ap_codecs_version(void);
#endif
