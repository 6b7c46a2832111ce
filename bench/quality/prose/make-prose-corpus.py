#!/usr/bin/env python3
"""Build prose.jsonl: benign east-west requests that carry text people wrote, from Debian's fortune files.

Why: the benign corpus of tests/corpus was written by the same hands as the rules, and its prose is short. Comments,
reviews, support tickets and chat messages carry long human text: quotations with attributions ("..." -- Author),
ellipses, apostrophes, numbers and English words that are also SQL keywords (where, like, is, in, having, if all
else). The fortune files of Debian's `fortunes` and `fortunes-min` packages are ~12,000 such texts in English, and
those of `fortunes-de`, -ru, -es, -it, -cs, -pl and -br ~60,000 more in seven other languages, written by thousands of
people over decades, none of them for this tool (the packages are installed by the test command, not copied into this
repository).

Input : the fortune data directory (first argument, default /usr/share/games/fortunes), the plain files listed in
        PROSE (English) and LANGUAGES below. Left out: ascii-art and art (pictures, not text) and the files of shell,
        Perl, Linux and IRC lore (computers, debian, linux, linuxcookie, perl, knghtbrd and the like in each
        language), which quote commands on purpose.
Output: the file named by the second argument (default prose.jsonl next to this script), JSON Lines in the request
        format of ../shared/corpus/README.md, plus text, language, source, placement and split.

Cleaning: each fortune (the text between two lines holding only '%') is stripped; nroff overstrike is rendered as
`col -b` does (a character, a backspace and a character print as the last), since a reader sees no backspace;
empty texts, texts over 2,000 characters and texts still holding a C0 control character other than tab, line feed and
carriage return are dropped; duplicates are dropped (first occurrence wins, files in PROSE then LANGUAGES order).

Placement: texts go, in turn, into a JSON body ({"author": ..., "text": ...}, a comments service), a form body
(a support-ticket service) and, when one line under 300 characters, a query parameter (a search service); the others
take the JSON body instead. The sha1 of the text splits the corpus into dev (rules may be tuned on it) and held-out
(nobody reads its alerts; it says how the tuning generalized).

Deterministic: running it twice on the same files gives byte-identical output. Python 3 standard library only.
"""
import hashlib
import json
import os
import re
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'prose.jsonl')
FORTUNES = '/usr/share/games/fortunes'

PROSE = [
    'cookie', 'definitions', 'disclaimer', 'drugs', 'education', 'ethnic', 'food', 'fortunes', 'goedel', 'humorists',
    'kids', 'law', 'literature', 'love', 'magic', 'medicine', 'men-women', 'miscellaneous', 'news', 'paradoxum',
    'people', 'pets', 'platitudes', 'politics', 'pratchett', 'riddles', 'science', 'songs-poems', 'sports',
    'startrek', 'tao', 'translate-me', 'wisdom', 'work', 'zippy',
]

# Other languages, from fortunes-de, -es, -it, -br, -pl, -ru and -cs (paths under the fortune directory). Left out as
# above: ASCII art and computer lore (Debian, Linux, IRC and programming files, and the Polish packages' many
# distribution and user-group files).
LANGUAGES = {
    'de': ['de/' + f for f in (
        'anekdoten bahnhof beilagen brot dessert doppelsinnig elefanten fussball gedichte hauptgericht holenlassen huhn '
        'kalt kinderzitate kuchen letzteworte lieberals loewe mathematiker murphy namen plaetzchen quiz regeln salat '
        'sauce sicherheitshinweise sprichworte sprichwortev sprueche stilblueten suppe tips unfug vornamen vorspeise '
        'warmduscher witze woerterbuch wusstensie zitate').split()],
    'es': ['es/%s.fortunes' % f for f in (
        'amistad arte asimov ciencia deprimente familia famosos filosofia humanos lao-tse leydemurphy libertad '
        'nietzsche pintadas poder proverbios refranes sabiduria schopenhauer sentimientos varios verdad vida').split()],
    'it': ('adams definizioni formiche italia itatrek jackfr leggi luke luttazzi norm paolotedeschi zuse').split(),
    'pt': ['brasil'],
    'pl': ['pl/' + f for f in (
        'bajki dowcipy dowcipy-feministyczne dowcipy-lepper dowcipy-naukowcy dowcipy-niskopoziomowe '
        'dowcipy-szowinistyczne dzieci haiku imiona koscielne matrymonialne matura milosc newyear '
        'pamietnik_policjanta pratchett puchatek rzewski sapkowski seneka slownik sport stirlitz teleturnieje '
        'wierszyki znaki_zodiaku').split()],
    'ru': ['ru/' + f for f in (
        'adv adv_v amur armenian art book citates conscience disa do_you_know drink education ego_and_alt eshe '
        'fidelity flirt foolish freewill friendship future genious haiku happy human_being if ill innocence just4fun '
        'knowledge life life_k love love_s lovers man_and_woman murphy other polit relations religion russia_today '
        'success sympathy time treason truth truth_and_lie war wealth work').split()],
    'cs': ['cs/' + f for f in (
        'chesterton cimrman citace citat filmy guth hornicek ignac jerome josef klasik-cz klasik-sk lodge mikulas '
        'mladik murphy parafraze parkinson plihal pratchett prislovi rdvcitaty skala stoa1 stopar valka vodnansky '
        'wikiquote wodehouse wright zemeplocha').split()],
}

