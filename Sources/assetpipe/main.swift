import AssetPipe
print("assetpipe: CLI not written yet")
