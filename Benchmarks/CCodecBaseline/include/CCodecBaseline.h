#ifndef ASSETPIPE_CCODECBASELINE_H
#define ASSETPIPE_CCODECBASELINE_H
int ap_baseline_version(void);
#endif
