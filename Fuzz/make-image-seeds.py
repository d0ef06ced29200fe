#!/usr/bin/env python3
"""Writes the image fuzzer's seeds: tiny, valid PNG, JPEG and WebP files, built byte by byte so
that no downloaded file and no image tool is needed. Run from Fuzz/: python3 make-image-seeds.py"""
import struct
import zlib

OUT = "corpus/image/"


def png(name, width, height, color_type, rows):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    raw = b"".join(b"\x00" + bytes(row) for row in rows)
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    open(OUT + name, "wb").write(data)


def jpeg(name, components):
    """A baseline 8x8 JPEG whose every block is flat: one-code Huffman tables (DC category 0,
    AC end-of-block), so each block is two bits."""
    def segment(marker, body):
        return b"\xff" + bytes([marker]) + struct.pack(">H", len(body) + 2) + body
    table = bytes([1] + [0] * 15) + b"\x00"
    frame = struct.pack(">BHHB", 8, 8, 8, components) + b"".join(bytes([i + 1, 0x11, 0]) for i in range(components))
    scan = bytes([components]) + b"".join(bytes([i + 1, 0x00]) for i in range(components)) + b"\x00\x3f\x00"
    bits = "00" * components
    entropy = int(bits.ljust(8, "1"), 2).to_bytes(1, "big")
    data = (b"\xff\xd8" + segment(0xDB, b"\x00" + bytes([1] * 64)) + segment(0xC0, frame)
            + segment(0xC4, b"\x00" + table) + segment(0xC4, b"\x10" + table) + segment(0xDA, scan)
            + entropy + b"\xff\xd9")
    open(OUT + name, "wb").write(data)


def webp_lossless(name, width, height, argb):
    """A VP8L image of one colour: no transforms, no colour cache, five one-symbol prefix codes,
    so the pixels take no bits at all."""
    bits = []

    def put(value, count):
        bits.extend((value >> i) & 1 for i in range(count))
    put(width - 1, 14)
    put(height - 1, 14)
    put(1, 1)  # alpha is used
    put(0, 3)  # version
    put(0, 1)  # no transform
    put(0, 1)  # no colour cache
    put(0, 1)  # no meta prefix codes
    alpha, red, green, blue = argb
    for symbol in (green, red, blue, alpha):
        put(1, 1)  # simple code
        put(0, 1)  # one symbol
        put(1, 1)  # an 8-bit symbol
        put(symbol, 8)
    put(1, 1)
    put(0, 1)
    put(0, 1)  # distance: a 1-bit symbol
    put(0, 1)
    bits.extend([0] * (-len(bits) % 8))
    stream = b"\x2f" + bytes(sum(bits[i + j] << j for j in range(8)) for i in range(0, len(bits), 8))
    chunk = b"VP8L" + struct.pack("<I", len(stream)) + stream + b"\x00" * (len(stream) % 2)
    open(OUT + name, "wb").write(b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk)


png("rgb-4x3.png", 4, 3, 2, [[v for x in range(4) for v in (x * 60, y * 80, 200)] for y in range(3)])
png("rgba-3x3.png", 3, 3, 6, [[v for x in range(3) for v in (x * 90, y * 90, 40, 128 + x * 40)] for y in range(3)])
png("gray-5x2.png", 5, 2, 0, [[x * 50 for x in range(5)] for _ in range(2)])
jpeg("gray-8x8.jpg", 1)
jpeg("ycbcr-8x8.jpg", 3)
webp_lossless("solid-4x4.webp", 4, 4, (255, 200, 40, 10))
