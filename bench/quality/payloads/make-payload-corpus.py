#!/usr/bin/env python3
"""Build payloads.jsonl: an attack corpus of east-west HTTP requests from PayloadsAllTheThings payload lists.

Input : lists/MANIFEST.json and the list files it names (copies of the upstream files, or verified excerpts of
        three very large generated lists), relative to this script's directory.
Output: the file named by the first argument (default payloads.jsonl next to this script), JSON Lines in the request format of /work/shared/corpus/README.md,
        plus the fields source, source_commit, payload, placement, param, split (and list_entry/source_excerpt
        where they apply). Prints the cleaning statistics (per list and rule) to stdout.

Deterministic: no clock, no randomness, no environment; running it twice gives byte-identical output.
Python 3 standard library only.

Cleaning rules, applied in this order to every entry (one line of a list; for MarioXSSVectors.txt one
html5sec vector = the content of one <div id="N"> block without its //["'`-->]]>]</div> trailer):
  blank          the entry is empty or whitespace only
  comment        it starts with '# ', or with '#' and contains none of ( < = %   (list comments such as
                 "# from wapiti", "#Google.com:"; the payload "#getURL,javascript:alert(1)\"," stays)
  short          under 4 characters once leading/trailing whitespace is removed
  quote-bracket  it consists only of quotes, brackets and whitespace ( ' " ` ‘ ’ “ ” ( ) [ ] { } < > ), also
                 after one layer of decoding (percent-encoding, HTML character references, \\xNN, \\uNNNN):
                 &lt; &#x3C; &#0000060; \\x3c are a lone '<'
  plain-word     a plain word or number: only letters, digits, '_' and '-' (a base64 string that decodes to a
                 path, e.g. L2V0Yy9tYXN0ZXIucGFzc3dk = /etc/master.passwd, is kept)
  bare-file      (lfi lists only) a bare file name: only the characters A-Z a-z 0-9 . _ - (optionally followed
                 by %00 and such characters), no '..', and not base64 of a path (boot.ini, config.php,
                 .htaccess, boot.ini%00, php filter names such as convert.iconv.437.CP930)
  duplicate      the same string was already kept in the same category (first occurrence wins, lists in
                 MANIFEST order)
Template lists: '{FILE}' in deep_traversal/exotic-encoding entries is replaced by 'etc/passwd' before cleaning;
the original line is kept in list_entry.
"""
import base64
import binascii
import hashlib
import html
import json
import os
import re
import sys
import urllib.parse
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
LISTS = os.path.join(HERE, 'lists')
OUT = os.path.join(HERE, 'payloads.jsonl')

XFCC = ('By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=%s;Subject="";'
        'URI=spiffe://cluster.local/ns/shop/sa/frontend'
        % hashlib.sha256(b'spiffe://cluster.local/ns/shop/sa/frontend').hexdigest())
USER_AGENT = 'okhttp/4.12.0'
ID_NS = uuid.UUID('6f1c6d2e-6a0b-4b8e-9a53-3c1b9c5e0a11')

# category -> (callee host, path, parameter name)
TARGET = {
    'sqli':     ('orders.shop.svc.cluster.local',        '/api/v1/orders/search',        'q'),
    'xss':      ('reviews.shop.svc.cluster.local',       '/api/v1/reviews',              'comment'),
    'rce':      ('diagnostics.shop.svc.cluster.local',   '/api/v1/healthcheck/ping',     'host'),
    'lfi':      ('documents.shop.svc.cluster.local',     '/api/v1/documents/download',   'file'),
    'ssti':     ('notifications.shop.svc.cluster.local', '/api/v1/notifications/preview', 'template'),
    'nosqli':   ('accounts.shop.svc.cluster.local',      '/api/v1/accounts/lookup',      'username'),
    'crlf':     ('checkout.shop.svc.cluster.local',      '/api/v1/checkout/return',      'return_to'),
    'xxe':      ('catalog.shop.svc.cluster.local',       '/api/v1/catalog/import',       'xml'),
    'ldap':     ('directory.shop.svc.cluster.local',     '/api/v1/directory/search',     'user'),
    'redirect': ('auth.shop.svc.cluster.local',          '/api/v1/auth/callback',        'redirect_uri'),
}
PLACEMENTS = ('query', 'json', 'form')   # rotated per category: 1st kept entry -> query, 2nd -> json, 3rd -> form, ...

QUOTE_BRACKET = set('\'"`\u2018\u2019\u201c\u201d()[]{}<>')
PLAIN_WORD = re.compile(r'[A-Za-z0-9_\-]+')
B64 = re.compile(r'[A-Za-z0-9+/]{8,}={0,2}')
MARIO_DIV = re.compile(r'<div id="(\d+)">(.*?)//\["\'`-->\]\]>\]</div>', re.S)
RULES = ('blank', 'comment', 'short', 'quote-bracket', 'plain-word', 'bare-file', 'duplicate')


def b64_path(s):
    """True when s is base64 of text that contains a path separator (e.g. base64 of ../etc/passwd)."""
    if not B64.fullmatch(s):
        return False
    try:
        raw = base64.b64decode(s + '=' * (-len(s) % 4), validate=True)
        text = raw.decode('utf-8')
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return False
    return '/' in text or '\\' in text


BARE_FILE = re.compile(r'[A-Za-z0-9._\-]+(%00[A-Za-z0-9._\-]*)?')


def bare_file(s):
    """A file name and nothing else: file-name characters only (optionally a %00 suffix), no '..'."""
    return bool(BARE_FILE.fullmatch(s)) and '..' not in s and not b64_path(s)


