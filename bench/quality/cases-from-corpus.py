#!/usr/bin/env python3
"""Writes signatures/<family>.crs.cases.yaml: for each shipped rule that no hand-written case expects to fire, the
smallest request of the OWASP CRS regression corpus that fires it, as a case `ewids rules test` runs.

Usage: bench/quality/cases-from-corpus.py EWIDS [CORPUS]
  EWIDS   the ewids binary (e.g. built with `dotnet build src/EastWestIds.Host -c Release -o DIR`: DIR/ewids)
  CORPUS  default ../shared/corpus/crs-requests.jsonl (next to the repository)

How: `ewids scan --eve-http` over the corpus; a record's alerts and http record share its flow_id, so each record's
fired sids are known, the ones folded into another alert (`ewids_related_sids`) included. Per rules file, rules are
taken in sid order and each gets the smallest request that fires it (attacks before negatives); every other
uncovered rule of the file that request fires is listed in the same case. Then `ewids rules test` runs the written
files: a case that fails there (a request the case format cannot reproduce, such as a POST body without framing) is
dropped with its record and the selection redone, until every case passes. The output is the same on every run for
the same rules, hand cases and corpus.
"""
import collections
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SIGNATURES = os.path.join(REPO, 'signatures')
GENERATED = '.crs.cases.yaml'
SID = re.compile(r'\bsid:(\d+)')
EXPECT = re.compile(r'expect:\s*\[([^\]]*)\]')


def rules_by_sid():
    sids = {}
    for path in sorted(glob.glob(os.path.join(SIGNATURES, '*.rules'))):
        family = os.path.basename(path)[:-len('.rules')]
        for line in open(path, encoding='utf-8'):
            m = SID.search(line)
            if m and not line.lstrip().startswith('#'):
                sids[int(m.group(1))] = family
    return sids


def hand_expected():
    expected = set()
    for path in glob.glob(os.path.join(SIGNATURES, '*.cases.yaml')):
        if path.endswith(GENERATED):
            continue
        for m in EXPECT.finditer(open(path, encoding='utf-8').read()):
            expected |= {int(x) for x in re.findall(r'\d+', m.group(1))}
    return expected


def fired_per_record(ewids, records, work):
    """Sids (shipped range) each record fires, by flow_id (the record's 1-based number in the scan)."""
    source = os.path.join(work, 'records.jsonl')
    with open(source, 'w', encoding='utf-8') as f:
        for r in records:
            f.write(json.dumps(r) + '\n')
    eve = os.path.join(work, 'eve.json')
    # The rules of this tree, with the cases runner's pcre timeout, so that a busy machine cannot change the selection.
    subprocess.run([ewids, 'scan', source, '--rules', SIGNATURES, '--pcre-timeout', '1s', '--eve-http',
                    '--progress-interval', '0', '-o', eve], check=False, stderr=subprocess.DEVNULL)
    fired = collections.defaultdict(set)
    for line in open(eve, encoding='utf-8'):
        e = json.loads(line)
        if e['event_type'] != 'alert':
            continue
        alert = e['alert']
        sids = {alert['signature_id']} | {int(s) for s in alert.get('metadata', {}).get('ewids_related_sids', [])}
        fired[e['flow_id'] - 1] |= {s for s in sids if 9400000 <= s <= 9499999}
    return fired


def size(r):
    return len(r['uri']) + len(r.get('body') or '') + sum(len(n) + len(v) for n, v in r['headers'])


def select(records, fired, sids, expected, excluded):
    need = collections.defaultdict(set)
    for sid, family in sids.items():
        if sid not in expected:
            need[family].add(sid)
    plan = {}
    for family, missing in sorted(need.items()):
        chosen = []
        for sid in sorted(missing):
            if sid not in missing:
                continue
            firing = [i for i, f in fired.items() if sid in f and records[i]['id'] not in excluded]
            if not firing:
                continue
            best = min(firing, key=lambda i: (not records[i]['expect_detect'], size(records[i]), records[i]['id']))
            covers = sorted(fired[best] & missing)
            chosen.append((best, covers))
            missing -= set(covers)
        plan[family] = chosen
    return plan


