#!/usr/bin/env python3
"""Writes src/EastWestIds.Signatures/Prefilter/benign-sample.txt from benign-requests.jsonl.

The signature compiler estimates how common a prefilter literal is in benign traffic from the byte pairs of this
sample (LiteralCommonness), so that a rule is preselected by the rarest literal it requires, not the longest.
Deterministic: every 20th request of the benign corpus as HTTP/1.1 text (request line, headers, body cut at 2 KiB).
Run from the repository root: python3 tests/corpus/make-literal-sample.py
"""
import json

OUT = 'src/EastWestIds.Signatures/Prefilter/benign-sample.txt'
parts = []
with open('tests/corpus/benign-requests.jsonl', encoding='utf-8') as corpus:
    for n, line in enumerate(corpus):
        if n % 20:
            continue
        r = json.loads(line)
        text = f"{r['method']} {r['uri']} {r.get('http_version', 'HTTP/1.1')}\r\n"
        text += ''.join(f'{name}: {value}\r\n' for name, value in r.get('headers', []))
        body = r.get('body') or ''
        parts.append(text + '\r\n' + body[:2048] + '\n')
with open(OUT, 'w', encoding='utf-8', newline='') as out:
    out.write(''.join(parts))
