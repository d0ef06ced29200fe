/// The JSON Schema (draft 2020-12) of manifest version 1: what `assetpipe schema` prints, and what
/// `manifests/manifest.schema.json` is a generated copy of (`make schema`), so that a manifest's
/// `"$schema"` lets editors complete and check it as it is typed.
///
/// It is Swift text rather than a resource file because the binary must carry it: SwiftPM
/// resources live in a bundle beside the executable, which a copied `assetpipe` leaves behind.
///
/// The decoders stay the authority. The schema may be looser where JSON Schema cannot state a
/// rule (references between steps, cycles, files on disk, `{index}` when n > 1, model
/// capabilities), never stricter: `ManifestSchemaTests` holds its field lists and choices to the
/// decoders' own, and gives the examples, the templates and a corpus of accepted and rejected
/// manifests to both, expecting the same verdict.
public enum ManifestSchema {
    /// The schema as JSON text.
    public static let text = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://assetpipe.dev/schemas/manifest-v1.json",
      "title": "assetpipe manifest, version 1",
      "description": "An image asset pack: providers, defaults and the steps that generate, edit and write images. Paths are relative to the manifest's folder. `assetpipe validate` checks what a schema cannot: references between steps, cycles, local files, output collisions and model capabilities.",
      "type": "object",
      "required": ["version", "steps"],
      "properties": {
        "$schema": {
          "description": "The JSON Schema editors check this manifest against (`assetpipe schema` prints it); assetpipe reads nothing from it.",
          "$ref": "#/$defs/nonEmptyString"
        },
        "version": {"description": "The manifest format: 1, the only version this assetpipe reads.", "const": 1},
        "output_dir": {
          "description": "Where outputs go, relative to the manifest; default \"out\". `--output-dir` replaces it.",
          "$ref": "#/$defs/nonEmptyString"
        },
        "providers": {
          "description": "Provider entries by name, used in model refs as NAME:MODEL. `local`, the embedded offline provider, always exists.",
          "type": "object",
          "propertyNames": {"$ref": "#/$defs/providerName"},
          "properties": {"local": {"$ref": "#/$defs/localProvider"}},
          "additionalProperties": {"$ref": "#/$defs/namedProvider"}
        },
        "defaults": {
          "description": "Step fields applied to every step that does not set them; each follows the same rule as on a step.",
          "type": "object",
          "properties": {
            "model": {
              "description": "PROVIDER:MODEL, split at the first colon: opper:openai/gpt-image-1 is model openai/gpt-image-1 on provider opper.",
              "$ref": "#/$defs/modelRef"
            },
            "fallbacks": {
              "description": "Model refs tried in order when the model fails for good.",
              "type": "array",
              "items": {"$ref": "#/$defs/modelRef"}
            },
            "n": {
              "description": "Images to generate, 1 to 10 (default 1).",
              "type": "integer",
              "default": 1,
              "minimum": 1,
              "maximum": 10
            },
            "size": {
              "description": "WIDTHxHEIGHT with the letter x, such as 1024x1024; `auto` leaves it to the model.",
              "$ref": "#/$defs/sizeSetting"
            },
            "aspect_ratio": {
              "description": "W:H, such as 16:9, for models sized by ratio; bridged to and from `size` per model.",
              "$ref": "#/$defs/aspectRatio"
            },
            "quality": {
              "description": "Forwarded as written, such as low, medium, high or auto; prices are looked up by it.",
              "type": "string"
            },
            "background": {"description": "Forwarded as written; `transparent` gives real alpha.", "type": "string"},
            "style": {"description": "Forwarded as written, such as vivid or natural.", "type": "string"},
            "moderation": {"description": "Forwarded as written, such as low or auto.", "type": "string"},
            "output_format": {
              "description": "What the provider should deliver; outputs are transcoded from it.",
              "enum": ["png", "jpeg", "webp"]
            },
            "output_compression": {
              "description": "What the provider should deliver: compression from 0 to 100, for jpeg and webp.",
              "type": "integer",
              "minimum": 0,
              "maximum": 100
            },
            "user": {
              "description": "Forwarded as written: an id for the end user, for providers that take one.",
              "type": "string"
            },
            "seed": {"description": "An integer, for providers that take one (local does).", "type": "integer"},
            "parameters": {
              "description": "An object passed to the provider verbatim, such as a gateway's server-side `fallbacks`.",
              "type": "object"
            }
          },
          "additionalProperties": false
        },
        "steps": {
          "description": "The work, in any order: a step starts as soon as every step it takes images from has finished.",
          "type": "array",
          "minItems": 1,
          "items": {"$ref": "#/$defs/step"}
        },
        "max_cost": {
          "description": "Budget in USD for one run (also `--max-cost`): paid requests stop before it could be exceeded, and every model a step may pay for needs a price.",
          "type": "number",
          "minimum": 0
        },
        "prices": {
          "description": "USD per image by model and quality, such as {\"openai:gpt-image-1\": {\"low\": 0.011, \"medium\": 0.042, \"high\": 0.167}}; the highest listed price stands in for an unlisted quality.",
          "type": "object",
          "propertyNames": {"$ref": "#/$defs/modelRef"},
          "additionalProperties": {"type": "object", "additionalProperties": {"type": "number", "minimum": 0}}
        }
      },
      "additionalProperties": false,
      "$defs": {
        "nonEmptyString": {"type": "string", "pattern": "[^ \\t\\n\\r]"},
        "providerName": {
          "description": "Non-empty, without ':' or spaces: model refs split at the first colon.",
          "type": "string",
          "pattern": "^[^:\\u0009-\\u000d\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+$"
        },
        "provider": {
          "type": "object",
          "properties": {
            "api": {
              "description": "The wire protocol: `openai` (OpenAI and every compatible endpoint, gateways, async-task platforms), `opper` (POST /v3/images) or `local` (embedded, offline, free).",
              "enum": ["openai", "opper", "local"]
            },
            "base_url": {
              "description": "The API's http(s) base URL, such as https://api.openai.com/v1 or https://api.opper.ai/v3; required for openai and opper, not allowed for local.",
              "type": "string",
              "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#]"
            },
            "api_key_env": {
              "description": "The NAME of the environment variable holding the key, never the key itself. Unset is an error only when a step uses this provider.",
              "type": "string",
              "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
            },
            "max_concurrent": {
              "description": "HTTP requests in flight at once, submissions and task polls alike (default 4; local: renders, 8).",
              "type": "integer",
              "minimum": 1,
              "maximum": 256
            },
            "max_tasks_in_flight": {
              "description": "Async-task platforms: tasks submitted and not yet finished (default 32). A waiting task holds no request slot.",
              "type": "integer",
              "default": 32,
              "minimum": 1,
              "maximum": 10000
            },
            "requests_per_minute": {
              "description": "Evenly paced; never more in any 60-second window, retries and task polls included.",
              "type": "integer",
              "minimum": 1,
              "maximum": 1000000
            },
            "timeout_s": {
              "description": "Seconds per request (default 300: high-quality generations can take minutes).",
              "type": "number",
              "default": 300,
              "exclusiveMinimum": 0,
              "maximum": 86400
            },
            "headers": {
              "description": "Extra static headers, such as a gateway's user or session ids. Values are never printed.",
              "type": "object",
              "propertyNames": {"pattern": "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},
              "additionalProperties": {"type": "string", "not": {"type": "string", "pattern": "[\\r\\n]"}}
            },
            "retry": {"$ref": "#/$defs/retry"},
            "latency_ms": {
              "description": "local only: simulated generation time in milliseconds, to exercise concurrency offline (default 0).",
              "type": "integer",
              "default": 0,
              "minimum": 0,
              "maximum": 3600000
            },
            "poll_interval_s": {
              "description": "Async-task platforms: seconds between polls of a task (default 2).",
              "type": "number",
              "default": 2,
              "exclusiveMinimum": 0,
              "maximum": 3600
            },
            "edit_mode": {
              "description": "How edit inputs are sent (default multipart): `multipart` to /images/edits, or `inline`, as a JSON `image` field on /images/generations.",
              "enum": ["multipart", "inline"],
              "default": "multipart"
            },
            "models": {
              "description": "Capability overrides and additions by model name, such as {\"gpt-image-2\": {\"extends\": \"gpt-image-1\", \"max_n\": 4}}.",
              "type": "object",
              "additionalProperties": {"$ref": "#/$defs/capabilities"}
            },
            "batch": {
              "description": "api openai only: send this provider's eligible steps through OpenAI's Batch API (24 h, half price): true always, false never; unset, only under `run --batch`.",
              "type": "boolean"
            },
            "batch_discount": {
              "description": "api openai only: a batch request's price as a share of the synchronous one (default 0.5).",
              "type": "number",
              "default": 0.5,
              "minimum": 0,
              "maximum": 1
            }
          },
          "additionalProperties": false
        },
        "localProvider": {
          "description": "The built-in offline provider, redeclared to set `latency_ms`; its `api` can only be `local`.",
          "$ref": "#/$defs/provider",
          "properties": {"api": {"const": "local"}, "base_url": false, "batch": false, "batch_discount": false}
        },
        "namedProvider": {
          "$ref": "#/$defs/provider",
          "required": ["api"],
          "if": {"required": ["api"], "properties": {"api": {"const": "local"}}},
          "then": {"properties": {"base_url": false}},
          "else": {"required": ["base_url"], "properties": {"latency_ms": false}},
          "allOf": [
            {"if": {"not": {"required": ["api"], "properties": {"api": {"const": "openai"}}}},
             "then": {"properties": {"batch": false, "batch_discount": false}}}
          ]
        },
        "retry": {
          "description": "How often and how patiently a failed request is tried again: exponential backoff with full jitter, never sooner than Retry-After.",
          "type": "object",
          "properties": {
            "max_attempts": {
              "description": "Attempts in all, the first included (default 4).",
              "type": "integer",
              "default": 4,
              "minimum": 1,
              "maximum": 20
            },
            "initial_backoff_s": {
              "description": "Seconds the first retry waits at most (default 1); each further retry doubles it.",
              "type": "number",
              "default": 1,
              "exclusiveMinimum": 0,
              "maximum": 3600
            },
            "max_backoff_s": {
              "description": "The longest wait between attempts (default 60); at least initial_backoff_s.",
              "type": "number",
              "default": 60,
              "exclusiveMinimum": 0,
              "maximum": 86400
            }
          },
          "additionalProperties": false
        },
        "capabilities": {
          "description": "What one model accepts. A missing field means no known constraint.",
          "type": "object",
          "properties": {
            "extends": {
              "description": "Another model whose capabilities this one starts from, such as gpt-image-1.",
              "$ref": "#/$defs/nonEmptyString"
            },
            "params": {
              "description": "Parameters the model takes, by wire name; others are dropped at run time, with a note. model, prompt and n are always sent and not listed.",
              "type": "array",
              "items": {
                "enum": [
                  "aspect_ratio",
                  "background",
                  "input_fidelity",
                  "moderation",
                  "output_compression",
                  "output_format",
                  "partial_images",
                  "quality",
                  "response_format",
                  "seed",
                  "size",
                  "store",
                  "style",
                  "user"
                ]
              }
            },
            "sizes": {
              "description": "Accepted `size` values, `auto` included where the model takes it.",
              "type": "array",
              "items": {"$ref": "#/$defs/sizeSetting"}
            },
            "size_rule": {"$ref": "#/$defs/sizeRule"},
            "aspect_ratios": {
              "description": "Accepted `aspect_ratio` values, for models sized by ratio rather than pixels.",
              "type": "array",
              "items": {"$ref": "#/$defs/aspectRatio"}
            },
            "values": {
              "description": "Accepted values by parameter, such as {\"quality\": [\"low\", \"medium\", \"high\"]}.",
              "type": "object",
              "additionalProperties": {"type": "array", "items": {"type": "string"}}
            },
            "max_n": {
              "description": "Images one request may ask for; a step asking for more makes several requests.",
              "type": "integer",
              "minimum": 1,
              "maximum": 10
            },
            "max_prompt_length": {
              "description": "The longest prompt the model takes, in characters.",
              "type": "integer",
              "minimum": 1,
              "maximum": 1000000
            },
            "max_input_images": {
              "description": "Input images one edit may take (`image` plus `reference_images`).",
              "type": "integer",
              "minimum": 1,
              "maximum": 100
            },
            "supports_edits": {"description": "Whether the model edits images (steps with `image`).", "type": "boolean"},
            "supports_variations": {
              "description": "Whether the model makes variations (`\"operation\": \"variation\"`).",
              "type": "boolean"
            },
            "transparent_background_formats": {
              "description": "The `output_format`s that `background: transparent` needs.",
              "type": "array",
              "items": {"enum": ["png", "jpeg", "webp"]}
            }
          },
          "additionalProperties": false
        },
        "sizeRule": {
          "description": "Any WIDTHxHEIGHT satisfying every field set here is accepted too (newer GPT image models).",
          "type": "object",
          "properties": {
            "multiple_of": {
              "description": "Width and height must both be multiples of this.",
              "type": "integer",
              "minimum": 1,
              "maximum": 16384
            },
            "max_aspect_ratio": {
              "description": "The longer side over the shorter one, at most (3 for \"between 1:3 and 3:1\").",
              "type": "number",
              "minimum": 1,
              "maximum": 16384
            },
            "max_side": {"description": "The longest side, in pixels.", "type": "integer", "minimum": 1, "maximum": 16384},
            "min_pixels": {
              "description": "Width times height, at least.",
              "type": "integer",
              "minimum": 1,
              "maximum": 268435456
            },
            "max_pixels": {"description": "Width times height, at most.", "type": "integer", "minimum": 1, "maximum": 268435456}
          },
          "additionalProperties": false
        },
        "step": {
          "description": "One image-producing unit of work.",
          "type": "object",
          "required": ["id"],
          "properties": {
            "id": {"$ref": "#/$defs/stepID"},
            "model": {"$ref": "#/properties/defaults/properties/model"},
            "fallbacks": {"$ref": "#/properties/defaults/properties/fallbacks"},
            "operation": {
              "description": "`generate` (default; an edit when `image` is set) or `variation` (/images/variations, from one `image`, prompt optional).",
              "enum": ["generate", "variation"]
            },
            "prompt": {
              "description": "What to generate or how to edit; required unless the operation is a variation.",
              "type": "string"
            },
            "n": {"$ref": "#/properties/defaults/properties/n"},
            "size": {"$ref": "#/properties/defaults/properties/size"},
            "aspect_ratio": {"$ref": "#/properties/defaults/properties/aspect_ratio"},
            "quality": {"$ref": "#/properties/defaults/properties/quality"},
            "background": {"$ref": "#/properties/defaults/properties/background"},
            "style": {"$ref": "#/properties/defaults/properties/style"},
            "moderation": {"$ref": "#/properties/defaults/properties/moderation"},
            "output_format": {"$ref": "#/properties/defaults/properties/output_format"},
            "output_compression": {"$ref": "#/properties/defaults/properties/output_compression"},
            "user": {"$ref": "#/properties/defaults/properties/user"},
            "seed": {
              "description": "An integer, for providers that take one (local does); in a matrix step also a template such as \"{index}\".",
              "type": ["integer", "string"]
            },
            "parameters": {"$ref": "#/properties/defaults/properties/parameters"},
            "image": {
              "description": "The image to edit, or a non-empty list of them.",
              "anyOf": [{"$ref": "#/$defs/input"}, {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/input"}}]
            },
            "mask": {
              "description": "An image whose transparent pixels mark the area of `image` to edit.",
              "$ref": "#/$defs/input"
            },
            "reference_images": {
              "description": "Images to take style or content from.",
              "type": "array",
              "items": {"$ref": "#/$defs/input"}
            },
            "outputs": {
              "description": "The files to write. A step without outputs still runs: its images may feed others.",
              "type": "array",
              "items": {"$ref": "#/$defs/output"}
            },
            "batch": {
              "description": "OpenAI's Batch API for this step: true or false overrides its provider's `batch` and `run --batch`.",
              "type": "boolean"
            },
            "matrix": {
              "description": "Makes one step per combination of these variables' values; {NAME} in `id`, `prompt`, inputs, `seed` and output paths stands for a variable's value.",
              "type": "object",
              "minProperties": 1,
              "propertyNames": {"$ref": "#/$defs/matrixVariable"},
              "additionalProperties": {"type": "array", "minItems": 1, "uniqueItems": true, "items": {"type": ["string", "integer"]}}
            },
            "exclude": {
              "description": "Combinations of the matrix to leave out, each by some of its variables' values, such as {\"item\": \"bow\", \"tier\": \"wood\"}.",
              "type": "array",
              "items": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"$ref": "#/$defs/matrixVariable"},
                "additionalProperties": {"type": ["string", "integer"]}
              }
            }
          },
          "additionalProperties": false,
          "dependentRequired": {"mask": ["image"], "exclude": ["matrix"]},
          "allOf": [
            {
              "if": {"required": ["operation"], "properties": {"operation": {"const": "variation"}}},
              "then": {
                "required": ["image"],
                "properties": {"image": {"anyOf": [{"type": "string"}, {"type": "array", "maxItems": 1}]}}
              },
              "else": {"required": ["prompt"], "properties": {"prompt": {"$ref": "#/$defs/nonEmptyString"}}}
            },
            {"if": {"not": {"required": ["matrix"]}}, "then": {"properties": {"seed": {"type": "integer"}}}}
          ]
        },
        "stepID": {
          "description": "Unique; letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128 characters. In a matrix step it may hold {NAME} placeholders.",
          "type": "string",
          "pattern": "^[A-Za-z0-9{][A-Za-z0-9._{}-]*$",
          "if": {"pattern": "^[^{]*$"},
          "then": {"maxLength": 128}
        },
        "matrixVariable": {
          "description": "A variable name: letters, digits and '_', not starting with a digit; `index` is built in.",
          "type": "string",
          "pattern": "^[A-Za-z_][A-Za-z0-9_]*$",
          "not": {"const": "index"}
        },
        "modelRef": {
          "description": "PROVIDER:MODEL, split at the first colon; the provider is declared in `providers` or is `local`.",
          "type": "string",
          "pattern": "^[^:]+:[\\s\\S]"
        },
        "input": {
          "description": "An image: \"@STEP\" (that step's first image), \"@STEP#K\" (its K-th, from 0), an http(s):// or data: URL, or a file path relative to the manifest.",
          "$ref": "#/$defs/nonEmptyString",
          "if": {"pattern": "^@"},
          "then": {"pattern": "^@[^#]+(#([0-9]|\\{[A-Za-z_][A-Za-z0-9_]*\\})+)?$"}
        },
        "pixelSize": {
          "description": "WIDTHxHEIGHT with the letter x and sides from 1 to 16384, such as 1024x1024.",
          "type": "string",
          "pattern": "^0*([1-9][0-9]{0,3}|1[0-5][0-9]{3}|16[0-2][0-9]{2}|163[0-7][0-9]|1638[0-4])x0*([1-9][0-9]{0,3}|1[0-5][0-9]{3}|16[0-2][0-9]{2}|163[0-7][0-9]|1638[0-4])$"
        },
        "sizeSetting": {"anyOf": [{"const": "auto"}, {"$ref": "#/$defs/pixelSize"}]},
        "aspectRatio": {
          "description": "W:H with positive integers, such as 16:9.",
          "type": "string",
          "pattern": "^0*[1-9][0-9]*:0*[1-9][0-9]*$"
        },
        "output": {
          "description": "One file written from each of the step's images.",
          "type": "object",
          "required": ["path"],
          "properties": {
            "path": {
              "description": "Relative to the output folder, which it cannot leave; {index} stands for the image's number and is needed when n > 1. The extension gives the format when `format` is absent.",
              "$ref": "#/$defs/nonEmptyString",
              "not": {"type": "string", "pattern": "^[/~]|/(?![\\s\\S])"}
            },
            "format": {
              "description": "png, jpeg or webp; inferred from the path's extension (.png, .jpg, .jpeg, .webp) when absent.",
              "enum": ["png", "jpeg", "webp"]
            },
            "quality": {
              "description": "0 to 100, for jpeg (default 90) and lossy webp (default 90); png is lossless.",
              "type": "integer",
              "minimum": 0,
              "maximum": 100
            },
            "lossless": {"description": "webp only: encode losslessly (no quality then).", "type": "boolean"},
            "compression": {
              "description": "png only: zlib level 0 to 9 (default 6).",
              "type": "integer",
              "minimum": 0,
              "maximum": 9
            },
            "resize": {
              "description": "WIDTHxHEIGHT: fit inside this box keeping the aspect ratio; never enlarges.",
              "$ref": "#/$defs/pixelSize"
            },
            "matte": {
              "description": "#rrggbb: the colour transparent pixels are flattened onto. jpeg always flattens (default white); png and webp keep alpha unless a matte is given.",
              "type": "string",
              "pattern": "^#[0-9A-Fa-f]{6}$"
            }
          },
          "additionalProperties": false,
          "allOf": [
            {"if": {"$ref": "#/$defs/pathWithoutFormat"}, "then": {"required": ["format"]}},
            {"if": {"$ref": "#/$defs/pngOutput"}, "then": {"properties": {"quality": false, "lossless": false}}},
            {
              "if": {"$ref": "#/$defs/jpegOutput"},
              "then": {"properties": {"lossless": false, "compression": false}}
            },
            {
              "if": {"$ref": "#/$defs/webpOutput"},
              "then": {
                "properties": {"compression": false},
                "if": {"required": ["lossless"], "properties": {"lossless": {"const": true}}},
                "then": {"properties": {"quality": false}}
              }
            }
          ]
        },
        "pathWithoutFormat": {
          "description": "An output path whose extension names no format. Its last part is not . or .., which normalizing would remove.",
          "required": ["path"],
          "properties": {
            "path": {
              "type": "string",
              "not": {"pattern": "(\\.([Pp][Nn][Gg]|[Jj][Pp][Ee]?[Gg]|[Ww][Ee][Bb][Pp])|(^|/)\\.\\.?)(?![\\s\\S])"}
            }
          }
        },
        "pngOutput": {
          "anyOf": [
            {"required": ["format"], "properties": {"format": {"const": "png"}}},
            {
              "not": {"required": ["format"]},
              "required": ["path"],
              "properties": {"path": {"pattern": "\\.[Pp][Nn][Gg](?![\\s\\S])"}}
            }
          ]
        },
        "jpegOutput": {
          "anyOf": [
            {"required": ["format"], "properties": {"format": {"const": "jpeg"}}},
            {
              "not": {"required": ["format"]},
              "required": ["path"],
              "properties": {"path": {"pattern": "\\.[Jj][Pp][Ee]?[Gg](?![\\s\\S])"}}
            }
          ]
        },
        "webpOutput": {
          "anyOf": [
            {"required": ["format"], "properties": {"format": {"const": "webp"}}},
            {
              "not": {"required": ["format"]},
              "required": ["path"],
              "properties": {"path": {"pattern": "\\.[Ww][Ee][Bb][Pp](?![\\s\\S])"}}
            }
          ]
        }
      }
    }
    """#
}
