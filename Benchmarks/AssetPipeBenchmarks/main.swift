import AssetPipe
print("benchmarks: not written yet")
