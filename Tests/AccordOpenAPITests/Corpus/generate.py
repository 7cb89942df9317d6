#!/usr/bin/env python3
"""Generates the schema corpus the differential test reads: seeded random OpenAPI 3.0 and 3.1 schemas, values for
each (most near a valid one, some mutated), and the verdict of the reference validator (openapi-schema-validator,
with its format checker) on each. `.ci/openapi-corpus` regenerates it and fails when the committed file differs.

    python3 generate.py > schema-corpus.json
"""
import json
import random
import sys

from openapi_schema_validator import OAS30Validator, OAS31Validator, oas30_format_checker, oas31_format_checker

SEED = 20261208
CASES = 1500
NAMES = ["id", "name", "tags", "price", "owner", "kind"]
PATTERNS = ["^[a-z]+$", "\\d{3}", "^A", "b$", "^[0-9a-f]{4}$"]
FORMATS = ["date", "date-time", "uuid", "email", "ipv4", "ipv6"]
SAMPLES = {
    "date": ["2024-02-29", "2023-02-29", "2026-12-08", "2026-13-01", "26-1-1"],
    "date-time": ["2026-12-08T10:00:00Z", "2026-12-08T10:00:00.5+01:00", "2026-12-08 10:00:00Z",
                  "2026-12-08T10:00:00", "2026-12-08T25:00:00Z"],
    "uuid": ["123e4567-e89b-12d3-a456-426614174000", "123e4567e89b12d3a456426614174000", "not-a-uuid"],
    "email": ["ada@example.com", "ada at example", "@example.com", "a b@c"],
    "ipv4": ["10.0.0.1", "256.0.0.1", "1.2.3", "01.2.3.4"],
    "ipv6": ["::1", "fe80::1", "1::2::3", "::ffff:1.2.3.4", "12345::"],
}


