#include "CImageCodecs.h"
int ap_codecs_version(void) { return 1; }
