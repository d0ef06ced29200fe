#include "CImageCodecs.h"

#include <malloc.h>

/* glibc's allocator for a process that frees image-sized buffers by the thousand: a fixed mmap
 * threshold (which also turns off its dynamic raising) maps every buffer from 128 KiB up on its
 * own, so it goes back to the kernel when freed instead of staying resident in an arena. */
void ap_tune_allocator_for_images(void) {
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}
