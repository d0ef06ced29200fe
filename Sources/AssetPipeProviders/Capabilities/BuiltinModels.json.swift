/// The capability table assetpipe ships with, as JSON text compiled into the binary: a SwiftPM
/// resource would need `Bundle.module`, which breaks when the executable is copied elsewhere.
/// Keep it to well-known models; anything newer belongs in a provider entry's `models` object.
enum BuiltinModels {
    static let json = #"""
    {
      "gpt-image-1": {
        "params": ["size", "quality", "background", "moderation", "output_format", "output_compression", "user", "input_fidelity"],
        "sizes": ["auto", "1024x1024", "1536x1024", "1024x1536"],
        "values": {
          "quality": ["auto", "low", "medium", "high"],
          "background": ["auto", "transparent", "opaque"],
          "moderation": ["auto", "low"],
          "output_format": ["png", "jpeg", "webp"],
          "input_fidelity": ["high", "low"]
        },
        "max_n": 10,
        "max_prompt_length": 32000,
        "max_input_images": 16,
        "supports_edits": true,
        "supports_variations": false,
        "transparent_background_formats": ["png", "webp"]
      },
      "gpt-image-1-mini": {
        "extends": "gpt-image-1",
        "params": ["size", "quality", "background", "moderation", "output_format", "output_compression", "user"]
      },
      "gpt-image-1.5": {
        "extends": "gpt-image-1",
        "size_rule": {"multiple_of": 16, "max_aspect_ratio": 3, "max_side": 3840, "min_pixels": 655360, "max_pixels": 8294400}
      },
      "dall-e-2": {
        "params": ["size", "response_format", "user"],
        "sizes": ["256x256", "512x512", "1024x1024"],
        "values": {"response_format": ["url", "b64_json"]},
        "max_n": 10,
        "max_prompt_length": 1000,
        "max_input_images": 1,
        "supports_edits": true,
        "supports_variations": true
      },
      "dall-e-3": {
        "params": ["size", "quality", "style", "response_format", "user"],
        "sizes": ["1024x1024", "1792x1024", "1024x1792"],
        "values": {"quality": ["standard", "hd"], "style": ["vivid", "natural"], "response_format": ["url", "b64_json"]},
        "max_n": 1,
        "max_prompt_length": 4000,
        "supports_edits": false,
        "supports_variations": false
      },
      "openai/gpt-image-1": {
        "extends": "gpt-image-1",
        "params": ["size", "quality", "background", "moderation", "output_format", "output_compression", "user",
                   "input_fidelity", "response_format", "store"],
        "values": {"quality": ["low", "medium", "high"], "response_format": ["b64_json", "url"]},
        "max_n": 4
      },
      "openai/dall-e-3": {
        "extends": "dall-e-3",
        "params": ["size", "quality", "style", "response_format", "store"]
      },
      "gemini-2.5-flash-image": {
        "params": ["aspect_ratio"],
        "aspect_ratios": ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"],
        "max_n": 1,
        "max_input_images": 3,
        "supports_edits": true,
        "supports_variations": false
      },
      "google/gemini-2.5-flash-image": {
        "extends": "gemini-2.5-flash-image",
        "params": ["aspect_ratio", "response_format", "store"],
        "values": {"response_format": ["b64_json", "url"]},
        "max_n": 4
      },
      "google/imagen-4": {
        "params": ["aspect_ratio", "quality", "response_format", "store"],
        "aspect_ratios": ["1:1", "3:4", "4:3", "9:16", "16:9"],
        "values": {"quality": ["low", "medium", "high", "4k"], "response_format": ["b64_json", "url"]},
        "max_n": 4,
        "supports_edits": false,
        "supports_variations": false
      }
    }
    """#
}