def decode_once(s):
    """One layer of percent-decoding, HTML character references and \\xNN / \\uNNNN escapes."""
    d = html.unescape(urllib.parse.unquote(s))
    d = re.sub(r'\\x([0-9A-Fa-f]{2})', lambda m: chr(int(m.group(1), 16)), d)
    return re.sub(r'\\u([0-9A-Fa-f]{4})', lambda m: chr(int(m.group(1), 16)), d)


def rule_for(entry, category):
    st = entry.strip()
    if not st:
        return 'blank'
    if st.startswith('# ') or (st.startswith('#') and not any(c in st for c in '(<=%')):
        return 'comment'
    if len(st) < 4:
        return 'short'
    dec = decode_once(st)
    if any(c in QUOTE_BRACKET for c in dec) and all(c in QUOTE_BRACKET or c.isspace() for c in dec):
        return 'quote-bracket'
    if PLAIN_WORD.fullmatch(st) and not b64_path(st):
        return 'plain-word'
    if category == 'lfi' and bare_file(st):
        return 'bare-file'
    return None


def entries_of(item, text):
    """Yield (list_entry, dropped_outside) for one list."""
    if item.get('split_mode') == 'html5sec-div':
        spans = [(m.start(), m.end()) for m in MARIO_DIV.finditer(text)]
        outside = text
        for a, b in reversed(spans):
            outside = outside[:a] + '\n' + outside[b:]
        for m in MARIO_DIV.finditer(text):
            yield m.group(2), None
        for line in outside.split('\n'):
            yield line.rstrip('\r'), 'outside-vector'
        return
    lines = text.split('\n')
    if lines and lines[-1] == '':
        lines = lines[:-1]             # the final line end does not start another entry
    for line in lines:
        yield line.rstrip('\r'), None


def build_request(category, n, payload, placement):
    host, path, param = TARGET[category]
    rid = 'pat-%s-%05d' % (category, n)
    headers = [['Host', host], ['User-Agent', USER_AGENT], ['Accept', 'application/json']]
    if placement == 'query':
        method, uri, body = 'GET', path + '?' + urllib.parse.urlencode([(param, payload)]), ''
    else:
        method, uri = 'POST', path
        if placement == 'json':
            body = json.dumps({param: payload}, ensure_ascii=False, separators=(',', ':'))
            ctype = 'application/json'
        else:
            body = urllib.parse.urlencode([(param, payload)])
            ctype = 'application/x-www-form-urlencoded'
        headers += [['Content-Type', ctype], ['Content-Length', str(len(body.encode('utf-8')))]]
    headers += [['x-forwarded-client-cert', XFCC], ['x-request-id', str(uuid.uuid5(ID_NS, rid))]]
    return rid, method, uri, headers, body, param


def main():
    # One optional argument, the output path; anything that looks like an option is a usage error, not a file name.
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1].startswith('-')):
        sys.stderr.write('usage: make-payload-corpus.py [OUT]   (OUT defaults to %s)\n' % OUT)
        sys.exit(0 if len(sys.argv) == 2 and sys.argv[1] in ('-h', '--help') else 2)
    manifest = json.load(open(os.path.join(LISTS, 'MANIFEST.json'), encoding='utf-8'))
    seen = {}          # category -> set of kept payloads
    counters = {}      # category -> number of kept entries
    stats = []
    lines_out = []
    for item in manifest:
        cat = item['category']
        with open(os.path.join(LISTS, item['list']), encoding='utf-8', newline='') as f:
            text = f.read()
        template = item.get('template') or {}
        st = {r: 0 for r in RULES}
        st.update({'entries': 0, 'kept': 0, 'outside-vector': 0})
        kept_set = seen.setdefault(cat, set())
        for entry, pre in entries_of(item, text):
            if pre:
                if entry.strip():
                    st[pre] += 1
                continue
            st['entries'] += 1
            payload = entry
            for k, v in template.items():
                payload = payload.replace(k, v)
            rule = rule_for(payload, cat)
            if rule is None and payload in kept_set:
                rule = 'duplicate'
            if rule:
                st[rule] += 1
                continue
            kept_set.add(payload)
            n = counters[cat] = counters.get(cat, 0) + 1
            placement = PLACEMENTS[(n - 1) % 3]
            rid, method, uri, headers, body, param = build_request(cat, n, payload, placement)
            split = 'dev' if hashlib.sha1(payload.encode('utf-8')).digest()[0] % 2 == 0 else 'held-out'
            rec = {'id': rid, 'category': cat, 'method': method, 'uri': uri, 'http_version': 'HTTP/1.1',
                   'headers': headers, 'body': body, 'expect_detect': True,
                   'source': item['source'], 'source_commit': item['commit'], 'payload': payload,
                   'placement': placement, 'param': param, 'split': split}
            if payload != entry:
                rec['list_entry'] = entry
            if item['range'] != 'full':
                rec['source_excerpt'] = item['list']
            lines_out.append(json.dumps(rec, ensure_ascii=False))
            st['kept'] += 1
        stats.append((item, st))
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    with open(out, 'w', encoding='utf-8', newline='\n') as f:
        for line in lines_out:
            f.write(line + '\n')
    w = sys.stdout.write
    w('category\tlist\tentries\tkept\t' + '\t'.join(RULES) + '\toutside-vector\n')
    for item, st in stats:
        w('%s\t%s\t%d\t%d\t%s\t%d\n' % (item['category'], item['list'], st['entries'], st['kept'],
                                         '\t'.join(str(st[r]) for r in RULES), st['outside-vector']))
    w('total requests: %d\n' % len(lines_out))


if __name__ == '__main__':
    main()