class Generator:
    def __init__(self, rng, dialect):
        self.rng = rng
        self.dialect = dialect
        self.allow_ref = False

    def chance(self, p):
        return self.rng.random() < p

    def nullable(self, schema):
        if not self.chance(0.2):
            return schema
        if self.dialect == "3.0":
            schema["nullable"] = True
        elif "type" in schema:
            schema["type"] = [schema["type"], "null"]
        return schema

    def schema(self, depth):
        kinds = ["string", "integer", "number", "boolean", "enum"]
        if depth > 0:
            kinds += ["array", "object", "object", "allOf", "oneOf", "anyOf", "not"] + (["ref"] if self.allow_ref else [])
        kind = self.rng.choice(kinds)
        r = self.rng
        if kind == "string":
            s = {"type": "string"}
            if self.chance(0.3): s["minLength"] = r.randint(0, 3)
            if self.chance(0.3): s["maxLength"] = r.randint(2, 8)
            if self.chance(0.2): s["pattern"] = r.choice(PATTERNS)
            if self.chance(0.35): s["format"] = r.choice(FORMATS)
            return self.nullable(s)
        if kind in ("integer", "number"):
            s = {"type": kind}
            if self.chance(0.4):
                s["minimum"] = r.randint(-5, 5)
                if self.chance(0.3):
                    if self.dialect == "3.0":
                        s["exclusiveMinimum"] = True
                    else:
                        s["exclusiveMinimum"] = s.pop("minimum")
            if self.chance(0.4):
                s["maximum"] = r.randint(5, 100)
                if self.chance(0.3):
                    if self.dialect == "3.0":
                        s["exclusiveMaximum"] = True
                    else:
                        s["exclusiveMaximum"] = s.pop("maximum")
            if self.chance(0.2): s["multipleOf"] = r.choice([2, 3, 5] if kind == "integer" else [0.5, 2, 2.5])
            if kind == "integer" and self.chance(0.2): s["format"] = r.choice(["int32", "int64"])
            return self.nullable(s)
        if kind == "boolean":
            return self.nullable({"type": "boolean"})
        if kind == "enum":
            choice = r.choice([["a", "b", "c"], [1, 2, 3], ["x", 1]])
            s = {"enum": choice}
            if choice != ["x", 1]:
                s["type"] = "string" if isinstance(choice[0], str) else "integer"
            return s
        if kind == "array":
            s = {"type": "array", "items": self.schema(depth - 1)}
            if self.chance(0.3): s["minItems"] = r.randint(0, 2)
            if self.chance(0.3): s["maxItems"] = r.randint(1, 4)
            if self.chance(0.2): s["uniqueItems"] = True
            return self.nullable(s)
        if kind == "object":
            names = r.sample(NAMES, r.randint(1, 3))
            s = {"type": "object", "properties": {n: self.schema(depth - 1) for n in names}}
            required = [n for n in names if self.chance(0.5)]
            if required: s["required"] = required
            extra = r.random()
            if extra < 0.25: s["additionalProperties"] = False
            elif extra < 0.4: s["additionalProperties"] = self.schema(0)
            elif extra < 0.5: s["additionalProperties"] = True
            return self.nullable(s)
        if kind in ("allOf", "oneOf", "anyOf"):
            return {kind: [self.schema(depth - 1), self.schema(depth - 1)]}
        if kind == "not":
            return {"not": self.schema(0)}
        return {"$ref": "#/components/schemas/Shared"}

    def value(self, schema, depth=0):
        """A value near a valid one for `schema`, often mutated."""
        r = self.rng
        if depth > 4 or self.chance(0.08):
            return self.random_value()
        if "$ref" in schema:
            return self.value(SHARED, depth + 1)
        for key in ("allOf", "oneOf", "anyOf"):
            if key in schema:
                return self.value(r.choice(schema[key]), depth + 1)
        if "not" in schema:
            return self.random_value()
        if "enum" in schema:
            return r.choice(schema["enum"] + ["z", 9])
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = r.choice(kind)
        if kind == "null" or (schema.get("nullable") and self.chance(0.2)):
            return None
        if kind == "string":
            fmt = schema.get("format")
            if fmt and self.chance(0.8):
                return r.choice(SAMPLES[fmt])
            return r.choice(["", "a", "abc", "ABC", "123", "A1b", "beef", "abcdefghij", "b"])
        if kind == "integer":
            return r.choice([-6, -1, 0, 1, 2, 3, 4, 5, 6, 10, 15, 99, 100, 101, 2147483648, 1.0, 2.5])
        if kind == "number":
            return r.choice([-6, -0.5, 0, 0.5, 1, 2.5, 5, 5.5, 100, 100.5, 101])
        if kind == "boolean":
            return r.choice([True, False, "true", 0])
        if kind == "array":
            count = r.randint(0, 5)
            items = [self.value(schema.get("items", {}), depth + 1) for _ in range(count)]
            if items and self.chance(0.15):
                items.append(items[0])
            return items
        if kind == "object":
            properties = schema.get("properties", {})
            value = {}
            for name, sub in properties.items():
                if self.chance(0.8):
                    value[name] = self.value(sub, depth + 1)
            if self.chance(0.25):
                value[r.choice(["extra", "note"])] = self.random_value(0)
            return value
        return self.random_value()

    def random_value(self, depth=0):
        r = self.rng
        choice = r.randint(0, 7 if depth < 2 else 5)
        if choice == 0: return None
        if choice == 1: return r.choice([True, False])
        if choice == 2: return r.randint(-3, 120)
        if choice == 3: return r.choice([0.5, -2.25, 1e3])
        if choice == 4: return r.choice(["", "a", "2026-12-08", "x@y"])
        if choice == 5: return r.choice([[], {}])
        if choice == 6: return [self.random_value(depth + 1) for _ in range(r.randint(1, 3))]
        return {r.choice(NAMES): self.random_value(depth + 1) for _ in range(r.randint(1, 3))}


SHARED = None


def main():
    global SHARED
    rng = random.Random(SEED)
    cases = []
    for number in range(CASES):
        dialect = "3.0" if number % 2 == 0 else "3.1"
        generator = Generator(rng, dialect)
        SHARED = generator.schema(1)
        generator.allow_ref = True
        schema = generator.schema(2)
        value = generator.value(schema)
        components = {"schemas": {"Shared": SHARED}}
        if dialect == "3.0":
            validator = OAS30Validator(
                dict(schema, components=components), format_checker=oas30_format_checker)
        else:
            validator = OAS31Validator(
                dict(schema, components=components), format_checker=oas31_format_checker)
        cases.append({
            "dialect": dialect, "schema": schema, "shared": SHARED, "value": value,
            "valid": validator.is_valid(value),
        })
    json.dump({"seed": SEED, "reference": "openapi-schema-validator 0.9.0 (jsonschema 4.26.0)", "cases": cases},
              sys.stdout, indent=None, separators=(",", ":"), sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
