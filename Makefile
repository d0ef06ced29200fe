# assetpipe — the two commands a new machine needs are `make demo` and `make test`.
# Both first make sure the C libraries the codec shim links against are installed.

SWIFT ?= swift
APT_PACKAGES := libpng-dev libjpeg-dev libwebp-dev
# Only the tests need these: the schema spec validates manifests with Python's jsonschema.
TEST_APT_PACKAGES := python3-jsonschema
DEMO_MANIFEST ?= examples/quickstart.json
FUZZ_SECONDS ?= 60

.PHONY: all build demo test bench fuzz schema gallery-check deps clean

all: build

## deps: install the apt packages (for `test`, also TEST_APT_PACKAGES) when root, otherwise name the missing ones and stop.
deps:
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "error: '$(SWIFT)' not found: install Swift 6 (https://www.swift.org/install/linux/) and put it on PATH." >&2; exit 1; }
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${db:Status-Status}' $$p 2>/dev/null | grep -qx installed || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing missing system packages:$$missing" >&2; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    { apt-get install -y -qq --no-install-recommends $$missing >/dev/null 2>&1 \
	      || { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends $$missing >&2; }; } || exit 1; \
	  else \
	    echo "error: missing system packages:$$missing" >&2; \
	    echo "       install them with: sudo apt-get install$$missing" >&2; \
	    exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build -c release --product assetpipe

## demo: render examples/quickstart.json with the offline `local` provider into examples/out/.
demo: build
	"$$($(SWIFT) build -c release --show-bin-path)/assetpipe" run $(DEMO_MANIFEST)

## test: the layering check, then the whole test suite (offline; network tests use a loopback emulator).
test: APT_PACKAGES += $(TEST_APT_PACKAGES)
test: deps
	.ci/check-layers
	$(SWIFT) test

## gallery-check: the quickstart's gallery in headless Chromium (Debian's chromium, installed when missing
## and root) at 1280 and 390 px; fails if an image did not load or anything came from the network;
## screenshots to docs/.
gallery-check: build
	.ci/gallery-check "$$($(SWIFT) build -c release --show-bin-path)/assetpipe"

## bench: release-mode figures for codecs, planning, scheduling, caching, durability, memory and hostile servers
## (BENCH=section for one). The memory section runs the assetpipe executable as a child, so it is built first.
bench: deps
	$(SWIFT) build -c release --product assetpipe
	$(SWIFT) run -c release AssetPipeBenchmarks $(BENCH)

## fuzz: libFuzzer with AddressSanitizer on the JSON parser, manifests, provider answers and image decoding,
## FUZZ_SECONDS each (FUZZ_TARGETS=… for some, FUZZ_RUNS=n to stop sooner); crashes to Fuzz/crashes/ (Fuzz/README.md).
fuzz: deps
	SWIFT=$(SWIFT) FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/run

## schema: regenerate manifests/manifest.schema.json from the schema built into assetpipe.
schema: build
	"$$($(SWIFT) build -c release --show-bin-path)/assetpipe" schema > manifests/manifest.schema.json.tmp
	mv manifests/manifest.schema.json.tmp manifests/manifest.schema.json

clean:
	rm -rf .build
