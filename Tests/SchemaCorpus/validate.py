#!/usr/bin/env python3
"""Validates manifests against the manifest JSON Schema, for ManifestSchemaTests.

The schema's text comes on stdin (the one embedded in assetpipe, not a copy); the manifests are
the arguments. One process validates them all and prints one JSON object:
{"files": [{"file": PATH, "errors": [{"path": [KEY or INDEX, ...], "message": TEXT}, ...]}, ...]}
Exit codes: 0 validated (whatever the verdicts), 2 the schema itself is invalid, 3 jsonschema is
missing (Debian: python3-jsonschema).
"""
import json
import sys

try:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError
except ImportError:
    sys.stderr.write("the Python module jsonschema is missing: install python3-jsonschema "
                     "(apt-get install python3-jsonschema; `make test` does it when run as root)\n")
    sys.exit(3)


def errors_in(validator, path):
    try:
        with open(path, encoding="utf-8") as file:
            manifest = json.load(file)
    except (OSError, ValueError) as error:
        return [{"path": [], "message": "cannot read the manifest as JSON: %s" % error}]
    found = [{"path": list(error.absolute_path), "message": error.message} for error in validator.iter_errors(manifest)]
    return sorted(found, key=lambda error: json.dumps(error["path"]))


def main():
    schema = json.load(sys.stdin)
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as error:
        sys.stderr.write("the manifest schema is not a valid draft 2020-12 schema: %s\n" % error)
        sys.exit(2)
    validator = Draft202012Validator(schema)
    results = [{"file": path, "errors": errors_in(validator, path)} for path in sys.argv[1:]]
    json.dump({"files": results}, sys.stdout)


main()