def quoted(s):
    """A YAML double-quoted scalar: escapes for what YAML would fold, treat as a line break or not print."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch in '"\\':
            out.append('\\' + ch)
        elif ch == '\n':
            out.append('\\n')
        elif ch == '\r':
            out.append('\\r')
        elif ch == '\t':
            out.append('\\t')
        elif o < 0x20:
            out.append('\\x%02x' % o)
        elif 0x7f <= o <= 0x9f or o in (0x2028, 0x2029, 0xfeff, 0xfffe, 0xffff) or 0xd800 <= o <= 0xdfff:
            out.append('\\u%04x' % o)
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def write(plan, records):
    for path in glob.glob(os.path.join(SIGNATURES, '*' + GENERATED)):
        os.remove(path)
    for family, chosen in plan.items():
        if not chosen:
            continue
        lines = [
            f'# Cases for {family}.rules from the OWASP CRS regression tests (../shared/corpus/crs-requests.jsonl; Apache',
            '# License 2.0, OWASP CRS project and contributors): for each rule that no case of',
            f'# {family}.cases.yaml expects, the smallest CRS request that fires it, as the corpus sends it.',
            '# Written by bench/quality/cases-from-corpus.py; do not edit (add a hand case to the other file instead).',
            'cases:',
        ]
        for i, covers in chosen:
            r = records[i]
            title = ' '.join((r.get('title') or '').split())
            title = title if len(title) <= 100 else title[:97] + '...'
            lines.append(f'  - name: {quoted("CRS " + r["id"])}' + (f'  # {title}' if title else ''))
            lines.append(f'    method: {quoted(r["method"])}')
            lines.append(f'    uri: {quoted(r["uri"])}')
            if r.get('http_version', 'HTTP/1.1') != 'HTTP/1.1':
                lines.append(f'    http_version: {quoted(r["http_version"])}')
            lines.append('    headers:')
            lines.extend(f'      - [{quoted(n)}, {quoted(v)}]' for n, v in r['headers'])
            if r.get('body'):
                lines.append(f'    body: {quoted(r["body"])}')
            lines.append(f'    expect: [{", ".join(map(str, covers))}]')
        with open(os.path.join(SIGNATURES, family + GENERATED), 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')


def failing_records(ewids):
    run = subprocess.run([ewids, 'rules', 'test', SIGNATURES], capture_output=True, text=True, check=False)
    if run.returncode == 2:
        sys.exit('cases-from-corpus: ewids rules test could not load the files:\n' + run.stderr)
    return set(re.findall(r'^FAIL .*\.crs\.cases\.yaml:\d+: CRS (\S+?):', run.stdout, re.M)), run.stdout


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    ewids = os.path.abspath(sys.argv[1])
    corpus = sys.argv[2] if len(sys.argv) == 3 else os.path.join(os.path.dirname(REPO), 'shared', 'corpus', 'crs-requests.jsonl')
    # Records the case format can carry: a request as fields, its body valid UTF-8 text.
    records = [r for r in map(json.loads, open(corpus, encoding='utf-8')) if 'raw_b64' not in r and not r.get('body_base64')]
    sids, expected = rules_by_sid(), hand_expected()
    with tempfile.TemporaryDirectory() as work:
        fired = fired_per_record(ewids, records, work)
    excluded = set()
    while True:
        plan = select(records, fired, sids, expected, excluded)
        write(plan, records)
        failing, report = failing_records(ewids)
        if not failing:
            break
        print('dropped (the case does not reproduce the corpus request):', ', '.join(sorted(failing)))
        excluded |= failing
    print(sum(len(c) for c in plan.values()), 'cases for', sum(len(s) for c in plan.values() for _, s in c), 'rules')
    print(report.strip().splitlines()[-2] if report.strip() else '')


if __name__ == '__main__':
    main()
