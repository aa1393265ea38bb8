"""What a crafted request sends instead of the values a form expects: the corpus of the malformed-request harness
(test_malformed_requests.py). Each value has a name, so a failure says which one broke what."""

import json

HUGE = "9" * 40

# Sent as the value of every field of a form (and of every query parameter a listing reads).
VALUES = {
    "NaN": "NaN",
    "Infinity": "Infinity",
    "-Infinity": "-Infinity",
    "1e400": "1e400",
    "-1": "-1",
    "40 digits": HUGE,
    "2**63": str(2**63),
    "Arabic-Indic digits": "١٢",
    "fullwidth digits": "１２",
    "superscript digit": "³",
    "NUL": "a\x00b",
    "very long text": "x" * 100_000,
    "empty": "",
    "blank": "   ",
    "impossible date": "2026-13-45 25:61",
    "markup": "<script>alert(1)</script>",
}

# Numbers in URL paths: the int converter takes any run of ASCII digits.
PATH_NUMBERS = {"40 digits": HUGE, "2**63": str(2**63), "2**31": str(2**31), "zero": "0"}
PATH_WORDS = {"long": "x" * 5000, "NUL": "%00", "unicode digits": "١٢"}


def json_bodies(fields):
    """JSON bodies (sent as application/json) for the given field names: malformed and mistyped."""
    fields = list(fields) or ["value"]
    return {
        "malformed JSON": "{",
        "JSON list": "[1, 2]",
        "JSON string": '"NaN"',
        "bare NaN": "NaN",
        "fields as lists": json.dumps({name: [1, 2] for name in fields}),
        "fields as objects": json.dumps({name: {"a": 1} for name in fields}),
        "fields as 40-digit numbers": "{" + ", ".join(f'"{name}": {HUGE}' for name in fields) + "}",
        "fields as 1e400": "{" + ", ".join(f'"{name}": 1e400' for name in fields) + "}",
        "fields as Infinity": "{" + ", ".join(f'"{name}": Infinity' for name in fields) + "}",
        "fields as null": json.dumps(dict.fromkeys(fields)),
        "fields as true": json.dumps(dict.fromkeys(fields, True)),
    }