# The Debian packages that hold the files above (test.sh installs them).
PACKAGES = ['fortunes', 'fortunes-min', 'fortunes-de', 'fortunes-es', 'fortunes-it', 'fortunes-br', 'fortunes-pl',
            'fortunes-ru', 'fortunes-cs']

MAX_TEXT = 2000
MAX_QUERY_TEXT = 300

XFCC = ('By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=%s;Subject="";'
        'URI=spiffe://cluster.local/ns/shop/sa/frontend'
        % hashlib.sha256(b'spiffe://cluster.local/ns/shop/sa/frontend').hexdigest())
USER_AGENT = 'okhttp/4.12.0'

OVERSTRIKE = re.compile(r'[^\x08]\x08')
CONTROL = re.compile(r'[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]')


def texts(directory):
    """(language, file, index, text) of every kept fortune: PROSE (English) first, then LANGUAGES in order."""
    seen = set()
    files = [('en', name) for name in PROSE] + [(lang, name) for lang, names in LANGUAGES.items() for name in names]
    for language, name in files:
        with open(os.path.join(directory, name), encoding='utf-8', errors='replace') as f:
            fortunes = re.split(r'^%\n', f.read(), flags=re.M)
        for index, fortune in enumerate(fortunes):
            text = OVERSTRIKE.sub('', fortune).strip()
            if not text or len(text) > MAX_TEXT or CONTROL.search(text) or text in seen:
                continue
            seen.add(text)
            yield language, name, index, text


def build_request(n, text):
    placement = ('json', 'form', 'query')[n % 3]
    if placement == 'query' and (len(text) >= MAX_QUERY_TEXT or '\n' in text):
        placement = 'json'  # a search box takes one line
    author = 'user-%d' % n
    headers = []
    body = None
    if placement == 'json':
        host, uri = 'comments.shop.svc.cluster.local', '/api/v1/comments'
        body = json.dumps({'author': author, 'text': text})
        content_type = 'application/json'
    elif placement == 'form':
        host, uri = 'tickets.support.svc.cluster.local', '/api/v1/tickets'
        body = urllib.parse.urlencode({'author': author, 'text': text})
        content_type = 'application/x-www-form-urlencoded'
    else:
        host = 'search.shop.svc.cluster.local'
        uri = '/api/v1/search?' + urllib.parse.urlencode({'q': text, 'page': '1'})
    headers.append(['host', host + ':8080'])
    headers.append(['user-agent', USER_AGENT])
    headers.append(['accept', 'application/json'])
    if body is not None:
        headers.append(['content-type', content_type])
        headers.append(['content-length', str(len(body.encode('utf-8')))])
    headers.append(['x-forwarded-client-cert', XFCC])
    request = {'method': 'POST' if body is not None else 'GET', 'uri': uri, 'http_version': 'HTTP/1.1', 'headers': headers}
    if body is not None:
        request['body'] = body
    return placement, request


def main():
    if len(sys.argv) > 3 or any(a.startswith('-') for a in sys.argv[1:]):
        sys.stderr.write('usage: make-prose-corpus.py [FORTUNES-DIR [OUT]]   (defaults: %s, %s)\n' % (FORTUNES, OUT))
        sys.exit(0 if len(sys.argv) == 2 and sys.argv[1] in ('-h', '--help') else 2)
    directory = sys.argv[1] if len(sys.argv) > 1 else FORTUNES
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    wanted = PROSE + [name for names in LANGUAGES.values() for name in names]
    missing = [name for name in wanted if not os.path.isfile(os.path.join(directory, name))]
    if missing:
        sys.stderr.write('make-prose-corpus.py: %s lacks %s (apt-get install %s)\n'
                         % (directory, ', '.join(missing), ' '.join(PACKAGES)))
        sys.exit(1)
    splits = {'dev': 0, 'held-out': 0}
    with open(out, 'w', encoding='utf-8') as f:
        for n, (language, name, index, text) in enumerate(texts(directory)):
            split = 'dev' if hashlib.sha1(text.encode('utf-8')).digest()[0] % 2 == 0 else 'held-out'
            splits[split] += 1
            placement, request = build_request(n, text)
            record = {'id': 'prose-%s-%d' % (name, index), 'category': 'benign', 'expect_detect': False}
            record.update(request)
            record.update({'text': text, 'language': language, 'source': name, 'placement': placement, 'split': split})
            f.write(json.dumps(record, ensure_ascii=False) + '\n')
    print('%d texts: dev %d, held-out %d' % (sum(splits.values()), splits['dev'], splits['held-out']))


if __name__ == '__main__':
    main()
