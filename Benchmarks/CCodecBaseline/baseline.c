#include "CCodecBaseline.h"
int ap_baseline_version(void) { return 1; }
