#!/usr/bin/env python3
"""Write long-prose.jsonl: benign requests whose JSON body is one long comment of English prose (~60 KB each).

Why: the benign corpus's bodies are short or binary, and the prose corpus's texts are under 2,000 characters, so
neither says what a long text costs: a wiki page saved, a ticket with a pasted report, a blog post. Each of those is
one argument value of tens of KB in which common words ("for", "select", "from", "order", "process") make many rules
candidates, and each candidate's regex then reads the whole value.

Input : the English fortune files of ../../quality/prose/make-prose-corpus.py (its PROSE list and cleaning), from the
        fortune data directory (first argument, default /usr/share/games/fortunes; test.sh installs the packages).
Output: the file named by the second argument (default /tmp/long-prose.jsonl), one request per 60,000 characters of
        texts taken in order, texts joined by blank lines; at most COUNT requests (third argument, default 8).
Use   : bench/matcher-cost/make-long-prose.py && MatcherCost corpus /tmp/long-prose.jsonl 3 (bench/README.md, session 21).
"""
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('prose', os.path.join(HERE, '..', 'quality', 'prose', 'make-prose-corpus.py'))
prose = importlib.util.module_from_spec(spec)
spec.loader.exec_module(prose)

LENGTH = 60_000


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else prose.FORTUNES
    out = sys.argv[2] if len(sys.argv) > 2 else '/tmp/long-prose.jsonl'
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    english = [text for language, _, _, text in prose.texts(directory) if language == 'en']
    requests, body = [], []
    for text in english:
        body.append(text)
        if sum(len(t) + 2 for t in body) >= LENGTH:
            requests.append(request(len(requests), '\n\n'.join(body)))
            body = []
            if len(requests) == count:
                break
    with open(out, 'w', encoding='utf-8') as f:
        for r in requests:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(f'{len(requests)} requests of ~{LENGTH} characters in {out}', file=sys.stderr)


def request(n, text):
    body = json.dumps({'author': 'user-%d' % n, 'text': text}, ensure_ascii=False)
    return {
        'id': 'long-prose-%d' % n, 'category': 'benign', 'expect_detect': False, 'method': 'POST',
        'uri': '/api/v1/pages/%d/comments' % n, 'http_version': 'HTTP/1.1',
        'headers': [['host', 'comments.wiki.svc.cluster.local:8080'], ['content-type', 'application/json'],
                    ['x-forwarded-client-cert', 'By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c;'
                     'Subject="";URI=spiffe://cluster.local/ns/wiki/sa/frontend'],
                    ['content-length', str(len(body.encode('utf-8')))]],
        'body': body,
    }


if __name__ == '__main__':
    main()
