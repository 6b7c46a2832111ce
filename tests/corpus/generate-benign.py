#!/usr/bin/env python3
"""Generates tests/corpus/benign-requests.jsonl: realistic east-west API traffic that no rule should flag.

Deterministic (fixed seed, no clock, no network): running it again gives a byte-identical file. The file is
committed; tests and bench/quality read the file, so CI needs no Python. Each line has the shape of
../shared/corpus/README.md (method, uri, http_version, headers, body) plus id and category "benign".

The traffic imitates what sidecars mirror between services of a shop, a CMS, a ticketing system and platform
services: REST JSON, search, GraphQL, gRPC-web, uploads, health checks, webhooks, with the text users really type
(names with apostrophes, prose that uses SQL words, rich-text HTML, Markdown, code snippets in support tickets,
emoji, non-Latin scripts) and the tokens services pass around (JWTs, base64 images, UUIDs, signatures).
"""
import base64
import gzip
import hashlib
import json
import random
import re
import urllib.parse

RNG = random.Random(20261128)
OUT = 'benign-requests.jsonl'
N_TARGET = 2400

NAMESPACES = ['shop', 'cms', 'support', 'payments', 'platform', 'identity']
SERVICES = {
    'shop': ['catalog', 'cart', 'orders', 'inventory', 'pricing', 'recommendations', 'search', 'reviews'],
    'cms': ['articles', 'media', 'editor', 'comments', 'render'],
    'support': ['tickets', 'kb', 'chat', 'notifications'],
    'payments': ['ledger', 'billing', 'invoices', 'fraud-score'],
    'platform': ['config', 'feature-flags', 'audit', 'scheduler', 'metrics-gateway'],
    'identity': ['users', 'sessions', 'profiles', 'tokens'],
}
CALLERS = ['frontend', 'bff', 'checkout', 'worker', 'cron', 'admin-ui', 'mobile-gateway', 'graphql-gateway']
FIRST = ["Liam", "Olivia", "Noah", "Emma", "Seán", "Zoë", "José", "Ana-María", "Chloé", "Björn", "Nguyễn", "Mei", "Aarav", "Fatima",
         "D'Andre", "Ja'Marr", "O'Neil", "Renée", "Łukasz", "Søren", "Yuki", "Amélie", "Kofi", "Ngozi", "Dmitri", "Анна", "李", "محمد"]
LAST = ["O'Brien", "O'Connor", "D'Angelo", "McDonald", "van der Berg", "de la Cruz", "Smith-Jones", "Müller", "García", "Núñez",
        "L'Estrange", "Dell'Acqua", "N'Diaye", "St. John", "Ó Súilleabháin", "Kowalski", "Østergaard", "Johnson", "Nakamura",
        "Abdullah", "Иванова", "王", "Al-Hassan", "D'Souza", "Fitzgerald", "Le Blanc"]
STREETS = ["221B Baker St.", "1600 Amphitheatre Pkwy", "Rue de l'Église 4", "Via dell'Orso 12", "Calle de O'Donnell 7",
           "Flat 3, 12 King's Road", "Apt #5, 300 Main St", "Hauptstraße 5 (Hinterhaus)", "PO Box 1234"]
PRODUCTS = ["Men's running shoes", "Women's rain jacket (XL)", "Kids' 3-in-1 scooter", "Chef's knife 8\"", "Rock 'n' roll vinyl",
            "USB-C cable, 2 m", "Select-a-size bike helmet", "Drop-leaf table", "Union Jack tote bag", "Table tennis set",
            "Update kit for 3D printer", "Delete key replacement cap", "Order-by-mail catalog", "Where's Wally? book",
            "Insert tray for drawer", "Grant's sauce 250ml", "Exec chair with lumbar support", "Script font poster",
            "Cat tree (large)", "Sleep mask & earplugs", "Union Square map print", "Alert whistle (3-pack)", "Echo dot stand"]
PROSE = [
    "Please select the items you want and drop the rest from your cart.",
    "We will delete old records from the archive where possible, and update the rest by Friday.",
    "Can you union the two lists and order by date? Thanks!",
    "I'd like to update my shipping address from the old one to the new one.",
    "The table was dropped during delivery; one leg is broken.",
    "Select one or more options, then click 'Save & continue'.",
    "Where are you from? I'm from New York, and my wife's from Ireland.",
    "1 or 2 bedrooms, budget between 1000 and 1500 per month.",
    "The exec team will join the call at 3pm; insert your notes into the shared doc.",
    "It's 50% off if you order 2 or more -- great deal!",
    "Hi, I can't log in since yesterday's update. Error says \"session expired\". Any idea?",
    "My son's account shows the wrong birthday; it should be 2012-04-07, not 2012-07-04.",
    "Love it!!! 5 stars ⭐⭐⭐⭐⭐ would buy again 😊",
    "Cancel order #A-10023 please, I ordered the wrong size (M instead of L).",
    "Grant access to the shared drive for the new intern, and revoke Tom's old key.",
    "Set the alarm for 7; sleep is important.",
    "Is this compatible with the 2019 model? The manual says \"see table 3\".",
    "We're hiring: select candidates will be invited for a second round.",
    "The script for the school play is due on Monday & rehearsals start Tuesday.",
    "Ce produit est génial, je l'ai acheté pour l'anniversaire de ma sœur.",
    "Das Paket kam beschädigt an; bitte um Ersatz oder Rückerstattung.",
    "这个产品质量很好，物流也很快。",
    "Большое спасибо за быструю доставку!",
    "Does the price include VAT? The invoice shows €119.00 (incl. 19%).",
    "Note: the 'from' and 'to' dates are inclusive.",
    "Rock & roll isn't dead; it's just in the bargain bin :-)",
    "Temperature dropped to -5°C; delivery might be delayed by 1-2 days.",
    "Use the promo code SPRING-2026 at checkout (valid until 30/04).",
    "Reply to: support@example.com; cc: billing@example.com",
    "Version 2.3.1 fixed the crash, but the export to CSV still fails for >10,000 rows.",
]
TAGS = ["sale", "new", "men's", "kids", "outdoor", "c#", "c++", "node.js", "50% off", "back-to-school", "eco", "o'neill"]
SEARCH = ["running shoes", "o'neill wetsuit", "rock & roll", "select comfort mattress", "table lamp", "drop earrings",
          "union jack", "c++ primer", "c# in depth", "where the crawdads sing", "1 or 2 person tent", "ps5 -digital",
          "\"exact phrase\" search", "size:42 color:blue", "price<100", "shoes -red", "t-shirt (organic)", "100% cotton",
          "what's new", "dad's day gift", "kids' bikes 20\"", "über cool", "café au lait cups", "日本 茶", "naïve art", "1/2 inch drill bit",
          "order status", "update firmware", "insert molding", "delete account", "alert bracelet", "script writing book",
          "sleep tracker", "exec summary template", "cat food", "echo show", "time capsule", "set of 6 glasses",
          "from russia with love dvd", "having fun toys", "between the lines novel"]
RICH_HTML = [
    '<p>Hello <strong>team</strong>,</p><p>Here is the <a href="https://docs.example.com/guide">updated guide</a>.</p>',
    '<h2>Release notes</h2><ul><li>Faster search</li><li>Fixed the <em>cart</em> bug</li></ul>',
    '<p><img src="https://cdn.example.com/img/banner.png" alt="Spring sale" width="600" height="200"></p><p>Up to 50% off!</p>',
    '<blockquote><p>"Best purchase this year" &mdash; a happy customer</p></blockquote>',
    '<table><thead><tr><th>Size</th><th>EU</th></tr></thead><tbody><tr><td>M</td><td>40</td></tr></tbody></table>',
    '<p style="text-align: center;"><span style="color: #e03e2d;">Important:</span> store closed on Monday.</p>',
    '<ol><li><p>Select a size</p></li><li><p>Add to cart</p></li><li><p>Checkout &amp; pay</p></li></ol>',
    '<p>Contact us at <a href="mailto:help@example.com">help@example.com</a> or call <a href="tel:+15551234567">+1 555 123 4567</a>.</p>',
    '<figure class="image"><img src="/media/2026/11/photo.jpg" alt="Our team at the offsite"><figcaption>Team offsite</figcaption></figure>',
    '<p>Code: <code>npm install --save my-lib</code></p><pre><code class="language-js">const x = [1, 2, 3].map(n =&gt; n * 2);</code></pre>',
    '<div class="callout"><p><strong>Note</strong>: prices exclude shipping.</p></div><hr><p>Thanks, the editors</p>',
    '<p>Watch the video: <a href="https://video.example.com/watch?v=abc123&amp;t=30s" target="_blank" rel="noopener">here</a></p>',
]
MARKDOWN = [
    "# Weekly update\n\n- Shipped **search v2**\n- Fixed *checkout* timeout\n\nSee [the doc](https://wiki.example.com/search-v2).",
    "## Steps to reproduce\n\n1. Open the cart\n2. Change quantity to 0\n3. Click *Update*\n\nExpected: item removed. Actual: error 500.",
    "Thanks @maria! LGTM :+1:\n\n> Can we drop the old endpoint after the migration?\n\nYes, once all clients are on v2.",
    "```python\nfor item in cart.items:\n    print(item.name, item.price)\n```\nThis prints every item in the cart.",
    "The config lives in `config/app.yaml`; set `timeout: 30s` and restart the pod.",
    "| plan | price |\n|---|---|\n| basic | $5 |\n| pro | $15 |\n\n_Prices per month._",
    "Use `kubectl get pods -n shop` to see the pods, then check the logs of the failing one.",
    "- [x] write tests\n- [ ] update changelog\n- [ ] tag release 1.4.0",
    "Order of operations: first *select* the warehouse, then *insert* the pallets, finally *update* the stock count.",
    "Quick question: why does `GET /api/v2/orders?page=2` return the same items as page 1?",
]
UA = ["Go-http-client/1.1", "okhttp/4.12.0", "python-requests/2.32.3", "axios/1.7.7", "Java-http-client/21.0.4",
      "grpc-java-netty/1.64.0", "Envoy/1.31.2", "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0", "kube-probe/1.31", "Prometheus/2.54.1",
      "ShopApp/5.2.0 (Android 14; Pixel 8)", "curl/8.10.1"]


def hexid(n):
    return ''.join(RNG.choice('0123456789abcdef') for _ in range(n))


def uuid():
    h = hexid(32)
    return f'{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}'


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode()


def jwt(sub):
    header = b64url(json.dumps({"alg": "RS256", "kid": hexid(16), "typ": "JWT"}).encode())
    payload = b64url(json.dumps({"iss": "https://auth.example.com/", "sub": sub, "aud": ["shop-api"], "iat": 1764300000 + RNG.randrange(100000),
                                 "exp": 1764400000 + RNG.randrange(100000), "scope": "orders:read cart:write", "name": person()}).encode())
    signature = b64url(bytes(RNG.randrange(256) for _ in range(256)))
    return f'{header}.{payload}.{signature}'


def person():
    return f'{RNG.choice(FIRST)} {RNG.choice(LAST)}'


def email(name):
    local = ''.join(c for c in name.lower().replace(' ', '.').replace("'", '') if c.isascii() and (c.isalnum() or c in '.-')) or 'user'
    return f'{local}{RNG.randrange(100)}@{RNG.choice(["example.com", "mail.example.org", "corp.example.net"])}'


def png_b64(size):
    # A real PNG signature and IHDR, then deterministic pseudo-random IDAT-like bytes.
    data = b'\x89PNG\r\n\x1a\n' + b'\x00\x00\x00\rIHDR' + bytes(RNG.randrange(256) for _ in range(size))
    return base64.b64encode(data).decode()


def mesh_headers(ns, svc, caller, port=8080):
    host = RNG.choice([f'{svc}:{port}', f'{svc}.{ns}:{port}', f'{svc}.{ns}.svc.cluster.local:{port}', f'{svc}-shadow:{port}',
                       f'{svc}.{ns}.svc.cluster.local-shadow:{port}', svc])
    trace = hexid(32)
    h = [['host', host],
         ['user-agent', RNG.choice(UA)],
         ['x-request-id', uuid()],
         ['x-forwarded-proto', 'http'],
         ['x-envoy-attempt-count', '1'],
         ['x-forwarded-for', f'10.{RNG.randrange(256)}.{RNG.randrange(256)}.{RNG.randrange(1, 255)}'],
         ['x-forwarded-client-cert', f'By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash={hexid(64)};Subject="";URI=spiffe://cluster.local/ns/{ns}/sa/{caller}'],
         ['x-b3-traceid', trace], ['x-b3-spanid', hexid(16)], ['x-b3-sampled', RNG.choice(['0', '1'])]]
    if RNG.random() < 0.3:
        h.append(['traceparent', f'00-{trace}-{hexid(16)}-01'])
    if RNG.random() < 0.5:
        h.append(['accept', RNG.choice(['application/json', '*/*', 'application/json, text/plain, */*'])])
    if RNG.random() < 0.3:
        h.append(['accept-encoding', 'gzip, deflate, br'])
    if RNG.random() < 0.2:
        h.append(['accept-language', RNG.choice(['en-US,en;q=0.9', 'de-DE,de;q=0.9,en;q=0.8', 'fr-FR,fr;q=0.9', 'ja-JP,ja;q=0.9'])])
    return h


def q(params):
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def req(method, ns, svc, path, headers=None, body=None, ctype=None, auth=True, cookie=False):
    caller = RNG.choice(CALLERS)
    h = mesh_headers(ns, svc, caller)
    if auth and RNG.random() < 0.7:
        h.append(['authorization', f'Bearer {jwt(uuid())}'])
    if cookie and RNG.random() < 0.6:
        h.append(['cookie', f'session_id={hexid(32)}; locale={RNG.choice(["en-US", "de-DE", "fr-FR"])}; theme=dark; _ga=GA1.2.{RNG.randrange(10**9)}.{RNG.randrange(10**9)}'])
    for extra in headers or []:
        h.append(extra)
    if body is not None:
        if ctype:
            h.append(['content-type', ctype])
        h.append(['content-length', str(len(body.encode()))])
    return {'method': method, 'uri': path, 'http_version': 'HTTP/1.1', 'headers': h, 'body': body or ''}


def j(obj):
    return json.dumps(obj, ensure_ascii=RNG.random() < 0.5)


# --- request makers -------------------------------------------------------------------------------------------------

def health():
    ns = RNG.choice(NAMESPACES); svc = RNG.choice(SERVICES[ns])
    path = RNG.choice(['/healthz', '/readyz', '/livez', '/health', '/health/ready', '/ready', '/metrics', '/-/healthy', '/ping', '/status'])
    r = req('GET', ns, svc, path, auth=False)
    return r


def catalog_get():
    ns = 'shop'; svc = RNG.choice(['catalog', 'inventory', 'pricing', 'reviews'])
    pid = RNG.randrange(1, 99999)
    path = RNG.choice([f'/api/v1/products/{pid}', f'/api/v1/products/{pid}/reviews?page={RNG.randrange(1, 9)}&per_page=20&sort=-created_at',
                       f'/api/v1/products?category={urllib.parse.quote(RNG.choice(TAGS))}&min_price=10&max_price=200&in_stock=true',
                       f'/api/v2/skus/SKU-{pid:06d}/availability?warehouse=eu-west-{RNG.randrange(1, 4)}',
                       f'/api/v1/products?ids={",".join(str(RNG.randrange(1, 9999)) for _ in range(RNG.randrange(2, 8)))}',
                       f'/api/v1/categories/{urllib.parse.quote(RNG.choice(TAGS))}/products?fields=id,name,price&limit=50&offset={RNG.randrange(0, 500, 50)}'])
    return req('GET', ns, svc, path)


def search():
    term = RNG.choice(SEARCH + PRODUCTS)
    params = {'q': term, 'page': str(RNG.randrange(1, 5))}
    if RNG.random() < 0.4:
        params['sort'] = RNG.choice(['relevance', 'price_asc', 'price_desc', 'newest', '-rating'])
    if RNG.random() < 0.3:
        params['filter'] = RNG.choice(['brand:acme', 'color:red|blue', 'size:M,L', 'rating>=4', 'price:[10 TO 50]'])
    return req('GET', 'shop', 'search', '/search?' + q(params), cookie=True)


def create_order():
    name = person()
    body = {'customer': {'id': uuid(), 'name': name, 'email': email(name), 'phone': f'+1-555-{RNG.randrange(100, 999)}-{RNG.randrange(1000, 9999)}'},
            'shipping_address': {'line1': RNG.choice(STREETS), 'city': RNG.choice(["Dublin", "Saint-Étienne", "L'Aquila", "New York", "München", "São Paulo", "O'Fallon"]),
                                 'postal_code': str(RNG.randrange(10000, 99999)), 'country': RNG.choice(['IE', 'FR', 'IT', 'US', 'DE', 'BR'])},
            'items': [{'sku': f'SKU-{RNG.randrange(999999):06d}', 'name': RNG.choice(PRODUCTS), 'qty': RNG.randrange(1, 4), 'unit_price': round(RNG.uniform(2, 300), 2)}
                      for _ in range(RNG.randrange(1, 5))],
            'notes': RNG.choice(PROSE + [''] * 3), 'gift': RNG.random() < 0.2, 'coupon': RNG.choice([None, 'WELCOME10', 'SPRING-2026'])}
    return req('POST', 'shop', 'orders', '/api/v1/orders', body=j(body), ctype='application/json')


def update_profile():
    name = person()
    body = {'display_name': name, 'bio': RNG.choice(PROSE), 'website': RNG.choice(['https://example.com/~' + name.split()[0].lower(), '', 'https://blog.example.org/about']),
            'preferences': {'newsletter': RNG.random() < 0.5, 'language': RNG.choice(['en', 'de', 'fr', 'ja']), 'timezone': RNG.choice(['Europe/Dublin', 'America/New_York', 'Asia/Tokyo'])}}
    method = RNG.choice(['PUT', 'PATCH'])
    return req(method, 'identity', 'profiles', f'/api/v1/users/{uuid()}/profile', body=j(body), ctype=RNG.choice(['application/json', 'application/json; charset=utf-8', 'application/merge-patch+json']))


def form_login():
    name = person()
    fields = {'username': email(name), 'password': ''.join(RNG.choice('abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!@#$%^&*()-_=+[]{};:,.<>?') for _ in range(RNG.randrange(10, 20))),
              'remember_me': RNG.choice(['on', 'off']), 'redirect': RNG.choice(['/account', '/orders?tab=open', '/'])}
    return req('POST', 'identity', 'sessions', '/login', body=urllib.parse.urlencode(fields), ctype='application/x-www-form-urlencoded', auth=False, cookie=True)


def contact_form():
    name = person()
    fields = {'name': name, 'email': email(name), 'subject': RNG.choice(["Where's my order?", "Refund for order #A-10023", "Question about sizes", "Can't log in", "Feedback"]),
              'message': RNG.choice(PROSE) + ' ' + RNG.choice(PROSE)}
    return req('POST', 'support', 'tickets', '/contact', body=urllib.parse.urlencode(fields), ctype='application/x-www-form-urlencoded', cookie=True)


def ticket_comment():
    body = {'ticket_id': f'SUP-{RNG.randrange(1000, 99999)}', 'author': person(), 'format': 'markdown', 'body': RNG.choice(MARKDOWN),
            'internal': RNG.random() < 0.3, 'attachments': []}
    return req('POST', 'support', 'tickets', f'/api/v1/tickets/{body["ticket_id"]}/comments', body=j(body), ctype='application/json')


def cms_article():
    body = {'title': RNG.choice(["Spring sale: up to 50% off", "How we select our suppliers", "Drop-in workshop: repair café", "What's new in v2",
                                 "Union Square pop-up store", "Meet the team: Seán O'Brien"]),
            'slug': f'post-{RNG.randrange(10000)}', 'html': RNG.choice(RICH_HTML) + RNG.choice(RICH_HTML), 'tags': RNG.sample(TAGS, 3),
            'author_id': uuid(), 'status': RNG.choice(['draft', 'published']), 'publish_at': f'2026-12-{RNG.randrange(1, 28):02d}T09:00:00Z'}
    return req(RNG.choice(['POST', 'PUT']), 'cms', RNG.choice(['articles', 'editor']), f'/api/v1/articles/{RNG.randrange(1, 5000)}', body=j(body), ctype='application/json')


def cms_render():
    params = {'path': RNG.choice(['/blog/spring-sale', '/about-us', '/help/returns', '/blog/meet-the-team', '/legal/terms']),
              'locale': RNG.choice(['en', 'de', 'fr']), 'preview': RNG.choice(['true', 'false'])}
    return req('GET', 'cms', 'render', '/render?' + q(params))


def graphql():
    queries = [
        ('query GetProduct($id: ID!) {\n  product(id: $id) {\n    id\n    name\n    price { amount currency }\n    reviews(first: 5) { edges { node { rating text author { name } } } }\n  }\n}', {'id': str(RNG.randrange(1, 9999))}),
        ('query Me { me { id email orders(last: 3) { id status total } } }', {}),
        ('mutation AddToCart($sku: String!, $qty: Int!) { addToCart(sku: $sku, quantity: $qty) { cart { id itemCount } errors { field message } } }', {'sku': f'SKU-{RNG.randrange(999999):06d}', 'qty': RNG.randrange(1, 5)}),
        ('query Search($q: String!, $after: String) { search(query: $q, first: 20, after: $after) { pageInfo { hasNextPage endCursor } nodes { ... on Product { id name } } } }', {'q': RNG.choice(SEARCH), 'after': None}),
        ('mutation UpdateAddress($input: AddressInput!) { updateAddress(input: $input) { address { id line1 city } } }', {'input': {'line1': RNG.choice(STREETS), 'city': "L'Aquila"}}),
        ('query { user(id: "42") { name friends(first: 10) { count edges { node { name } } } } }', {}),
    ]
    query, variables = RNG.choice(queries)
    body = {'operationName': None, 'query': query, 'variables': variables}
    return req('POST', 'shop', RNG.choice(['catalog', 'cart', 'orders']), '/graphql', body=j(body), ctype='application/json')


def grpc_web():
    svc = RNG.choice(['cart', 'pricing', 'inventory', 'fraud-score'])
    method = RNG.choice(['shop.cart.v1.CartService/AddItem', 'shop.pricing.v1.PriceService/Quote', 'shop.inventory.v1.Stock/Reserve',
                         'payments.fraud.v1.Scorer/Score', 'grpc.health.v1.Health/Check'])
    payload = bytes([0]) + len(b'x' * 20).to_bytes(4, 'big') + bytes(RNG.randrange(32, 127) for _ in range(20))
    body = base64.b64encode(payload).decode()
    return req('POST', 'shop' if svc != 'fraud-score' else 'payments', svc, '/' + method, body=body, ctype='application/grpc-web-text',
               headers=[['x-grpc-web', '1'], ['x-user-agent', 'grpc-web-javascript/0.1']])


def avatar_upload():
    boundary = '----WebKitFormBoundary' + ''.join(RNG.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') for _ in range(16))
    fname, ctype, content = RNG.choice([
        ('avatar.png', 'image/png', None), ('report-Q3.pdf', 'application/pdf', '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF'),
        ('notes.txt', 'text/plain', RNG.choice(PROSE)), ('orders.csv', 'text/csv', 'id,name,qty\n1,"O\'Brien, Seán",2\n2,"Smith; John",1\n'),
        ("Seán's CV.docx", 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'PK\x03\x04 word/document.xml'),
        ('photo 2026-11-28.jpg', 'image/jpeg', None), ('data.json', 'application/json', '{"items": [1, 2, 3], "note": "it\'s fine"}')])
    if content is None:
        content = base64.b64encode(bytes(RNG.randrange(256) for _ in range(120))).decode()
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n{RNG.choice(PROSE)}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{fname}"\r\nContent-Type: {ctype}\r\n\r\n{content}\r\n'
            f'--{boundary}--\r\n')
    return req('POST', RNG.choice(['cms', 'support']), RNG.choice(['media', 'tickets']), '/api/v1/uploads', body=body, ctype=f'multipart/form-data; boundary={boundary}')


def image_json():
    body = {'filename': RNG.choice(['avatar.png', 'thumb.png', 'logo.png']), 'content_type': 'image/png',
            'data': f'data:image/png;base64,{png_b64(RNG.randrange(200, 900))}', 'alt': RNG.choice(["Profile picture", "Seán's dog", "Logo (dark)"])}
    return req('POST', 'cms', 'media', '/api/v1/images', body=j(body), ctype='application/json')


def webhook():
    event = RNG.choice(['order.created', 'payment.succeeded', 'invoice.paid', 'ticket.updated', 'user.deleted'])
    body = {'id': f'evt_{hexid(24)}', 'type': event, 'created': 1764300000 + RNG.randrange(100000),
            'data': {'object': {'id': f'obj_{hexid(14)}', 'amount': RNG.randrange(100, 100000), 'currency': RNG.choice(['eur', 'usd']),
                                'description': RNG.choice(PRODUCTS), 'metadata': {'order_id': f'A-{RNG.randrange(10000, 99999)}', 'customer_note': RNG.choice(PROSE)}}},
            'callback_url': RNG.choice(['https://hooks.example.com/payments', 'https://api.partner.example.net/v1/events', 'https://shop.example.com/webhooks/stripe'])}
    sig = hashlib.sha256(json.dumps(body).encode()).hexdigest()
    return req('POST', 'payments', RNG.choice(['billing', 'ledger', 'invoices']), '/webhooks/events', body=j(body), ctype='application/json',
               headers=[['x-signature', f't={1764300000 + RNG.randrange(1000)},v1={sig}']], auth=False)


def config_get():
    key = RNG.choice(['checkout.max_items', 'search.synonyms', 'feature.new_cart', 'pricing.rounding', 'ui.banner_text'])
    path = RNG.choice([f'/api/v1/config/{key}', f'/api/v1/flags?keys={key},feature.dark_mode&env=prod', f'/v1/kv/{key.replace(".", "/")}?recurse=true'])
    return req('GET', 'platform', RNG.choice(['config', 'feature-flags']), path)


def audit_event():
    body = {'actor': f'spiffe://cluster.local/ns/{RNG.choice(NAMESPACES)}/sa/{RNG.choice(CALLERS)}', 'action': RNG.choice(['update', 'delete', 'create', 'grant', 'select']),
            'resource': RNG.choice(['orders/A-10023', 'users/42/roles', 'tables/customers', 'reports/2026-Q3']), 'reason': RNG.choice(PROSE),
            'diff': {'before': {'status': 'open'}, 'after': {'status': 'closed'}}, 'ts': f'2026-11-28T{RNG.randrange(24):02d}:{RNG.randrange(60):02d}:00Z'}
    return req('POST', 'platform', 'audit', '/api/v1/events', body=j(body), ctype='application/json')


def scheduler_job():
    body = {'name': RNG.choice(['nightly-report', 'cleanup-old-carts', 'sync-inventory', 'send-digest']), 'schedule': RNG.choice(['0 3 * * *', '*/15 * * * *', '@hourly']),
            'timezone': 'UTC', 'payload': {'batch_size': 500, 'dry_run': False}, 'description': RNG.choice(PROSE)}
    return req('PUT', 'platform', 'scheduler', f'/api/v1/jobs/{body["name"]}', body=j(body), ctype='application/json')


def metrics_push():
    lines = []
    for _ in range(RNG.randrange(3, 8)):
        metric = RNG.choice(['http_requests_total', 'cart_items', 'queue_depth', 'job_duration_seconds'])
        lines.append(f'{metric}{{service="{RNG.choice(SERVICES["shop"])}",code="{RNG.choice(["200", "404", "500"])}"}} {RNG.randrange(10000)}')
    return req('POST', 'platform', 'metrics-gateway', f'/metrics/job/{RNG.choice(["batch", "cron"])}', body='\n'.join(lines) + '\n', ctype='text/plain; version=0.0.4', auth=False)


def cart_ops():
    cart = uuid()
    op = RNG.random()
    if op < 0.4:
        return req('POST', 'shop', 'cart', f'/api/v1/carts/{cart}/items', body=j({'sku': f'SKU-{RNG.randrange(999999):06d}', 'quantity': RNG.randrange(1, 5)}), ctype='application/json', cookie=True)
    if op < 0.7:
        return req('DELETE', 'shop', 'cart', f'/api/v1/carts/{cart}/items/{RNG.randrange(1, 20)}', cookie=True)
    return req('GET', 'shop', 'cart', f'/api/v1/carts/{cart}?include=items,totals', cookie=True)


def review_post():
    body = {'product_id': RNG.randrange(1, 99999), 'rating': RNG.randrange(1, 6), 'title': RNG.choice(["Great!", "Not what I expected", "Meh...", "It's OK", "10/10 would buy again"]),
            'text': RNG.choice(PROSE) + ' ' + RNG.choice(PROSE), 'author': person(), 'verified_purchase': RNG.random() < 0.8}
    return req('POST', 'shop', 'reviews', '/api/v1/reviews', body=j(body), ctype='application/json')


def user_lookup():
    name = person()
    params = RNG.choice([{'email': email(name)}, {'name': name}, {'last_name': name.split(' ', 1)[-1]}, {'q': name, 'limit': '10'}])
    return req('GET', 'identity', 'users', '/api/v1/users?' + q(params))


def notifications():
    name = person()
    body = {'to': email(name), 'template': RNG.choice(['order_shipped', 'password_reset', 'welcome']),
            'variables': {'first_name': name.split()[0], 'order_id': f'A-{RNG.randrange(10000, 99999)}', 'tracking_url': f'https://track.example.com/{hexid(10)}'},
            'subject': RNG.choice(["Your order {{order_id}} has shipped", "Welcome, {{first_name}}!", "Reset your password"]), 'locale': RNG.choice(['en', 'de'])}
    return req('POST', 'support', 'notifications', '/api/v1/send', body=j(body), ctype='application/json')


def invoice_xml():
    name = person()
    esc = name.replace('&', '&amp;').replace("'", '&apos;')
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<invoice xmlns="urn:example:invoice:v1" id="INV-{RNG.randrange(10000, 99999)}">'
            f'<customer><name>{esc}</name><email>{email(name)}</email></customer>'
            f'<lines><line sku="SKU-{RNG.randrange(999999):06d}" qty="{RNG.randrange(1, 5)}">{RNG.choice(PRODUCTS).replace("&", "&amp;").replace(chr(34), "&quot;")}</line></lines>'
            f'<total currency="EUR">{RNG.uniform(5, 500):.2f}</total><note>{RNG.choice(PROSE).replace("&", "&amp;").replace("<", "&lt;")}</note></invoice>')
    return req('POST', 'payments', 'invoices', '/api/v1/invoices', body=body, ctype='application/xml')


def static_asset():
    path = RNG.choice(['/static/js/app.3f9c2b.js', '/static/css/main.css', '/favicon.ico', '/images/logo.svg', '/fonts/inter.woff2',
                       '/assets/index-B7x9.js', '/manifest.json', '/robots.txt', '/sitemap.xml', '/.well-known/openid-configuration',
                       '/.well-known/jwks.json'])
    return req('GET', 'cms', 'render', path, auth=False)


def oauth_token():
    fields = {'grant_type': 'client_credentials', 'client_id': f'svc-{RNG.choice(CALLERS)}', 'client_secret': b64url(bytes(RNG.randrange(256) for _ in range(24))),
              'scope': RNG.choice(['orders:read', 'orders:read orders:write', 'openid profile email'])}
    return req('POST', 'identity', 'tokens', '/oauth2/token', body=urllib.parse.urlencode(fields), ctype='application/x-www-form-urlencoded', auth=False)


def ledger_entry():
    body = {'entries': [{'account': RNG.choice(['1200-receivables', '4000-revenue', '2100-vat']), 'debit': RNG.randrange(0, 50000) / 100,
                         'credit': 0, 'memo': RNG.choice(["Order A-10023 (O'Brien)", 'Refund; damaged item', 'VAT 19% on #A-55', 'Write-off < 1 EUR'])}
                        for _ in range(RNG.randrange(2, 5))], 'idempotency_key': uuid()}
    return req('POST', 'payments', 'ledger', '/api/v1/journal', body=j(body), ctype='application/json')


MAKERS = [(health, 10), (catalog_get, 14), (search, 12), (create_order, 8), (update_profile, 5), (form_login, 4), (contact_form, 4),
          (ticket_comment, 5), (cms_article, 5), (cms_render, 3), (graphql, 6), (grpc_web, 4), (avatar_upload, 3), (image_json, 2),
          (webhook, 4), (config_get, 4), (audit_event, 3), (scheduler_job, 2), (metrics_push, 2), (cart_ops, 8), (review_post, 5),
          (user_lookup, 4), (notifications, 3), (invoice_xml, 2), (static_asset, 4), (oauth_token, 2), (ledger_entry, 2)]


def main():
    makers = [m for m, w in MAKERS for _ in range(w)]
    with open(OUT, 'w', encoding='utf-8', newline='\n') as out:
        for i in range(N_TARGET):
            maker = RNG.choice(makers)
            r = maker()
            line = {'id': f'benign-{i + 1:05d}', 'category': 'benign', 'expect_detect': False, 'kind': maker.__name__}
            line.update(r)
            out.write(json.dumps(line, ensure_ascii=False) + '\n')
        # Hand-written edge cases after the random ones (so the lines above stay byte-identical): traffic close to
        # what protocol and injection rules look for that services really send.
        for i, (kind, make) in enumerate(EDGE_CASES):
            line = {'id': f'benign-{N_TARGET + i + 1:05d}', 'category': 'benign', 'expect_detect': False, 'kind': kind}
            line.update(make())
            out.write(json.dumps(line, ensure_ascii=False) + '\n')
        # Binary uploads last (session 12), again so that every line above stays byte-identical: bodies of images,
        # archives, protobuf and multipart files as bytes (base64 in the file), the commonest non-JSON bodies between
        # services. Compressed data is as good as random, and random bytes match short code-like patterns by chance.
        first = N_TARGET + len(EDGE_CASES)
        for i in range(BINARY_UPLOADS):
            kind, make = BINARY_MAKERS[i % len(BINARY_MAKERS)]
            line = {'id': f'benign-{first + i + 1:05d}', 'category': 'benign', 'expect_detect': False, 'kind': kind}
            line.update(make())
            out.write(json.dumps(line, ensure_ascii=False) + '\n')
        # Error reports with Java stack traces last (session 12): every frame names java.lang.Thread, java.lang.reflect
        # or java.io classes and calls like invoke(), which code-injection rules look for in code.
        first += BINARY_UPLOADS
        write_group(out, first, ERROR_REPORTS, 'java_error_report', java_error_report)
        # Header and cookie shapes last, with their own RNG so every line above stays byte-identical: the
        # cookie jars, client hints, Referers, tracing, auth and infrastructure headers of real browsers, SDKs and tools.
        first += ERROR_REPORTS
        shape_makers = [m for m, w in HEADER_SHAPE_MAKERS for _ in range(w)]
        for i in range(HEADER_SHAPES):
            maker = HRNG.choice(shape_makers)
            line = {'id': f'benign-{first + i + 1:05d}', 'category': 'benign', 'expect_detect': False, 'kind': maker.__name__[3:]}
            line.update(maker())
            out.write(json.dumps(line, ensure_ascii=False) + '\n')
        # Spring RestTemplate before 5.2 last (session 17): every JVM charset in Accept-Charset, a restricted header.
        first += HEADER_SHAPES
        write_group(out, first, SPRING_CALLS, 'spring_rest_template', hs_spring_rest_template)
        # Elasticsearch and OpenSearch last (session 18): in-cluster search engines, called with GET and a JSON body,
        # painless scripts (if (a == b) { … }), mustache search templates ({{#toJson}}…{{/toJson}}), NDJSON bulk and
        # multi-search bodies, grok patterns. Their SQL endpoints are left out: SQL there is by design, and an analyst
        # suppresses those edges.
        first += SPRING_CALLS
        write_group(out, first, SEARCH_ENGINE_CALLS, 'search_engine_call', hs_search_engine_call)
        # The observability stack last (session 18): Grafana and rule evaluators querying Prometheus (PromQL) and Loki
        # (LogQL, with {{.field}} templates), Grafana's JSON data-source queries (PromQL inside JSON strings), and
        # OpenTelemetry OTLP/HTTP JSON (spans with db.statement SQL and stack traces, log records).
        first += SEARCH_ENGINE_CALLS
        write_group(out, first, OBSERVABILITY_CALLS, 'observability_call', hs_observability_call)
        # Identity providers last (session 18): oauth2-proxy and services calling Keycloak or Dex (authorization,
        # token, logout, userinfo), and webhook registrations: parameters whose value is a URL with a query of its own,
        # so its escapes are escaped again (%2520, %253D), which a correct client does.
        first += OBSERVABILITY_CALLS
        write_group(out, first, IDENTITY_PROVIDER_CALLS, 'identity_provider_call', hs_identity_provider_call)
        # Binary documents and GraphQL last (session 27): services sending MessagePack and CBOR in place of JSON (names
        # with apostrophes, prose with SQL words, URLs, JWTs, hashes as binary strings, chunked CBOR strings) and GraphQL
        # documents as application/graphql, whose strings became arguments that session.
        first += IDENTITY_PROVIDER_CALLS
        write_group(out, first, DOCUMENT_CALLS, 'binary_document_call', hs_binary_document_call)
        # YAML last (session 27, when YAML scalars became arguments): configuration services and operators' APIs taking
        # feature flags, Prometheus alerting rules (PromQL, {{ $labels }} templates), Deployment manifests and Helm values.
        first += DOCUMENT_CALLS
        write_group(out, first, YAML_CALLS, 'yaml_call', hs_yaml_call)


def write_group(out, first, count, kind, make):
    """Writes count requests of one kind, numbered after the first lines already written."""
    for i in range(count):
        line = {'id': f'benign-{first + i + 1:05d}', 'category': 'benign', 'expect_detect': False, 'kind': kind}
        line.update(make())
        out.write(json.dumps(line, ensure_ascii=False) + '\n')


ERROR_REPORTS = 20
SPRING_CALLS = 8
SEARCH_ENGINE_CALLS = 40
OBSERVABILITY_CALLS = 40
IDENTITY_PROVIDER_CALLS = 40
DOCUMENT_CALLS = 40
YAML_CALLS = 20

JAVA_FRAMES = [
    'com.shop.orders.OrderService.create(OrderService.java:{n})', 'com.shop.feeds.FeedImporter.run(FeedImporter.kt:{n})',
    'java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:{n})',
    'java.base/java.lang.reflect.Method.invoke(Method.java:{n})', 'java.base/java.io.BufferedReader.fill(BufferedReader.java:{n})',
    'java.base/java.io.FileInputStream.open0(Native Method)', 'java.base/java.io.InputStreamReader.read(InputStreamReader.java:{n})',
    'org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:{n})',
    'org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:{n})',
    'java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:{n})',
    'java.base/java.lang.Thread.run(Thread.java:{n})', 'java.lang.ClassLoader.loadClass(ClassLoader.java:{n})',
]


def java_error_report():
    error = RNG.choice(['java.lang.IllegalStateException: order {n} has no lines', 'java.io.UncheckedIOException: read timed out',
                        'org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint orders_pkey',
                        'java.util.concurrent.TimeoutException: inventory did not answer in 2000 ms']).format(n=RNG.randrange(1, 9999))
    frames = RNG.sample(JAVA_FRAMES, RNG.randrange(3, 8)) + ['java.base/java.lang.Thread.run(Thread.java:{n})']
    trace = error + ''.join('\n\tat ' + f.format(n=RNG.randrange(20, 3000)) for f in frames)
    if RNG.random() < 0.5:
        body = j({'event_id': hexid(32), 'level': 'error', 'platform': 'java', 'logger': 'com.shop.orders',
                  'exception': {'values': [{'type': error.split(':')[0], 'value': error, 'stacktrace': trace}]}})
        return req('POST', 'observability', 'errors', '/api/1/store/', body=body, ctype='application/json')
    return req('POST', 'observability', 'logs', '/ingest', body=f'2026-11-30T01:02:03Z ERROR [orders] request failed\n{trace}\n',
               ctype='text/plain; charset=utf-8')


def req_bytes(method, ns, svc, path, data, ctype):
    """A request whose body is bytes: base64 in the corpus line (body_base64), Content-Length of the bytes."""
    r = req(method, ns, svc, path)
    r['headers'] += [['content-type', ctype], ['content-length', str(len(data))]]
    r['body'] = base64.b64encode(data).decode()
    r['body_base64'] = True
    return r


def noise(size):
    return bytes(RNG.randrange(256) for _ in range(size))


def png_upload():
    data = b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00' + noise(RNG.randrange(8192, 16384))
    return req_bytes('PUT', 'cms', 'media', f'/api/v1/media/{uuid()}.png', data, 'image/png')


def octet_stream_upload():
    return req_bytes('POST', 'support', 'attachments', f'/api/v1/blobs/{hexid(16)}', noise(RNG.randrange(8192, 16384)), 'application/octet-stream')


def gzip_export():
    rows = '\n'.join(f'{i},{RNG.choice(PROSE)[:40]},{RNG.randrange(1, 99)}' for i in range(600))
    data = gzip.compress(('id,text,qty\n' + rows).encode(), mtime=0)
    return req_bytes('PUT', 'shop', 'exports', f'/api/v1/exports/orders-{RNG.randrange(1000, 9999)}.csv.gz', data, 'application/gzip')


def protobuf_post():
    # field 1 (string), field 2 (varint), field 3 (bytes): a protobuf message around an opaque payload
    blob = noise(RNG.randrange(8192, 16384))
    data = b'\x0a\x24' + uuid().encode() + b'\x10' + bytes([RNG.randrange(1, 127)]) + b'\x1a' + bytes([0x80 | (len(blob) & 0x7F), len(blob) >> 7]) + blob
    return req_bytes('POST', 'payments', 'fraud-score', '/score.v1.Scorer/Score', data, 'application/x-protobuf')


def multipart_jpeg():
    boundary = '----WebKitFormBoundary' + ''.join(RNG.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') for _ in range(16))
    jpeg = b'\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00' + noise(RNG.randrange(8192, 16384)) + b'\xff\xd9'
    data = (f'--{boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n{RNG.choice(PROSE)}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="IMG_{RNG.randrange(1000, 9999)}.jpg"\r\n'
            f'Content-Type: image/jpeg\r\n\r\n').encode() + jpeg + f'\r\n--{boundary}--\r\n'.encode()
    return req_bytes('POST', 'cms', 'media', '/api/v1/uploads', data, f'multipart/form-data; boundary={boundary}')


BINARY_UPLOADS = 40

BINARY_MAKERS = [('png_upload', png_upload), ('octet_stream_upload', octet_stream_upload), ('gzip_export', gzip_export),
                 ('protobuf_post', protobuf_post), ('multipart_jpeg', multipart_jpeg)]


EDGE_CASES = [
    ('websocket_upgrade', lambda: req('GET', 'support', 'chat', '/ws/tickets/8812', headers=[
        ['connection', 'keep-alive, Upgrade'], ['upgrade', 'websocket'], ['sec-websocket-version', '13'],
        ['sec-websocket-key', 'dGhlIHNhbXBsZSBub25jZQ==']])),
    ('invoice_schema_location', lambda: req('POST', 'payments', 'invoicing', '/api/v2/invoices', body=(
        '<?xml version="1.0" encoding="UTF-8"?><inv:Invoice xmlns:inv="http://schemas.shop.example/invoice/v2" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://schemas.shop.example/invoice/v2 '
        'http://schemas.shop.example/invoice/v2/invoice.xsd"><inv:Id>A-1002</inv:Id><inv:Total currency="EUR">19.90</inv:Total>'
        '</inv:Invoice>'), ctype='application/xml')),
    ('preload_link', lambda: req('GET', 'cms', 'render', '/articles/spring-sale', headers=[
        ['link', '<https://cdn.shop.example/app.js>; rel=preload; as=script, <https://cdn.shop.example/app.css>; rel=preload; as=style']])),
    ('pdf_ranges', lambda: req('GET', 'cms', 'assets', '/files/manual-v3.pdf', headers=[
        ['range', 'bytes=0-1023, 4096-8191, 16384-20479, 65536-69631, 131072-135167']])),
    ('webhook_callback_port', lambda: req('POST', 'payments', 'psp-adapter', '/api/v1/subscriptions', body=json.dumps(
        {'callback_url': 'http://orders.shop.svc.cluster.local:8080/hooks/paid', 'events': ['paid', 'refunded'], 'retry': 3}),
        ctype='application/json')),
    ('audit_reason_header', lambda: req('DELETE', 'cms', 'archive', '/api/v1/archive/batches/77', headers=[
        ['x-audit-reason', 'bulk delete from the archive requested by ana (ticket 4411)']])),
    ('ticket_mentions_request_line', lambda: req('POST', 'support', 'tickets', '/api/v1/tickets/9912/comments', body=(
        'Since the upgrade the mobile client sends GET /api/v1/items HTTP/1.1 twice and the second one gets a 502.'),
        ctype='text/plain; charset=utf-8')),
    ('json_unicode_escapes', lambda: req('POST', 'identity', 'profiles', '/api/v1/profiles/me', body=(
        '{"display_name": "Ren\\u00e9e O\\u2019Hara", "bio": "caf\\u00e9 owner \\u2615", "city": "K\\u00f6ln"}'),
        ctype='application/json')),
    ('django_filter_query', lambda: req('GET', 'shop', 'orders', '/api/v1/orders?created_at__gte=2024-01-01&status__in=paid,shipped'
        '&customer__country=DE&ordering=-created_at')),
    ('payment_method_param', lambda: req('GET', 'payments', 'psp-adapter', '/api/v1/methods?method=card&currency=EUR&amount=1990')),
    ('pg_cast_in_search', lambda: req('GET', 'shop', 'search', '/search?q=O%27Reilly+%22SQL+Cookbook%22+%28second+edition%29&page=1')),
    ('windows_path_upload_note', lambda: req('POST', 'support', 'tickets', '/api/v1/tickets', body=json.dumps(
        {'subject': 'Installer fails', 'body': 'The log at C:\\Windows\\System32\\LogFiles\\setup.log says access denied; '
         'if the error == 5 we retry, else we echo the code to support.'}), ctype='application/json')),
]


# --- Header and cookie shapes -----------------------------------------------------------------------------------------
# The requests above share one cookie shape and a handful of User-Agents. This group, written after every other line
# (so those stay byte-identical) with its own random.Random, sends the headers and cookies real browsers, frameworks,
# SDKs, meshes, CDNs and platform tools put on east-west requests: consent and analytics cookie jars, framework session
# cookies, RFC 2965 cookies, client hints, Referers with real queries, W3C baggage and tracestate, cloud trace headers,
# authorization schemes, SDK and tool User-Agents. The values are shaped after what those products send.

HRNG = random.Random(20261130)
HEADER_SHAPES = 360
B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'
HTS = 1764300000  # seconds around the end of November 2025


def h_pick(seq):
    return HRNG.choice(seq)


def h_chars(alphabet, n):
    return ''.join(HRNG.choice(alphabet) for _ in range(n))


def h_hex(n):
    return h_chars('0123456789abcdef', n)


def h_uuid():
    h = h_hex(32)
    return f'{h[:8]}-{h[8:12]}-4{h[13:16]}-{HRNG.choice("89ab")}{h[17:20]}-{h[20:32]}'


def h_ts():
    return HTS + HRNG.randrange(-86400 * 30, 86400)


def h_ms():
    return h_ts() * 1000 + HRNG.randrange(1000)


def h_b64(data, url=False):
    return (base64.urlsafe_b64encode(data).rstrip(b'=') if url else base64.b64encode(data)).decode()


def h_bytes(n):
    return bytes(HRNG.randrange(256) for _ in range(n))


def h_jwt(claims=None, alg='RS256', sig_bytes=256):
    header = h_b64(json.dumps({'alg': alg, 'kid': h_hex(16), 'typ': 'JWT'}, separators=(',', ':')).encode(), url=True)
    iat = h_ts()
    body = {'iss': 'https://auth.example.com/', 'sub': h_uuid(), 'aud': 'shop-api', 'iat': iat, 'exp': iat + 3600}
    body.update(claims or {})
    payload = h_b64(json.dumps(body, separators=(',', ':')).encode(), url=True)
    return f'{header}.{payload}.{h_b64(h_bytes(sig_bytes), url=True)}'


def h_pct(s, safe=''):
    return urllib.parse.quote(s, safe=safe)


def h_json(obj):
    return json.dumps(obj, ensure_ascii=HRNG.random() < 0.5)


def h_gzip(data):
    # gzip as browsers' and Java's libraries write it: no name, mtime 0, OS 0 (H4sIAAAAAAAAA…)
    import struct
    import zlib
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    return b'\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x00' + co.compress(data) + co.flush() + struct.pack('<II', zlib.crc32(data) & 0xffffffff, len(data))


def h_http_date(ts):
    import time
    return time.strftime('%a, %d %b %Y %H:%M:%S GMT', time.gmtime(ts))


# User-Agents as the products send them.
UA_BROWSERS = [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{cv}.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{cv}.0.0.0 Safari/537.36',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{cv}.0.0.0 Safari/537.36',
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{cv}.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{cv}.0.0.0 Mobile Safari/537.36',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{cv}.0.0.0 Safari/537.36 Edg/{cv}.0.2478.80',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{cv}.0.0.0 Safari/537.36 OPR/110.0.0.0',
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:128.0) Gecko/20100101 Firefox/128.0',
    'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
    'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1.1 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/490.0.0.39.107;FBBV/668316543;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/18.1;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/670131839]',
    'Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.107 Mobile Safari/537.36 Instagram 356.0.0.41.101 Android (33/13; 450dpi; 1080x2177; samsung; SM-A536B; a53x; s5e8825; en_GB; 653489136)',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.102 Mobile Safari/537.36',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/{cv}.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; .NET CLR 2.0.50727; .NET CLR 3.0.30729; .NET CLR 3.5.30729; rv:11.0) like Gecko',
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36',
    'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{cv}.0.0.0 Safari/537.36 Microsoft Outlook 16.0.18129',
]
UA_CLIENTS = [
    'Go-http-client/1.1', 'Go-http-client/2.0', 'okhttp/4.12.0', 'okhttp/3.14.9', 'Apache-HttpClient/4.5.14 (Java/17.0.13)',
    'Apache-HttpClient/5.3.1 (Java/21.0.5)', 'Java-http-client/21.0.5', 'Java/1.8.0_432', 'ReactorNetty/1.1.24',
    'Vert.x-WebClient/4.5.11', 'Jersey/2.41 (HttpUrlConnection 17.0.13)', 'Apache-CXF/3.5.9', 'python-requests/2.32.3',
    'Python/3.12 aiohttp/3.11.7', 'python-httpx/0.27.2', 'Python-urllib/3.11', 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
    'node', 'undici', 'axios/1.7.8', 'got (https://github.com/sindresorhus/got)', 'curl/8.11.0', 'curl/7.88.1', 'Wget/1.21.4',
    'GuzzleHttp/7', 'Symfony HttpClient (Curl)', 'Faraday v2.12.1', 'rest-client/2.1.0 (linux-gnu x86_64) ruby/3.3.6p108',
    'Ruby', 'Dart/3.5 (dart:io)', 'grpc-go/1.68.0', 'grpc-java-netty/1.68.1', 'grpc-dotnet/2.67.0 (.NET 8.0.11; CLR 8.0.11; net8.0; linux; x64)',
    'grpc-node-js/1.12.2', 'grpc-python/1.68.0 grpc-c/44.0.0 (linux; chttp2)', 'PostmanRuntime/7.43.0', 'insomnia/10.2.0',
    'ShopApp/5.4.1 (iPhone; iOS 18.1.1; Scale/3.00)', 'ShopApp/5.4.1 (com.example.shop; build:5410; Android 14) okhttp/4.12.0',
    'Stripe/1.0 (+https://stripe.com/docs/webhooks)', 'GitHub-Hookshot/8d3bfa4', 'Slackbot 1.0 (+https://api.slack.com/robots)',
    'Shopify-Captain-Hook', 'Svix-Webhooks/1.42.0 (sender-XkF3p; +https://www.svix.com/http-sender/)',
    'Microsoft.Azure.WebJobs/3.0.41', 'elastic-apm-node/4.8.1 checkout 2.3.0', 'Datadog Agent/7.59.0',
    'OpenTelemetry Collector Contrib/0.114.0 (linux/amd64)', 'vector/0.43.0', 'Fluent-Bit', 'Vault/1.18.2',
    'Consul Health Check', 'ELB-HealthChecker/2.0', 'GoogleHC/1.0', 'Envoy/HC', 'kube-probe/1.31', 'Blackbox Exporter/0.25.0',
    'Alertmanager/0.27.0', 'Prometheus/2.55.1', 'Grafana/11.3.1', 'Thanos/0.36.1', 'Loki/3.3.0',
]
UA_TOOLS = [
    'kubectl/v1.31.3 (linux/amd64) kubernetes/c83cbee', 'kubectl/v1.30.6 (darwin/arm64) kubernetes/00f20d4',
    'Helm/3.16.3', 'argocd-application-controller/v0.0.0 (linux/amd64) kubernetes/$Format',
    'argocd-server/v2.13.1+af54ef8 (linux/amd64) kubernetes/$Format', 'argocd-client/v2.13.1+af54ef8 darwin/arm64',
    'flux/v2.4.0', 'source-controller/v1.4.1 (linux/amd64) kubernetes/$Format', 'kustomize-controller/v1.4.0',
    'Terraform/1.10.0 (+https://www.terraform.io) terraform-provider-kubernetes/2.34.0',
    'APN/1.0 HashiCorp/1.0 Terraform/1.10.0 (+https://www.terraform.io) terraform-provider-aws/5.78.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.5 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/s3#1.69.0 m/E,P',
    'aws-sdk-go-v2/1.32.5 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/sts#1.33.1 m/E',
    'aws-sdk-java/2.29.20 Linux/6.1.115-126.197.amzn2023.x86_64 OpenJDK_64-Bit_Server_VM/21.0.5+11-LTS Java/21.0.5 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy cfg/auth-source#imds',
    'Boto3/1.35.68 md/Botocore#1.35.68 ua/2.0 os/linux#6.1.115-126.197.amzn2023.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.68',
    'aws-sdk-js/3.699.0 ua/2.1 os/linux#6.1.115 lang/js md/nodejs#20.18.1 api/s3#3.699.0 m/E,J',
    'aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.1.115 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#amzn.2023 md/prompt#off md/command#s3.cp',
    'google-cloud-sdk gcloud/502.0.0 command/gcloud.storage.cp invocation-id/5e3b9c1f0a2d4e6f8a0b1c2d3e4f5a6b environment/GCE environment-version/None client-os/LINUX client-os-ver/6.1.100 client-pltf-arch/x86_64 interactive/False from-script/True python/3.12.7 term/ (Linux 6.1.100+)',
    'gcloud-golang-storage/1.47.0', 'google-api-go-client/0.5', 'gcloud-python/2.18.2 gl-python/3.12.7 grpc/1.68.0 gax/2.23.0 gccl/2.18.2',
    'azsdk-go-azblob/v1.5.0 (go1.23.3; linux)', 'azsdk-python-storage-blob/12.24.0 Python/3.12.7 (Linux-5.15.0-1074-azure-x86_64-with-glibc2.35)',
    'azsdk-net-Storage.Blobs/12.23.0 (.NET 8.0.11; Ubuntu 22.04.5 LTS)', 'AZURECLI/2.67.0 (DEB) azsdk-python-core/1.32.0 Python/3.12.7 (Linux-5.15.0-1074-azure-x86_64-with-glibc2.35)',
    'azsdk-net-Storage.Blobs/12.19.1 (.NET 8.0.5; Linux 5.15.0-1064-azure #73-Ubuntu SMP Tue Apr 30 14:24:24 UTC 2024)',
    'MinIO (linux; amd64) minio-go/v7.0.81', 'rclone/v1.68.2', 'restic/0.17.3', 'Velero/v1.15.0 (linux/amd64) 6b0ba0c',
    'cert-manager-controller/v1.16.2 (linux/amd64) cert-manager/2b6cb0b4b2f5b3c8d3e0a1f5c6d7e8f9a0b1c2d3',
    'external-dns/v0.15.0', 'istio-pilot/1.24.1', 'kiali/v2.2.0', 'Tekton/v0.65.2', 'Spinnaker-Orca', 'Jenkins/2.479.2',
    'GitLab-Runner 17.6.0 (17-6-stable; go1.22.7; linux/amd64)', 'Renovate/39.42.4 (https://github.com/renovatebot/renovate)',
]

# sec-ch-ua as Chrome sends it: its GREASE brand changes with the major version.
SEC_CH_UA = [
    ('"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"', 124),
    ('"Google Chrome";v="123", "Not:A-Brand";v="8", "Chromium";v="123"', 123),
    ('"Not A(Brand";v="99", "Google Chrome";v="121", "Chromium";v="121"', 121),
    ('"Not_A Brand";v="8", "Chromium";v="120", "Google Chrome";v="120"', 120),
    ('"Chromium";v="118", "Google Chrome";v="118", "Not=A?Brand";v="99"', 118),
    ('"Not.A/Brand";v="8", "Chromium";v="114", "Google Chrome";v="114"', 114),
    ('" Not A;Brand";v="99", "Chromium";v="96", "Google Chrome";v="96"', 96),
    ('"Not/A)Brand";v="8", "Chromium";v="126", "Google Chrome";v="126"', 126),
    ('"Not)A;Brand";v="99", "Google Chrome";v="127", "Chromium";v="127"', 127),
    ('"Google Chrome";v="129", "Not=A?Brand";v="8", "Chromium";v="129"', 129),
    ('"Chromium";v="130", "Google Chrome";v="130", "Not?A_Brand";v="99"', 130),
    ('"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"', 131),
    ('"Microsoft Edge";v="131", "Chromium";v="131", "Not_A Brand";v="24"', 131),
    ('"Opera";v="114", "Chromium";v="128", "Not;A=Brand";v="24"', 128),
    ('"Brave";v="131", "Chromium";v="131", "Not_A Brand";v="24"', 131),
    ('"Not(A:Brand";v="99", "Google Chrome";v="133", "Chromium";v="133"', 133),
]
ACCEPT_DOCUMENT = [
    'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
    'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
    'text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,image/apng,*/*;q=0.8',
]
ACCEPT_XHR = ['application/json, text/plain, */*', '*/*', 'application/json', 'application/json, text/javascript, */*; q=0.01',
              'application/vnd.api+json', 'application/hal+json', 'application/problem+json, application/json',
              'application/json;odata.metadata=minimal;odata.streaming=true, */*;q=0.8', 'text/event-stream',
              'application/graphql-response+json, application/json;q=0.9', 'application/vnd.github+json']
ACCEPT_LANGUAGE = [
    'en-US,en;q=0.9', 'en-GB,en-US;q=0.9,en;q=0.8', 'de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7', 'de', 'en-US', 'en',
    'fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5', 'fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7', 'es-419,es;q=0.9',
    'pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7', 'zh-CN,zh;q=0.9,en;q=0.8', 'zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7',
    'zh-Hans-CN;q=1, en-CN;q=0.9', 'ja,en-US;q=0.7,en;q=0.3', 'ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7',
    'nb-NO,nb;q=0.9,no;q=0.8,nn;q=0.7,en-US;q=0.6,en;q=0.5', 'sr-Latn-RS,sr;q=0.9,en;q=0.8', 'tr-TR,tr;q=0.9,en-US;q=0.8,en;q=0.7',
    'ar-SA,ar;q=0.9,en-US;q=0.8,en;q=0.7', 'he-IL,he;q=0.9,en-US;q=0.8,en;q=0.7', 'uk-UA,uk;q=0.9,ru;q=0.8,en-US;q=0.7,en;q=0.6',
    'hi-IN,hi;q=0.9,en-IN;q=0.8,en;q=0.7', 'nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7', 'pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7', '*',
    'en-US,en;q=0.5', 'it-IT,it;q=0.8,en-US;q=0.5,en;q=0.3', 'de-AT', 'en-us',
]
ACCEPT_ENCODING = ['gzip, deflate, br, zstd', 'gzip, deflate, br', 'gzip, deflate', 'gzip', 'identity', 'br, gzip, deflate',
                   'gzip;q=1.0, deflate;q=0.6, identity;q=0.3', 'gzip, compress, deflate, br', 'deflate, gzip;q=1.0, *;q=0.5']
SITES = ['shop.example.com', 'www.shop.example.com', 'app.example.com', 'admin.example.com', 'm.shop.example.com',
         'shop.example.de', 'beta.app.example.com']


def h_site():
    return h_pick(SITES)


def h_referer(site):
    """Referers with the queries real pages carry."""
    pid = HRNG.randrange(1, 99999)
    state = h_b64(json.dumps({'returnTo': h_pick(['/dashboard', '/orders?tab=open', '/checkout/payment']), 'nonce': h_hex(16)}).encode())
    choices = [
        f'https://{site}/',
        f'https://{site}/search?q={h_pick(["running+shoes", "o%27neill+wetsuit", "rock+%26+roll", "select+comfort", "union+jack+tote", "drop+earrings", "c%2B%2B+primer", "1+or+2+person+tent", "%22exact+phrase%22", "caf%C3%A9+au+lait"])}&page={HRNG.randrange(1, 6)}&sort={h_pick(["relevance", "price_asc", "-rating"])}',
        f'https://{site}/products/{pid}?utm_source=newsletter&utm_medium=email&utm_campaign=black_friday_2025&utm_content=hero%20banner&utm_term=running%20shoes',
        f'https://{site}/?utm_source=google&utm_medium=cpc&utm_campaign=%5BDE%5D+Brand+%7C+Exact&gclid=Cj0KCQiA{h_chars(B64URL, 60)}_BwE&gad_source=1',
        f'https://{site}/landing/winter?fbclid=IwZXh0bgNhZW0CMTEAAR{h_chars(B64URL, 40)}_aem_{h_chars(B64URL, 22)}',
        f'https://{site}/auth/callback?code=4%2F0AeanS0{h_chars(B64URL, 60)}&scope=email%20profile%20openid%20https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fuserinfo.email%20https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fuserinfo.profile&authuser=0&prompt=consent&state={h_pct(state)}',
        f'https://{site}/oauth2/callback?code={h_chars(ALNUM, 43)}&state={h_hex(32)}&session_state={h_uuid()}&iss=https%3A%2F%2Fsso.example.com%2Frealms%2Fshop',
        f'https://login.microsoftonline.com/{h_uuid()}/oauth2/v2.0/authorize?client_id={h_uuid()}&response_type=code&redirect_uri=https%3A%2F%2F{site}%2Fsignin-oidc&response_mode=form_post&scope=openid%20profile%20offline_access&state=OpenIdConnect.AuthenticationProperties%3D{h_chars(B64URL, 80)}&nonce={h_chars(ALNUM, 40)}',
        f'https://sso.example.com/realms/shop/protocol/openid-connect/auth?client_id=web&redirect_uri=https%3A%2F%2F{site}%2F&state={h_uuid()}&response_mode=fragment&response_type=code&scope=openid&nonce={h_uuid()}&code_challenge={h_chars(B64URL, 43)}&code_challenge_method=S256',
        'https://www.google.com/', 'https://www.bing.com/', 'https://duckduckgo.com/', 'https://t.co/', 'android-app://com.google.android.gm/',
        f'https://www.bing.com/search?q=o%27neill+wetsuit+sale&form=QBLH&sp=-1&ghc=1&lq=0&pq=o%27neill+wetsuit&sc=10-16&qs=n&sk=&cvid={h_hex(32).upper()}',
        f'https://{site}/checkout?step=payment&return_url=https%3A%2F%2F{site}%2Forders%2Fconfirm%3Fid%3D{pid}',
        f'https://{site}/docs/api%2Fv1%2Forders/page%201',
        f'https://{site}/admin/orders?filter%5Bstatus%5D=paid&filter%5Bcreated_at%5D%5Bgte%5D=2025-11-01&sort=-created_at&page%5Bnumber%5D=2&page%5Bsize%5D=50',
        f'https://{site}/admin/orders?q%5Bcustomer_name_cont%5D=O%27Brien&q%5Bs%5D=created_at+desc&commit=Search',
        'https://grafana.example.com/d/a1b2c3d4/service-overview?orgId=1&var-namespace=shop&var-service=All&from=now-6h&to=now&refresh=30s',
        'https://grafana.example.com/explore?schemaVersion=1&panes=%7B%22x3v%22%3A%7B%22datasource%22%3A%22prometheus%22%2C%22queries%22%3A%5B%7B%22refId%22%3A%22A%22%2C%22expr%22%3A%22sum%28rate%28http_requests_total%7Bjob%3D%5C%22orders%5C%22%2Ccode%3D~%5C%225..%5C%22%7D%5B5m%5D%29%29%22%7D%5D%2C%22range%22%3A%7B%22from%22%3A%22now-1h%22%2C%22to%22%3A%22now%22%7D%7D%7D&orgId=1',
        'https://example.atlassian.net/issues/?jql=project%20%3D%20SHOP%20AND%20status%20in%20(%22In%20Progress%22%2C%20%22To%20Do%22)%20ORDER%20BY%20created%20DESC',
        'https://github.com/example/shop/pulls?q=is%3Apr+is%3Aopen+review-requested%3A%40me',
        'https://kibana.example.com/app/discover?_g=(filters:!(),refreshInterval:(pause:!t,value:0),time:(from:now-15m,to:now))&_a=(columns:!(message),index:%27logs-*%27,query:(language:kuery,query:%27kubernetes.namespace:shop%20and%20level:error%27))',
        'https://contoso.sharepoint.com/sites/Marketing/Shared%20Documents/Forms/AllItems.aspx?id=%2Fsites%2FMarketing%2FShared%20Documents%2FQ4%20Campaign&viewid=' + h_uuid(),
        f'https://{site}/products?category=shoes&color=red%7Cblue&size=42&price=10-100&in_stock=1',
        f'https://{site}/account/orders/{pid}?tab=returns#',
        f'https://checkout.stripe.com/c/pay/cs_live_{h_chars(ALNUM, 58)}',
        f'https://{site}/search?query=select+%2A+dresses&category=all',
        f'https://{site}/blog/2025/11/what%E2%80%99s-new-in-v2?ref=changelog',
        f'https://{site}/reset-password?token={h_chars(B64URL, 40)}&email=ana.o%27brien%40example.com',
    ]
    return h_pick(choices)


def h_mesh(ns, svc, caller, ua, port=8080, external=False):
    """The headers the mesh adds to every request (the shape of mesh_headers(), with this group's RNG)."""
    host = h_pick([f'{svc}:{port}', f'{svc}.{ns}:{port}', f'{svc}.{ns}.svc.cluster.local:{port}', f'{svc}-shadow:{port}',
                   f'{svc}.{ns}.svc.cluster.local-shadow:{port}', svc])
    trace = h_hex(32)
    xff = f'10.{HRNG.randrange(256)}.{HRNG.randrange(256)}.{HRNG.randrange(1, 255)}'
    if external:
        xff = h_pick([f'203.0.113.{HRNG.randrange(1, 255)}', f'198.51.100.{HRNG.randrange(1, 255)}', '2001:db8:85a3:8d3:1319:8a2e:370:7348']) + ', ' + xff
    h = [['host', host],
         ['user-agent', ua],
         ['x-request-id', h_uuid()],
         ['x-forwarded-proto', 'https' if external else 'http'],
         ['x-envoy-attempt-count', '1'],
         ['x-forwarded-for', xff],
         ['x-forwarded-client-cert', f'By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash={h_hex(64)};Subject="";URI=spiffe://cluster.local/ns/{ns}/sa/{caller}'],
         ['x-b3-traceid', trace], ['x-b3-spanid', h_hex(16)], ['x-b3-sampled', h_pick(['0', '1'])]]
    if external and HRNG.random() < 0.5:
        h.append(['x-envoy-external-address', xff.split(',')[0]])
    return h, trace


# --- cookies ----------------------------------------------------------------------------------------------------------

def h_onetrust():
    tz = h_pick(['GMT%2B0100+(Central+European+Standard+Time)', 'GMT%2B0100+(Mitteleurop%C3%A4ische+Normalzeit)',
                 'GMT%2B0000+(Coordinated+Universal+Time)', 'GMT-0500+(Eastern+Standard+Time)', 'GMT%2B0000+(Greenwich+Mean+Time)',
                 'GMT%2B0100+(heure+normale+d%E2%80%99Europe+centrale)', 'GMT%2B0900+(Japan+Standard+Time)'])
    date = h_pick(['Sat+Nov+29+2025+14%3A03%3A54', 'Fri+Nov+28+2025+09%3A12%3A01', 'Mon+Nov+24+2025+18%3A45%3A30'])
    groups = '%2C'.join(f'C000{i}%3A{HRNG.choice("01") if i > 1 else "1"}' for i in range(1, HRNG.randrange(3, 6)))
    value = (f'isGpcEnabled=0&datestamp={date}+{tz}&version=202409.1.0&browserGpcFlag=0&isIABGlobal=false&hosts=&consentId={h_uuid()}'
             f'&interactionCount={HRNG.randrange(0, 3)}&isAnonUser=1&landingPath={h_pick(["NotLandingPage", "https%3A%2F%2Fshop.example.com%2F"])}'
             f'&groups={groups}&geolocation={h_pick(["DE%3BBE", "FR%3BIDF", "US%3BCA", "GB%3BENG", "%3B"])}&AwaitingReconsent=false')
    jar = [f'OptanonConsent={value}']
    if HRNG.random() < 0.7:
        jar.append(f'OptanonAlertBoxClosed=2025-11-{HRNG.randrange(1, 29):02d}T{HRNG.randrange(24):02d}:{HRNG.randrange(60):02d}:{HRNG.randrange(60):02d}.{HRNG.randrange(1000):03d}Z')
    if HRNG.random() < 0.3:
        jar.append(f'eupubconsent-v2=CQ{h_chars(B64URL, 60)}.YAAAAAAAAAAA')
    return jar


def h_cookiebot():
    # Cookiebot writes stamp '-1' with everything accepted where no consent is asked (implied), a base64 stamp once
    # the visitor chose (explicit); older versions leave out method, newer ones add iab2.
    if HRNG.random() < 0.5:
        stamp, method, prefs = '-1', 'implied', ['true', 'true', 'true']
    else:
        stamp, method, prefs = h_b64(h_bytes(40)), 'explicit', [h_pick(['true', 'false']) for _ in range(3)]
    method_part = h_pick(['', f'%2Cmethod:%27{method}%27'])
    iab = h_pick(['', '%2Ciab2:%27%27'])
    return [f'CookieConsent={{stamp:%27{stamp}%27%2Cnecessary:true%2Cpreferences:{prefs[0]}%2Cstatistics:{prefs[1]}%2Cmarketing:{prefs[2]}'
            f'{method_part}%2Cver:{HRNG.randrange(1, 7)}%2Cutc:{h_ms()}{iab}%2Cregion:%27{h_pick(["de", "fr", "us-06", "gb", "US", "IS", "in", "au-nsw"])}%27}}']


def h_consent_other():
    return h_pick([
        ['cookieyes-consent=consentid:' + h_chars(ALNUM, 43) + ',consent:yes,action:yes,necessary:yes,functional:yes,analytics:yes,performance:no,advertisement:no,other:yes'],
        ['cmplz_consented_services=', 'cmplz_policy_id=14', 'cmplz_marketing=deny', 'cmplz_statistics=allow', 'cmplz_preferences=allow', 'cmplz_functional=allow', 'cmplz_banner-status=dismissed'],
        ['notice_behavior=implied,eu', 'notice_gdpr_prefs=0,1,2:', 'notice_preferences=2:', 'cmapi_gtm_bl=', 'cmapi_cookie_privacy=permit 1,2,3'],
        ['didomi_token=' + h_b64(json.dumps({'user_id': h_uuid(), 'created': '2025-11-20T10:11:12.000Z', 'updated': '2025-11-20T10:11:12.000Z', 'vendors': {'enabled': ['google', 'c:matomo']}, 'version': 2}).encode()),
         'euconsent-v2=CQ' + h_chars(B64URL, 80) + '.YAAAAAAAAAAA'],
        ['uc_user_interaction=true', 'uc_settings=' + h_pct(json.dumps({'controllerId': h_hex(32), 'version': '2.11.3'}))],
        ['osano_consentmanager_uuid=' + h_uuid(), 'osano_consentmanager=' + h_b64(h_bytes(90))],
        ['klaro=' + h_pct(json.dumps({'matomo': True, 'youtube': False, 'google-analytics': HRNG.random() < 0.5}, separators=(',', ':')))],
        ['borlabs-cookie=' + h_pct(json.dumps({'consents': {'essential': ['borlabs-cookie'], 'statistics': ['google-analytics']}, 'domainPath': 'shop.example.com/',
                                                'expires': 'Sat, 30 May 2026 12:03:54 GMT', 'uid': f'{h_chars(LOWER_ALNUM, 8)}-{h_chars(LOWER_ALNUM, 8)}-{h_chars(LOWER_ALNUM, 8)}-{h_chars(LOWER_ALNUM, 8)}', 'version': '1'}, separators=(',', ':')))],
        ['_tracking_consent=' + h_pct(json.dumps({'con': {'CMP': {'a': '', 'm': '', 'p': '', 's': ''}}, 'v': '2.1', 'region': 'DEBE', 'reg': ''}, separators=(',', ':'))),
         '_cmp_a=' + h_pct(json.dumps({'purposes': {'a': True, 'p': True, 'm': True, 't': True}, 'display_banner': False, 'sale_of_data_region': False}, separators=(',', ':')))],
        ['consent=' + h_pct(json.dumps({'necessary': True, 'analytics': HRNG.random() < 0.5, 'marketing': False, 'ts': h_ms()}, separators=(',', ':')))],
        ['cookie_consent_level=%7B%22strictly-necessary%22%3Atrue%2C%22functionality%22%3Atrue%2C%22tracking%22%3Afalse%2C%22targeting%22%3Afalse%7D', 'cookie_consent_user_accepted=true'],
        [f'consentUUID={h_uuid()}_{HRNG.randrange(10, 40)}', f'_sp_v1_uid=1:{HRNG.randrange(100, 999)}:{h_uuid()}', f'_sp_v1_data={HRNG.randrange(1, 3)}:{HRNG.randrange(10 ** 5, 10 ** 6)}:{h_ts()}:0:1:0:1:0:0:_:-1',
         '_sp_v1_ss=1:' + h_pct(h_b64(h_gzip(json.dumps([json.dumps({'ts': None, 'es': None, 'tts': {}}, separators=(',', ':'))] * HRNG.randrange(1, 9), separators=(',', ':')).encode()))),
         '_sp_v1_opt=1:login|true:last_id|11:', h_pick(['_sp_v1_consent=1!0:1:1:0:0:0', '_sp_v1_consent=1!-1:-1:-1:-1:-1:-1']), '_sp_su=false', '_sp_v1_lt=1:', '_sp_v1_csv=null'],
    ])


def h_analytics():
    ts = h_ts()
    gid = HRNG.randrange(10 ** 8, 10 ** 10)
    mid = h_chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)
    mixpanel = {'distinct_id': f'$device:{h_hex(14)}-{h_hex(15)}-{h_hex(8)}-{h_hex(6)}-{h_hex(14)}', '$device_id': f'{h_hex(14)}-{h_hex(15)}',
                '$initial_referrer': h_pick(['$direct', 'https://www.google.com/']), '$initial_referring_domain': h_pick(['$direct', 'www.google.com']),
                '__mps': {}, '__mpso': {}, '__mpus': {}, '__mpa': {}, '__mpu': {}, '__mpr': [], '__mpap': []}
    posthog = {'distinct_id': h_uuid(), '$sesid': [h_ms(), h_uuid(), h_ms()], '$epp': True, '$initial_person_info': {'r': '$direct', 'u': 'https://shop.example.com/'}}
    amp = {'deviceId': h_uuid(), 'sessionId': h_ms(), 'optOut': False, 'lastEventTime': h_ms(), 'lastEventId': HRNG.randrange(200), 'pageCounter': HRNG.randrange(1, 9)}
    hp = {'userId': str(HRNG.randrange(10 ** 15)), 'pageviewId': str(HRNG.randrange(10 ** 15)), 'sessionId': str(HRNG.randrange(10 ** 15)), 'identity': None, 'trackerVersion': '4.0'}
    opts = [
        [f'_ga=GA1.1.{gid}.{ts}', f'_ga_{mid}=GS1.1.{ts}.{HRNG.randrange(1, 40)}.1.{ts + 300}.0.0.0'],
        [f'_ga=GA1.1.{gid}.{ts}', f'_ga_{mid}=GS2.1.s{ts}$o{HRNG.randrange(1, 40)}$g1$t{ts + 120}$j{HRNG.randrange(60)}$l0$h{HRNG.randrange(10 ** 9)}'],
        [f'_ga=GA1.2.{gid}.{ts}', f'_gid=GA1.2.{HRNG.randrange(10 ** 9)}.{ts}', f'_gat_UA-{HRNG.randrange(10 ** 7)}-1=1'],
        [f'_gcl_au=1.1.{HRNG.randrange(10 ** 9)}.{ts}', f'_gcl_aw=GCL.{ts}.Cj0KCQiA{h_chars(B64URL, 60)}_BwE'],
        [f'_fbp=fb.1.{h_ms()}.{HRNG.randrange(10 ** 9)}', f'_fbc=fb.1.{h_ms()}.IwZXh0bgNhZW0CMTEAAR{h_chars(B64URL, 40)}'],
        [f'ajs_anonymous_id=%22{h_uuid()}%22', f'ajs_user_id=%22usr_{h_hex(12)}%22'],
        [f'ajs_anonymous_id={h_uuid()}', 'ajs_group_id=null'],
        [f'amplitude_id_{h_hex(32)}example.com=' + h_b64(json.dumps(amp, separators=(',', ':')).encode())],
        [f'AMP_{h_hex(10)}=' + h_b64(h_pct(json.dumps(amp, separators=(',', ':'))).encode()),
         f'AMP_MKTG_{h_hex(10)}=' + h_b64(h_pct(json.dumps({'referrer': 'https://www.google.com/', 'referring_domain': 'www.google.com'}, separators=(',', ':'))).encode())],
        [f'mp_{h_hex(32)}_mixpanel=' + h_pct(json.dumps(mixpanel)).replace('%20', '%20')],
        [f'ph_phc_{h_chars(ALNUM, 43)}_posthog=' + h_pct(json.dumps(posthog, separators=(',', ':')))],
        [f'_hp2_id.{HRNG.randrange(10 ** 9)}=' + h_pct(json.dumps(hp, separators=(',', ':'))),
         f'_hp2_ses_props.{HRNG.randrange(10 ** 9)}=' + h_pct(json.dumps({'ts': h_ms(), 'd': 'shop.example.com', 'h': '/'}, separators=(',', ':')))],
        [f'AMCV_{h_hex(24).upper()}%40AdobeOrg=-1124106680%7CMCIDTS%7C{HRNG.randrange(20000, 20500)}%7CMCMID%7C{HRNG.randrange(10 ** 37, 10 ** 38)}'
         f'%7CMCAAMLH-{ts + 604800}%7C6%7CMCAAMB-{ts + 604800}%7C{h_chars(ALNUM, 51)}%7CMCOPTOUT-{ts + 7200}s%7CNONE%7CvVersion%7C5.5.0',
         f'AMCVS_{h_hex(24).upper()}%40AdobeOrg=1', 's_cc=true', 's_sq=%5B%5BB%5D%5D', f's_ppv=home%2C{HRNG.randrange(100)}%2C{HRNG.randrange(100)}%2C900%2C1%2C1', f's_nr={h_ms()}-New'],
        [f's_vi=[CS]v1|{h_hex(16).upper()}-{h_hex(16).upper()}[CE]', f's_fid={h_hex(16).upper()}-{h_hex(16).upper()}', 's_cc=true'],
        [f'mbox=PC#{h_ms()}-{HRNG.randrange(10 ** 6)}.{HRNG.randrange(30, 40)}_0#{ts + 63072000}|session#{h_hex(32)}#{ts + 1800}', 'at_check=true'],
        [f'__hstc={HRNG.randrange(10 ** 8, 10 ** 9)}.{h_hex(32)}.{h_ms()}.{h_ms()}.{h_ms()}.{HRNG.randrange(1, 9)}', f'hubspotutk={h_hex(32)}', '__hssrc=1', f'__hssc={HRNG.randrange(10 ** 8, 10 ** 9)}.1.{h_ms()}'],
        [f'_mkto_trk=id:{HRNG.randrange(100, 999)}-{h_chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3)}-{HRNG.randrange(100, 999)}&token:_mch-shop.example.com-{h_ms()}-{HRNG.randrange(10000, 99999)}'],
        [f'_pk_id.1.{h_hex(4)}={h_hex(16)}.{ts}.', f'_pk_ses.1.{h_hex(4)}=1', f'mtm_consent={h_ms()}'],
        [f'_sp_id.{h_hex(4)}={h_uuid()}.{ts}.{HRNG.randrange(1, 30)}.{ts + 600}.{ts - 86400}.{h_uuid()}', f'_sp_ses.{h_hex(4)}=*'],
        [f'_hjSessionUser_{HRNG.randrange(10 ** 6, 10 ** 7)}=' + h_b64(json.dumps({'id': h_uuid(), 'created': h_ms(), 'existing': True}, separators=(',', ':')).encode()),
         f'_hjSession_{HRNG.randrange(10 ** 6, 10 ** 7)}=' + h_b64(json.dumps({'id': h_uuid(), 'c': h_ms(), 's': 0, 'r': 0, 'sb': 0, 'sr': 0, 'se': 0, 'fs': 0, 'sp': 0}, separators=(',', ':')).encode()),
         '_hjAbsoluteSessionInProgress=0'],
        [f'_clck={h_chars(LOWER_ALNUM, 6)}%7C2%7Cfr{h_chars(LOWER_ALNUM, 1)}%7C0%7C{HRNG.randrange(1500, 1800)}', f'_clsk={h_chars(LOWER_ALNUM, 7)}%7C{h_ms()}%7C{HRNG.randrange(1, 9)}%7C1%7C{h_pick("abcdefghijklmnopqrstuvwxyz")}.clarity.ms%2Fcollect'],
        [f'_uetsid={h_hex(32)}', f'_uetvid={h_hex(32)}', f'_tt_enable_cookie=1', f'_ttp={h_chars(ALNUM, 27)}', f'_pin_unauth=dWlkPU{h_chars(ALNUM, 40)}'],
        [f'intercom-id-{h_chars(LOWER_ALNUM, 8)}={h_uuid()}', f'intercom-session-{h_chars(LOWER_ALNUM, 8)}=', f'intercom-device-id-{h_chars(LOWER_ALNUM, 8)}={h_uuid()}'],
        ['sbjs_migrations=1418474375998%3D1', 'sbjs_current_add=fd%3D2025-11-28%2009%3A12%3A01%7C%7C%7Cep%3Dhttps%3A%2F%2Fshop.example.com%2F%7C%7C%7Crf%3Dhttps%3A%2F%2Fwww.google.com%2F',
         'sbjs_first_add=fd%3D2025-11-20%2018%3A45%3A30%7C%7C%7Cep%3Dhttps%3A%2F%2Fshop.example.com%2Fproducts%2Frain-jacket%7C%7C%7Crf%3D%28none%29',
         'sbjs_current=typ%3Dorganic%7C%7C%7Csrc%3Dgoogle%7C%7C%7Cmdm%3Dorganic%7C%7C%7Ccmp%3D%28none%29%7C%7C%7Ccnt%3D%28none%29%7C%7C%7Ctrm%3D%28none%29%7C%7C%7Cid%3D%28none%29%7C%7C%7Cplt%3D%28none%29%7C%7C%7Cfmt%3D%28none%29%7C%7C%7Ctct%3D%28none%29',
         'sbjs_first=typ%3Dtypein%7C%7C%7Csrc%3D%28direct%29%7C%7C%7Cmdm%3D%28none%29%7C%7C%7Ccmp%3D%28none%29%7C%7C%7Ccnt%3D%28none%29%7C%7C%7Ctrm%3D%28none%29',
         'sbjs_udata=vst%3D2%7C%7C%7Cuip%3D%28none%29%7C%7C%7Cuag%3DMozilla%2F5.0%20%28Windows%20NT%2010.0%3B%20Win64%3B%20x64%29%20AppleWebKit%2F537.36%20%28KHTML%2C%20like%20Gecko%29%20Chrome%2F131.0.0.0%20Safari%2F537.36',
         f'sbjs_session=pgs%3D{HRNG.randrange(1, 9)}%7C%7C%7Ccpg%3Dhttps%3A%2F%2Fshop.example.com%2Fcart%2F'],
        ['__utma=' + f'{HRNG.randrange(10 ** 8, 10 ** 9)}.{HRNG.randrange(10 ** 9)}.{ts}.{ts}.{ts}.1',
         '__utmz=' + f'{HRNG.randrange(10 ** 8, 10 ** 9)}.{ts}.1.1.' + h_pick(['utmcsr=(direct)|utmccn=(direct)|utmcmd=(none)', 'utmcsr=google|utmccn=(organic)|utmcmd=organic|utmctr=(not%20provided)'])],
    ]
    return [c for group in HRNG.sample(opts, HRNG.randrange(1, 4)) for c in group]


def h_ab_flags():
    return h_pick([
        [f'ab_checkout={h_pick(["control", "variant_b", "one_page"])}', f'exp_search_ranking={h_pick(["control", "bm25", "ltr_v3"])}'],
        [f'_gaexp=GAX1.2.{h_chars(B64URL, 22)}.{HRNG.randrange(20100, 20200)}.{HRNG.randrange(0, 3)}'],
        [f'optimizelyEndUserId=oeu{h_ms()}r0.{HRNG.randrange(10 ** 15)}', 'optimizelySegments=%7B%22173981438%22%3A%22gc%22%2C%22174058286%22%3A%22direct%22%2C%22174078284%22%3A%22false%22%7D', 'optimizelyBuckets=%7B%7D'],
        [f'_vwo_uuid_v2=D{h_hex(31).upper()}|{h_hex(32)}', '_vis_opt_s=1%7C', '_vis_opt_test_cookie=1', f'_vwo_uuid={h_hex(32).upper()}', f'_vwo_ds=3%241{h_ts()}%3A{HRNG.randrange(10, 99)}.{HRNG.randrange(10 ** 8)}%3A%3A'],
        [f'ABTasty=uid={h_chars(LOWER_ALNUM, 16)}&fst={h_ms()}&pst=-1&cst={h_ms()}&ns=1&pvt={HRNG.randrange(1, 9)}&pvis={HRNG.randrange(1, 9)}&th=',
         'ABTastySession=mrasn=&lp=https%253A%252F%252Fshop.example.com%252Fproducts%252Frain-jacket%253Fcolor%253Dblue'],
        [f'_conv_v=vi%3A1*sc%3A{HRNG.randrange(1, 9)}*cs%3A{h_ts()}*fs%3A{h_ts()}*pv%3A{HRNG.randrange(1, 30)}*exp%3A%7B{HRNG.randrange(10 ** 8, 10 ** 9)}.%7Bv.{HRNG.randrange(10 ** 9, 10 ** 10)}-g.%7B%7D%7D%7D*ps%3A{h_ts()}',
         f'_conv_s=si%3A{HRNG.randrange(1, 9)}*sh%3A{h_ms()}-0.{HRNG.randrange(10 ** 15)}*pv%3A{HRNG.randrange(1, 9)}'],
        [f'kameleoonVisitorCode=_js_{h_chars(LOWER_ALNUM, 16)}'],
        [f'statsig_stable_id={h_uuid()}', f'ld_user_key={h_uuid()}'],
        ['ff_overrides=new_checkout%3Aon%2Cdark_mode%3Aoff%2Csearch_v2%3Aon'],
        ['flags={"newNav":true,"betaSearch":false,"checkoutVariant":"b"}'],
        ['ab=checkout_v2:B|search_ranker:control|reco_model:v7'],
        [f'exp_sticky=%5B%7B%22e%22%3A%22pdp_gallery%22%2C%22v%22%3A1%7D%2C%7B%22e%22%3A%22free_shipping_bar%22%2C%22v%22%3A0%7D%5D'],
        [f'split_io_user={h_uuid()}', f'growthbook_id={h_hex(16)}'],
    ])


# Preference and UI cookies, among them names that start like HTML event handlers, SQL keywords or shell commands.
PREF_COOKIES = [
    lambda: f'onboarding_step={HRNG.randrange(1, 6)}', lambda: 'onboardingComplete=true', lambda: f'online_status={h_pick(["away", "online", "busy"])}',
    lambda: f'onesignal-pageview-count={HRNG.randrange(1, 30)}', lambda: 'onesignal_push_prompted=true', lambda: f'onload_ts={h_ms()}',
    lambda: 'onlineShopCountry=DE', lambda: 'onetime_banner_seen=1', lambda: 'oneclick_checkout=enabled', lambda: 'onpage_survey=dismissed',
    lambda: f'execution_id={h_uuid()}', lambda: f'exec_dashboard_view={h_pick(["grid", "list", "kanban"])}', lambda: 'executive_summary=collapsed',
    lambda: f'selected_store={HRNG.randrange(1000, 9999)}', lambda: f'selectedLocale={h_pick(["de-DE", "en-US", "fr-FR"])}', lambda: 'selectedCurrency=EUR',
    lambda: f'selection={h_pick(["all", "none", "42,17,99"])}', lambda: f'union_id=o6_bmasdasdsad6_2sgVt7hMZOPfL{h_chars(ALNUM, 6)}',
    lambda: 'unionpay_pref=1', lambda: f'system_theme={h_pick(["dark", "light", "auto"])}', lambda: 'systemMessageDismissed=1',
    lambda: 'eval_period=trial', lambda: 'evaluation_started=2025-11-02', lambda: 'script_version=2.3.1', lambda: 'scriptLoaded=1',
    lambda: 'alert_dismissed=1', lambda: 'prompt_shown=1', lambda: 'confirm_age=1', lambda: 'document_view=list', lambda: 'window_size=1440x900',
    lambda: f'location={h_pick(["berlin", "paris", "new-york"])}', lambda: 'delete_confirm=0', lambda: 'update_available=1', lambda: 'insert_mode=overwrite',
    lambda: 'from=newsletter', lambda: 'where=home', lambda: 'order=desc', lambda: 'sort_order=price%20desc', lambda: 'sort=created_at%20DESC',
    lambda: 'javascript_enabled=1', lambda: 'has_js=1', lambda: 'cookie_test=1', lambda: 'js=1', lambda: 'shell=classic', lambda: 'cmd_palette_open=0',
    lambda: 'sidebar:state=true', lambda: 'sidebar_collapsed=false', lambda: f'theme={h_pick(["dark", "light", "system"])}', lambda: 'color-scheme=dark',
    lambda: 'ui.density=compact', lambda: 'dismissed_banners=%5B%22gdpr-2025%22%2C%22maintenance-1130%22%5D', lambda: f'tz_offset={h_pick(["-60", "-120", "300", "0"])}',
    lambda: f'tz={h_pick(["Europe%2FBerlin", "America%2FNew_York", "Asia%2FTokyo"])}', lambda: 'timezone=Europe/Dublin', lambda: 'screen=1920x1080',
    lambda: 'googtrans=%2Fauto%2Fde', lambda: 'googtrans=/en/fr', lambda: f'NEXT_LOCALE={h_pick(["de", "en", "fr"])}', lambda: 'i18next=en',
    lambda: 'django_language=de', lambda: 'lang=en-US', lambda: 'locale=en_US', lambda: 'pll_language=de', lambda: 'wp-wpml_current_language=en',
    lambda: f'recently_viewed={HRNG.randrange(1, 9999)}%2C{HRNG.randrange(1, 9999)}%2C{HRNG.randrange(1, 9999)}',
    lambda: f'cart=%7B%22items%22%3A%5B%7B%22sku%22%3A%22SKU-{HRNG.randrange(999999):06d}%22%2C%22qty%22%3A{HRNG.randrange(1, 4)}%7D%5D%7D',
    lambda: f'wishlist=[{HRNG.randrange(1, 999)},{HRNG.randrange(1, 999)},{HRNG.randrange(1, 999)}]',
    lambda: f'user_prefs={{"theme":"dark","lang":"{h_pick(["en", "de"])}","pageSize":50}}', lambda: f'last_search="{h_pick(["rain jacket", "kids bikes", "o neill"])}"',
    lambda: f'ajs_user_traits=%7B%22plan%22%3A%22{h_pick(["free", "pro"])}%22%7D', lambda: 'returning_visitor=true', lambda: f'visit_count={HRNG.randrange(1, 60)}',
    lambda: f'shipping_zip={HRNG.randrange(10000, 99999)}', lambda: 'newsletter_popup=closed', lambda: 'age_verified=1', lambda: 'debug=false',
    lambda: f'ref=partner_{HRNG.randrange(100, 999)}', lambda: f'utm_params=utm_source%3Dnewsletter%26utm_medium%3Demail%26utm_campaign%3Dbf2025',
    lambda: f'last_visited_page=%2Fproducts%2F{HRNG.randrange(1, 9999)}%3Fcolor%3Dred', lambda: f'redirect_to=%2Fd%2Fabc123%2Fservice-overview%3ForgId%3D1',
    lambda: 'currency=EUR', lambda: 'country=DE', lambda: 'store=eu', lambda: 'mage-messages=', lambda: 'mage-cache-storage=%7B%7D',
    lambda: 'mage-cache-storage-section-invalidation=%7B%7D', lambda: f'section_data_ids=%7B%22cart%22%3A{h_ts()}%2C%22customer%22%3A{h_ts()}%7D',
    lambda: f'form_key={h_chars(ALNUM, 16)}', lambda: f'private_content_version={h_hex(32)}', lambda: f'X-Magento-Vary={h_hex(64)}',
    lambda: 'wp-settings-1=libraryContent%3Dbrowse%26editor%3Dtinymce%26mfold%3Do%26posts_list_mode%3Dlist', lambda: f'wp-settings-time-1={h_ts()}',
    lambda: 'wordpress_test_cookie=WP%20Cookie%20check', lambda: 'woocommerce_items_in_cart=1', lambda: f'woocommerce_cart_hash={h_hex(32)}',
    lambda: 'Drupal.toolbar.collapsed=0', lambda: 'Drupal.visitor.name=Ana%20O%27Brien', lambda: f'jenkins-timestamper-offset={h_pick(["-3600000", "-7200000", "18000000"])}',
    lambda: 'screenResolution=1920x1080', lambda: 'event_filter=all', lambda: 'preferred_language=en', lambda: 'super_sidebar_collapsed=false',
    lambda: f'hide_auto_devops_implicitly_enabled_banner_{HRNG.randrange(1, 999)}=false', lambda: f'grafana_session_expiry={h_ts() + 3600}',
    lambda: 'localization=DE', lambda: 'cart_currency=EUR', lambda: f'_shopify_y={h_uuid()}', lambda: f'_shopify_s={h_uuid()}',
    lambda: f'cart=Z2NwLWV1cm9wZS13ZXN0NDowMUp{h_chars(ALNUM, 20)}%3Fkey%3D{h_hex(32)}', lambda: 'XDEBUG_SESSION=PHPSTORM',
    lambda: f'ROUTE=.accstorefront-{h_hex(10)}-{h_chars(LOWER_ALNUM, 5)}', lambda: 'psi={%22previouslySignedIn%22:true}', lambda: 'G_ENABLED_IDPS=google',
    lambda: f'gbi_sessionId={h_chars(LOWER_ALNUM, 25)}', lambda: f'GO_EXP={h_chars(B64URL, 22)}=0&{h_chars(B64URL, 22)}=1',
]


def h_session_cookies():
    """Session, CSRF and auth cookies as the frameworks and proxies write them."""
    ts = h_ts()
    laravel = lambda: h_pct(h_b64(json.dumps({'iv': h_b64(h_bytes(16)), 'value': h_b64(h_bytes(HRNG.randrange(48, 160))), 'mac': h_hex(64), 'tag': ''}, separators=(',', ':')).encode()))
    aspnet = lambda n: 'CfDJ8' + h_chars(B64URL, n)
    rack = h_b64(h_bytes(150))
    rack = '%0A'.join(h_pct(rack[i:i + 60]) for i in range(0, len(rack), 60))
    stacks = [
        lambda: [f'JSESSIONID={h_hex(32).upper()}' + h_pick(['', '.node1', '.worker2']), f'XSRF-TOKEN={h_uuid()}'],
        lambda: [f'JSESSIONID={h_chars(ALNUM, 52)}!{HRNG.randrange(-2 ** 31, 2 ** 31)}' + h_pick(['', f'!{h_ms()}']), f'_WL_AUTHCOOKIE_JSESSIONID={h_chars(ALNUM, 20)}'],
        lambda: [f'JSESSIONID=0000{h_chars(ALNUM + "-_", 23)}:{h_chars(LOWER_ALNUM, 9)}', f'LtpaToken2={h_b64(h_bytes(HRNG.randrange(120, 300)))}'],
        lambda: [f'remember-me={h_b64(("alice:" + str(ts * 1000 + 1209600000) + ":SHA256:" + h_hex(64)).encode())}', f'SESSION={h_b64(h_uuid().encode())}'],
        lambda: [f'PHPSESSID={h_chars("abcdefghijklmnopqrstuv0123456789", 26)}'],
        lambda: [f'ASP.NET_SessionId={h_chars("abcdefghijklmnopqrstuvwxyz012345", 24)}', f'.ASPXAUTH={h_hex(HRNG.randrange(200, 400)).upper()}', f'__RequestVerificationToken={h_chars(B64URL, 92)}1'],
        lambda: [f'.AspNetCore.Antiforgery.{h_chars(B64URL, 11)}={aspnet(150)}', f'.AspNetCore.Cookies={aspnet(HRNG.randrange(300, 700))}', f'ARRAffinity={h_hex(64)}', f'ARRAffinitySameSite={h_hex(64)}'],
        lambda: ['.AspNetCore.Cookies=chunks-2', f'.AspNetCore.CookiesC1={aspnet(800)}', f'.AspNetCore.CookiesC2={h_chars(B64URL, 300)}', f'.AspNetCore.Session={aspnet(120)}'],
        lambda: [f'.AspNetCore.Identity.Application={aspnet(500)}', f'.AspNetCore.Mvc.CookieTempDataProvider={aspnet(110)}'],
        lambda: [f'csrftoken={h_chars(ALNUM, 32)}', f'sessionid={h_chars("abcdefghijklmnopqrstuvwxyz0123456789", 32)}', f'messages=.eJyLjlaKj88qzs-Lz00tLk5MT1XSMdAxMtVRis7WUUrOLy1KTfcqzS5NLM3Ly0rLVYrVUYrVjY5V0oHqBAB{h_chars(B64URL, 4)}:{h_chars(ALNUM, 6)}:{h_chars(B64URL, 43)}'],
        lambda: [f'csrftoken={h_chars(ALNUM, 64)}', f'sessionid={h_chars(LOWER_ALNUM, 32)}', f'messages="{h_hex(40)}$[[\\"__json_message\\"\\0540\\05425\\054\\"Your profile was updated.\\"]]"'],
        lambda: [f'session=eyJfZnJlc2giOmZhbHNlLCJjc3JmX3Rva2VuIjoi{h_chars(ALNUM, 40)}In0.{h_chars(B64URL, 6)}.{h_chars(B64URL, 27)}'],
        lambda: [f'session=.eJw{h_chars(B64URL, 120)}.{h_chars(B64URL, 6)}.{h_chars(B64URL, 27)}'],
        lambda: [f'_shop_session={h_pct(h_b64(h_bytes(120)))}--{h_hex(40)}', f'remember_user_token=' + h_pct(h_b64(json.dumps({'_rails': {'message': h_b64(f'[[{HRNG.randrange(1, 9999)}],"$2a$12${h_chars(ALNUM, 22)}","{ts}.{HRNG.randrange(1000)}"]'.encode()), 'exp': '2025-12-13T12:03:54.398Z', 'pur': 'cookie.remember_user_token'}}, separators=(',', ':')).encode())) + f'--{h_hex(40)}'],
        lambda: [f'_app_session={h_pct(h_b64(h_bytes(200)))}--{h_pct(h_b64(h_bytes(12)))}--{h_pct(h_b64(h_bytes(16)))}'],
        lambda: [f'rack.session={rack}--{h_hex(40)}'],
        lambda: [f'connect.sid=s%3A{h_chars(B64URL, 32)}.{h_pct(h_b64(h_bytes(32)).rstrip("="))}'],
        lambda: [f'__Secure-next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..{h_chars(B64URL, 16)}.{h_chars(B64URL, HRNG.randrange(200, 600))}.{h_chars(B64URL, 22)}',
                 f'__Host-next-auth.csrf-token={h_hex(64)}%7C{h_hex(64)}', '__Secure-next-auth.callback-url=https%3A%2F%2Fapp.example.com%2Fdashboard%3Ftab%3Dorders'],
        lambda: [f'__Secure-authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIiwia2lkIjoi{h_chars(B64URL, 40)}In0..{h_chars(B64URL, 22)}.{h_chars(B64URL, 300)}.{h_chars(B64URL, 43)}',
                 f'__Host-authjs.csrf-token={h_hex(64)}%7C{h_hex(64)}', 'authjs.callback-url=https%3A%2F%2Fapp.example.com%2Fsettings%2Fbilling'],
        lambda: [f'XSRF-TOKEN={laravel()}', f'laravel_session={laravel()}'],
        lambda: [f'XSRF-TOKEN={laravel()}', f'shop_session={laravel()}', f'remember_web_59ba36addc2b2f9401580f014c7f58ea4e30989d={laravel()}'],
        lambda: [f'wordpress_logged_in_{h_hex(32)}=editor%7C{ts + 172800}%7C{h_chars(ALNUM, 43)}%7C{h_hex(64)}',
                 f'wp_woocommerce_session_{h_hex(32)}=t_{h_hex(30)}%7C%7C{ts + 172800}%7C%7C{ts + 169200}%7C%7C{h_hex(32)}'],
        lambda: [f'wp_woocommerce_session_{h_hex(32)}={HRNG.randrange(1, 999)}%7C%7C{ts + 172800}%7C%7C{ts + 169200}%7C%7C{h_hex(32)}', 'woocommerce_recently_viewed=412%7C87%7C1093'],
        lambda: [f'SSESS{h_hex(32)}={h_chars(B64URL, 43)}', 'has_js=1'],
        lambda: [f'PHPSESSID={h_chars(LOWER_ALNUM, 32)}', f'form_key={h_chars(ALNUM, 16)}', 'mage-cache-sessid=true', f'private_content_version={h_hex(32)}'],
        lambda: [f'ci_session={h_chars(LOWER_ALNUM, 40)}'],
        lambda: [f'KEYCLOAK_SESSION=shop/{h_uuid()}/{h_uuid()}', f'KEYCLOAK_SESSION_LEGACY=shop/{h_uuid()}/{h_uuid()}', f'AUTH_SESSION_ID={h_uuid()}.keycloak-0-{HRNG.randrange(10000, 99999)}',
                 f'KEYCLOAK_IDENTITY={h_jwt({"typ": "Serialized-ID"}, alg="HS512", sig_bytes=64)}'],
        lambda: [f'_oauth2_proxy={h_chars(B64URL, HRNG.randrange(300, 800))}|{ts}|{h_chars(B64URL, 43)}=', f'_oauth2_proxy_csrf={h_chars(B64URL, 120)}|{ts}|{h_chars(B64URL, 43)}='],
        lambda: [f'grafana_session={h_hex(32)}', f'grafana_session_expiry={ts + 600}'],
        lambda: [f'_xsrf=2|{h_hex(8)}|{h_hex(32)}|{ts}', f'username-jupyter-shop-8888="2|1:0|10:{ts}|27:username-jupyter-shop-8888|44:{h_b64(h_bytes(32))}|{h_hex(64)}"'],
        lambda: [f'sid=Fe26.2**{h_hex(64)}*{h_chars(B64URL, 22)}*{h_chars(B64URL, HRNG.randrange(100, 300))}**{h_hex(64)}*{h_chars(B64URL, 43)}'],
        lambda: [f'_gitlab_session={h_hex(32)}', f'known_sign_in={h_pct(h_b64(h_bytes(60)))}--{h_hex(40)}'],
        lambda: [f'JSESSIONID.{h_hex(8)}=node0{h_chars(LOWER_ALNUM, 26)}{HRNG.randrange(1, 99)}.node0'],
        lambda: [f'argocd.token={h_jwt({"iss": "argocd", "sub": "alice:login", "jti": h_uuid()}, alg="HS256", sig_bytes=32)}'],
        lambda: [f'sb-{h_chars("abcdefghijklmnopqrstuvwxyz", 20)}-auth-token=base64-' + h_b64(json.dumps({'access_token': h_jwt(alg='HS256', sig_bytes=32), 'token_type': 'bearer', 'expires_in': 3600, 'refresh_token': h_chars(LOWER_ALNUM, 12)}, separators=(',', ':')).encode(), url=True)],
        lambda: [f'CognitoIdentityServiceProvider.{h_chars(LOWER_ALNUM, 26)}.LastAuthUser={h_uuid()}',
                 f'CognitoIdentityServiceProvider.{h_chars(LOWER_ALNUM, 26)}.{h_uuid()}.idToken={h_jwt()}',
                 f'CognitoIdentityServiceProvider.{h_chars(LOWER_ALNUM, 26)}.{h_uuid()}.clockDrift=0'],
        lambda: [f'__session={h_jwt(alg="RS256")}', f'__client_uat={ts}', f'__client_uat_{h_chars(B64URL, 8)}={ts}'],
        lambda: [f'auth0.{h_chars(ALNUM, 32)}.is.authenticated=true', f'_legacy_auth0.{h_chars(ALNUM, 32)}.is.authenticated=true'],
        lambda: [f'session={h_b64(json.dumps({"user_id": HRNG.randrange(1, 99999), "roles": ["customer"]}, separators=(",", ":")).encode())}'],
        lambda: [f'session_id="{h_hex(32)}"', f'csrf="{h_chars(B64URL, 43)}"'],
        lambda: [f'token={h_jwt()}', f'refresh_token={h_chars(B64URL, 64)}'],
        lambda: [f'i_like_gitea={h_hex(16)}', f'_csrf={h_chars(B64URL, 32)}'],
        lambda: [f'R_SESS=token-{h_chars(LOWER_ALNUM, 5)}:{h_chars(LOWER_ALNUM, 54)}', f'CSRF={h_hex(10)}'],
    ]
    return h_pick(stacks)()


def h_lb_cookies():
    ts = h_ts()
    return h_pick([
        [f'AWSALB={h_b64(h_bytes(100))}', f'AWSALBCORS={h_b64(h_bytes(100))}'],
        [f'AWSALBTG={h_b64(h_bytes(100))}', f'AWSALBTGCORS={h_b64(h_bytes(100))}'],
        [f'BIGipServerpool_shop_https={HRNG.randrange(10 ** 9, 4 * 10 ** 9)}.{HRNG.randrange(10000, 65535)}.0000'],
        [f'BIGipServer~Common~pool_shop_443=rd5o00000000000000000000ffff0a{h_hex(6)}o443', f'TS01{h_hex(6)}=01{h_hex(120)}'],
        [f'INGRESSCOOKIE={ts}.{HRNG.randrange(100, 999)}.{HRNG.randrange(10, 99)}.{HRNG.randrange(10 ** 5, 10 ** 6)}|{h_hex(32)}'],
        [f'route={ts}.{HRNG.randrange(100, 999)}.{HRNG.randrange(10, 99)}.{HRNG.randrange(10 ** 5, 10 ** 6)}|{h_hex(32)}'],
        [f'SERVERID=web0{HRNG.randrange(1, 9)}', f'GCLB="{h_hex(16)}"'],
        [f'__cf_bm={h_chars(B64URL, 43)}-{ts}-1.0.1.1-{h_chars(B64URL + ".", 86)}', f'_cfuvid={h_chars(B64URL, 43)}-{h_ms()}-0.0.1.1-604800000'],
        [f'cf_clearance={h_chars(B64URL, 43)}-{ts}-1.2.1.1-{h_chars(B64URL + ".", 200)}'],
        [f'_abck={h_hex(32).upper()}~-1~YAAQ{h_chars(B64, 300)}~-1~-1~-1', f'bm_sz={h_hex(32).upper()}~YAAQ{h_chars(B64, 200)}~{HRNG.randrange(10 ** 6, 10 ** 7)}~{HRNG.randrange(10 ** 6, 10 ** 7)}',
         f'ak_bmsc={h_hex(32).upper()}~000000000000000000000000000000~YAAQ{h_chars(B64, 300)}'],
        [f'visid_incap_{HRNG.randrange(10 ** 6, 10 ** 7)}={h_b64(h_bytes(48))}', f'incap_ses_{HRNG.randrange(100, 1500)}_{HRNG.randrange(10 ** 6, 10 ** 7)}={h_b64(h_bytes(48))}'],
        [f'citrix_ns_id={h_chars(ALNUM, 40)}==', f'NSC_wtfswfs_iuuqt=ffffffff{h_hex(56)}'],
        [f'TiPMix={HRNG.random() * 100:.13f}', 'x-ms-routing-name=self'],
    ])


def h_cookie_header(browser=True):
    jar = []
    if browser and HRNG.random() < 0.55:
        jar += h_pick([h_onetrust, h_cookiebot, h_consent_other, h_consent_other])()
    if browser and HRNG.random() < 0.8:
        jar += h_analytics()
    jar += h_session_cookies()
    if HRNG.random() < 0.35:
        jar += h_ab_flags()
    if HRNG.random() < 0.3:
        jar += h_lb_cookies()
    jar += [make() for make in HRNG.sample(PREF_COOKIES, HRNG.randrange(0, 5))]
    HRNG.shuffle(jar)
    return '; '.join(jar)


# --- tracing, auth and infrastructure headers -------------------------------------------------------------------------

def h_trace_headers(trace):
    h = []
    span = h_hex(16)
    if HRNG.random() < 0.6:
        h.append(['traceparent', f'00-{trace}-{span}-{h_pick(["01", "00"])}'])
        if HRNG.random() < 0.6:
            h.append(['tracestate', h_pick([
                'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7', f'dd=s:1;o:rum;p:{h_hex(16)};t.dm:-1;t.tid:{h_hex(16)}',
                f'{HRNG.randrange(10 ** 6)}@nr=0-0-{HRNG.randrange(10 ** 6)}-{HRNG.randrange(10 ** 9)}-{h_hex(16)}-{h_hex(16)}-1-1.{HRNG.randrange(10 ** 6)}-{h_ms()}',
                'es=s:0.5', f'{h_hex(8)}-{h_hex(8)}@dt=fw4;4;{h_hex(8)};{HRNG.randrange(10 ** 5)};0;0;0;{HRNG.randrange(1000)};{h_hex(4)};2h01;3h{h_hex(8)};4h{HRNG.randrange(1000)};5h01;6h{h_hex(32)};7h{h_hex(16)}',
                f'ot=th:{h_hex(3)};rv:{h_hex(14)}', f'sw8={HRNG.randrange(10)}', f'az={h_hex(16)}'])])
    if HRNG.random() < 0.45:
        h.append(['baggage', h_pick([
            'userId=alice,serverNode=DF%2028,isProduction=false',
            'key1=value1;property1;property2, key2 = value2, key3=value3; propertyKey=propertyValue',
            f'sentry-environment=production,sentry-release=frontend%40{HRNG.randrange(1, 9)}.{HRNG.randrange(40)}.{HRNG.randrange(9)},sentry-public_key={h_hex(32)},sentry-trace_id={trace},sentry-sample_rate=0.1,sentry-transaction=%2Fcheckout%2F%5Bstep%5D,sentry-sampled=true',
            f'tenant.id=acme-eu,user.tier=gold,session.id={h_uuid()}',
            f'app.checkout.variant=b,synthetic_request=false,deployment.environment=prod,service.version={HRNG.randrange(1, 4)}.{HRNG.randrange(20)}.0',
            f'ot-baggage-user=alice%40example.com,request.origin=mobile%20app%20(iOS)',
            'member_id=42;metadata=internal,region=eu-west-1,priority=high'])])
        if HRNG.random() < 0.5:
            h.append(['sentry-trace', f'{trace}-{span}-{h_pick(["1", "0"])}'])
    if HRNG.random() < 0.3:
        h.append(['b3', f'{trace}-{span}-1-{h_hex(16)}'])
    if HRNG.random() < 0.3:
        h += [['x-b3-parentspanid', h_hex(16)], ['x-b3-flags', '1']]
    if HRNG.random() < 0.25:
        h += [['x-datadog-trace-id', str(HRNG.randrange(2 ** 63))], ['x-datadog-parent-id', str(HRNG.randrange(2 ** 63))],
              ['x-datadog-sampling-priority', h_pick(['1', '2', '-1'])], ['x-datadog-origin', h_pick(['rum', 'synthetics'])],
              ['x-datadog-tags', f'_dd.p.dm=-1,_dd.p.tid={h_hex(8)}00000000']]
    if HRNG.random() < 0.2:
        h.append(['x-amzn-trace-id', h_pick([
            f'Root=1-{h_hex(8)}-{h_hex(24)};Parent={h_hex(16)};Sampled=1',
            f'Root=1-{h_hex(8)}-{h_hex(24)};Parent={h_hex(16)};Sampled=0;Lineage=1:a87bd80c:0',
            f'Self=1-{h_hex(8)}-{h_hex(24)};Root=1-{h_hex(8)}-{h_hex(24)}',
            f'Root=1-{h_hex(8)}-{h_hex(24)};Parent={h_hex(16)};Sampled=1;Lineage=a87bd80c:1|68fd508a:5|c512fbe3:2'])])
    if HRNG.random() < 0.15:
        h.append(['x-cloud-trace-context', f'{trace}/{HRNG.randrange(10 ** 18)};o={h_pick(["0", "1"])}'])
    if HRNG.random() < 0.1:
        h.append(['uber-trace-id', f'{h_hex(16)}:{h_hex(16)}:0:1'])
    if HRNG.random() < 0.1:
        h.append(['newrelic', h_b64(json.dumps({'v': [0, 1], 'd': {'ty': 'Browser', 'ac': str(HRNG.randrange(10 ** 7)), 'ap': str(HRNG.randrange(10 ** 9)), 'id': h_hex(16), 'tr': trace, 'ti': h_ms()}}, separators=(',', ':')).encode())])
    if HRNG.random() < 0.08:
        h.append(['x-dynatrace', f'FW4;{HRNG.randrange(-2 ** 31, 2 ** 31)};{HRNG.randrange(10)};{HRNG.randrange(-2 ** 31, 2 ** 31)};{HRNG.randrange(10 ** 5)};{HRNG.randrange(10)};{HRNG.randrange(-2 ** 31, 2 ** 31)};{HRNG.randrange(1000)};{h_hex(4)};2h01;7h{h_hex(16)}'])
    if HRNG.random() < 0.08:
        h.append(['sw8', '1-' + '-'.join(h_b64(s.encode()) for s in [trace, h_hex(32)]) + '-0-' + '-'.join(h_b64(s.encode()) for s in ['checkout', f'checkout-{h_hex(8)}@10.1.2.3', '/api/v1/orders', 'orders.shop:8080'])])
    return h


def h_envoy_headers(ns, svc, caller):
    h = []
    if HRNG.random() < 0.5:
        h.append(['x-envoy-expected-rq-timeout-ms', h_pick(['15000', '30000', '5000', '60000'])])
    if HRNG.random() < 0.3:
        h.append(['x-envoy-decorator-operation', f'{svc}.{ns}.svc.cluster.local:8080/*'])
    if HRNG.random() < 0.3:
        kv = [('APP_CONTAINERS', caller), ('CLUSTER_ID', 'Kubernetes'), ('INSTANCE_IPS', f'10.{HRNG.randrange(256)}.{HRNG.randrange(256)}.{HRNG.randrange(256)}'),
              ('ISTIO_VERSION', '1.24.1'), ('MESH_ID', 'cluster.local'), ('NAME', f'{caller}-{h_chars(LOWER_ALNUM, 9)}-{h_chars(LOWER_ALNUM, 5)}'),
              ('NAMESPACE', ns), ('OWNER', f'kubernetes://apis/apps/v1/namespaces/{ns}/deployments/{caller}'), ('WORKLOAD_NAME', caller)]
        raw = b''
        for k, v in kv:
            entry = b'\n' + bytes([len(k)]) + k.encode() + b'\x12' + bytes([len(v) + 2]) + b'\x1a' + bytes([len(v)]) + v.encode()
            raw += b'\n' + bytes([len(entry)]) + entry
        h.append(['x-envoy-peer-metadata', h_b64(raw)])
        h.append(['x-envoy-peer-metadata-id', f'sidecar~10.{HRNG.randrange(256)}.{HRNG.randrange(256)}.{HRNG.randrange(256)}~{caller}-{h_chars(LOWER_ALNUM, 9)}-{h_chars(LOWER_ALNUM, 5)}.{ns}~{ns}.svc.cluster.local'])
    if HRNG.random() < 0.15:
        h.append(['x-envoy-internal', 'true'])
    if HRNG.random() < 0.1:
        h += [['x-envoy-retry-on', '5xx,gateway-error,reset,connect-failure,retriable-4xx'], ['x-envoy-max-retries', '3']]
    if HRNG.random() < 0.1:
        h.append(['x-envoy-original-path', f'/api/{svc}/v1/items?page={HRNG.randrange(1, 9)}&sort=-updated_at'])
    if HRNG.random() < 0.1:
        h.append(['x-envoy-original-dst-host', f'10.{HRNG.randrange(256)}.{HRNG.randrange(256)}.{HRNG.randrange(256)}:8080'])
    return h


def h_forwarding_headers(site):
    h = []
    if HRNG.random() < 0.4:
        h.append(['forwarded', h_pick([f'for=192.0.2.{HRNG.randrange(1, 255)};proto=https;by=203.0.113.43;host={site}', 'for="[2001:db8:cafe::17]:4711";proto=https',
                                      'for=unknown;proto=https', 'for=_hidden, for=_SEVKISEK', f'for=198.51.100.{HRNG.randrange(1, 255)}, for=10.0.{HRNG.randrange(256)}.{HRNG.randrange(256)};host={site};proto=https'])])
    if HRNG.random() < 0.5:
        h += [['x-forwarded-host', site], ['x-forwarded-port', '443']]
    if HRNG.random() < 0.2:
        h.append(['x-forwarded-prefix', h_pick(['/api', '/shop', '/v1/gateway'])])
    if HRNG.random() < 0.3:
        h.append(['x-real-ip', f'203.0.113.{HRNG.randrange(1, 255)}'])
    if HRNG.random() < 0.1:
        h.append(['x-original-forwarded-for', f'198.51.100.{HRNG.randrange(1, 255)}, 172.70.{HRNG.randrange(256)}.{HRNG.randrange(256)}'])
    if HRNG.random() < 0.08:
        h.append(['x-scheme', 'https'])
    return h


def h_cdn_headers(site):
    return h_pick([
        [['cf-ray', f'{h_hex(16)}-{h_pick(["FRA", "AMS", "LHR", "IAD", "SJC", "NRT"])}'], ['cf-connecting-ip', f'203.0.113.{HRNG.randrange(1, 255)}'],
         ['cf-ipcountry', h_pick(['DE', 'US', 'FR', 'GB', 'JP', 'XX', 'T1'])], ['cf-visitor', '{"scheme":"https"}'], ['cdn-loop', 'cloudflare; loops=1'],
         ['cf-connecting-ipv6', '2001:db8:85a3::8a2e:370:7334']],
        [['via', f'2.0 {h_hex(32)}.cloudfront.net (CloudFront)'], ['x-amz-cf-id', f'{h_chars(B64URL, 54)}=='], ['cloudfront-viewer-country', 'DE'],
         ['cloudfront-is-mobile-viewer', 'false'], ['cloudfront-is-desktop-viewer', 'true'], ['cloudfront-forwarded-proto', 'https'],
         ['cloudfront-viewer-address', f'203.0.113.{HRNG.randrange(1, 255)}:{HRNG.randrange(1024, 65535)}'], ['cloudfront-viewer-tls', 'TLSv1.3:TLS_AES_128_GCM_SHA256:sessionResumed']],
        [['akamai-origin-hop', '2'], ['true-client-ip', f'198.51.100.{HRNG.randrange(1, 255)}'], ['via', '1.1 v1-akamaitech.net(ghost) (AkamaiGHost), 1.1 akamai.net(ghost) (AkamaiGHost)'],
         ['x-akamai-config-log-detail', 'true'], ['akamai-x-get-request-id', h_hex(8)]],
        [['fastly-client-ip', f'203.0.113.{HRNG.randrange(1, 255)}'], ['fastly-ssl', '1'], ['fastly-ff', f'{h_b64(h_bytes(30))}!FRA!cache-fra-eddf8230{HRNG.randrange(10, 99)}-FRA'],
         ['cdn-loop', 'Fastly'], ['x-timer', f'S{h_ts()}.{HRNG.randrange(10 ** 6)},VS0']],
        [['x-azure-ref', f'20251129T{HRNG.randrange(10 ** 5, 10 ** 6)}Z-{h_chars(ALNUM, 16)}'], ['x-azure-clientip', f'203.0.113.{HRNG.randrange(1, 255)}'],
         ['x-azure-socketip', f'203.0.113.{HRNG.randrange(1, 255)}'], ['x-fd-healthprobe', '0'], ['x-azure-fdid', h_uuid()]],
        [['via', '1.1 google'], ['x-cloud-trace-context', f'{h_hex(32)}/{HRNG.randrange(10 ** 18)};o=1'], ['x-client-data', h_b64(h_bytes(40))]],
        [['x-vercel-id', f'fra1::iad1::{h_chars(LOWER_ALNUM, 5)}-{h_ms()}-{h_hex(12)}'], ['x-vercel-ip-country', 'DE'], ['x-vercel-ip-city', 'Frankfurt%20am%20Main'],
         ['x-vercel-forwarded-for', f'203.0.113.{HRNG.randrange(1, 255)}']],
        [['via', '1.1 vegur'], ['x-request-start', f't={h_ms()}'], ['connect-time', '0'], ['total-route-time', '0']],
    ])


def h_authorization(service=True):
    user = h_pick(['svc-reporting', 'backup', 'grafana', 'prometheus', 'jenkins', 'alice@example.com', 'admin'])
    date = f'2025112{HRNG.randrange(0, 9)}'
    choices = [
        lambda: [['authorization', f'Bearer {h_jwt({"scope": "orders:read orders:write", "azp": "checkout", "https://example.com/claims/roles": ["support", "billing"]})}']],
        lambda: [['authorization', 'Bearer ' + h_jwt({'aud': ['https://kubernetes.default.svc.cluster.local'], 'iss': 'https://kubernetes.default.svc.cluster.local',
                                                      'kubernetes.io': {'namespace': 'shop', 'pod': {'name': f'checkout-{h_chars(LOWER_ALNUM, 10)}-{h_chars(LOWER_ALNUM, 5)}', 'uid': h_uuid()},
                                                                        'serviceaccount': {'name': 'checkout', 'uid': h_uuid()}}, 'sub': 'system:serviceaccount:shop:checkout'})]],
        lambda: [['authorization', f'Basic {h_b64((user + ":" + h_chars(ALNUM + "!@#$%^&*", 18)).encode())}']],
        lambda: [['authorization', f'AWS4-HMAC-SHA256 Credential=AKIA{h_chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}/{date}/{h_pick(["us-east-1", "eu-central-1", "eu-west-1"])}/{h_pick(["s3", "sqs", "execute-api", "es"])}/aws4_request, '
                                  f'SignedHeaders=host;x-amz-content-sha256;x-amz-date{h_pick(["", ";x-amz-security-token", ";content-type;range"])}, Signature={h_hex(64)}'],
                 ['x-amz-date', f'{date}T{HRNG.randrange(24):02d}{HRNG.randrange(60):02d}{HRNG.randrange(60):02d}Z'],
                 ['x-amz-content-sha256', h_pick(['UNSIGNED-PAYLOAD', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD'])]]
                + ([['x-amz-security-token', 'IQoJb3JpZ2luX2VjE' + h_chars(ALNUM, 8) + '//////////wEaCXVzLWVhc3QtMSJHMEUCIQ' + h_chars(B64, 300) + '==']] if HRNG.random() < 0.5 else [])
                + ([['amz-sdk-invocation-id', h_uuid()], ['amz-sdk-request', 'attempt=1; max=3']] if HRNG.random() < 0.5 else []),
        lambda: [['authorization', f'Digest username="{user}", realm="registry@example.com", nonce="{h_hex(32)}", uri="/v2/_catalog?n=100&last=shop%2Forders", '
                                  f'qop=auth, nc=0000000{HRNG.randrange(1, 9)}, cnonce="{h_hex(8)}", response="{h_hex(32)}", opaque="{h_hex(32)}", algorithm=MD5']],
        lambda: [['authorization', f'Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnagMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHgYKKwYBBAGCNwICCqKCBkAEggY8{h_chars(B64, 400)}==']],
        lambda: [['authorization', 'NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==']],
        lambda: [['authorization', f'token ghp_{h_chars(ALNUM, 36)}']],
        lambda: [['authorization', f'Bearer glpat-{h_chars(B64URL, 20)}']],
        lambda: [['authorization', f'Hawk id="dh37fgj492je", ts="{h_ts()}", nonce="{h_chars(ALNUM, 6)}", ext="some-app-ext-data", mac="{h_b64(h_bytes(32))}"']],
        lambda: [['authorization', f'OAuth oauth_consumer_key="{h_chars(ALNUM, 22)}", oauth_nonce="{h_chars(ALNUM, 42)}", oauth_signature="{h_pct(h_b64(h_bytes(20)))}", '
                                  f'oauth_signature_method="HMAC-SHA1", oauth_timestamp="{h_ts()}", oauth_token="{HRNG.randrange(10 ** 8, 10 ** 9)}-{h_chars(ALNUM, 40)}", oauth_version="1.0"']],
        lambda: [['authorization', f'SharedKey shopstorage:{h_b64(h_bytes(32))}'], ['x-ms-date', h_http_date(h_ts())], ['x-ms-version', '2024-11-04'],
                 ['x-ms-client-request-id', h_uuid()], ['x-ms-return-client-request-id', 'true']],
        lambda: [['authorization', f'SharedAccessSignature sr=https%3A%2F%2Fshop-bus.servicebus.windows.net%2Forders&sig={h_pct(h_b64(h_bytes(32)))}&se={h_ts() + 3600}&skn=RootManageSharedAccessKey']],
        lambda: [['authorization', f'ApiKey {h_b64((h_chars(ALNUM, 20) + ":" + h_chars(B64URL, 22)).encode())}']],
        lambda: [['authorization', f'Splunk {h_uuid()}']],
        lambda: [['authorization', f'SSWS 00{h_chars(B64URL, 40)}']],
        lambda: [['authorization', f'DPoP {h_jwt({"cnf": {"jkt": h_chars(B64URL, 43)}})}'], ['dpop', h_jwt({'htm': 'POST', 'htu': 'https://api.example.com/orders', 'jti': h_uuid()}, alg='ES256', sig_bytes=64)]],
        lambda: [['authorization', f'Bearer {h_chars(ALNUM, 40)}']],
        lambda: [['authorization', f'Bearer sk_live_{h_chars(ALNUM, 99)}'], ['stripe-version', '2024-11-20.acacia'], ['idempotency-key', h_uuid()]],
        lambda: [['signature', f'keyId="https://social.example.com/users/alice#main-key",algorithm="rsa-sha256",headers="(request-target) host date digest",signature="{h_b64(h_bytes(256))}"'],
                 ['date', h_http_date(h_ts())], ['digest', f'SHA-256={h_b64(h_bytes(32))}']],
        lambda: [['signature-input', f'sig1=("@method" "@authority" "@path" "content-digest" "content-type");created={h_ts()};keyid="test-key-rsa-pss"'],
                 ['signature', f'sig1=:{h_b64(h_bytes(256))}:'], ['content-digest', f'sha-256=:{h_b64(h_bytes(32))}:']],
        lambda: [['x-api-key', h_chars(ALNUM, 40)]],
        lambda: [['proxy-authorization', f'Basic {h_b64(b"proxyuser:" + h_chars(ALNUM, 12).encode())}']],
    ]
    return h_pick(choices)()


def h_conditional_headers():
    h = []
    if HRNG.random() < 0.3:
        h.append(['if-none-match', h_pick([f'W/"{h_hex(2)}-{h_hex(12)}"', f'"{h_hex(40)}"', f'W/"0815", W/"0816"', '*', f'"{h_hex(32)}-gzip"',
                                           f'W/"{HRNG.randrange(10 ** 9)}-{HRNG.randrange(10 ** 5)}"', f'"{h_b64(h_bytes(16))}"'])])
    if HRNG.random() < 0.2:
        h.append(['if-modified-since', h_http_date(h_ts() - 86400 * HRNG.randrange(1, 300))])
    if HRNG.random() < 0.1:
        h.append(['if-match', f'"{h_hex(16)}"'])
    if HRNG.random() < 0.15:
        h.append(['prefer', h_pick(['return=representation', 'return=minimal', 'respond-async, wait=10', 'odata.maxpagesize=50', 'handling=lenient',
                                    'odata.include-annotations="*"', 'outlook.timezone="W. Europe Standard Time"', 'outlook.body-content-type="text"', 'count=exact'])])
    if HRNG.random() < 0.08:
        h.append(['link', h_pick([f'<https://api.example.com/orders?page={HRNG.randrange(2, 9)}&per_page=50>; rel="next", <https://api.example.com/orders?page=12&per_page=50>; rel="last"',
                                  '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"', '<https://schemas.example.com/order.json>; rel="describedby"'])])
    if HRNG.random() < 0.1:
        h.append(['range', h_pick(['bytes=0-', 'bytes=0-1048575', f'bytes={HRNG.randrange(10 ** 6)}-'])])
    if HRNG.random() < 0.15:
        h += h_pick([[['cache-control', 'no-cache'], ['pragma', 'no-cache']], [['cache-control', 'max-age=0']],
                     [['cache-control', 'no-cache, no-store, must-revalidate'], ['pragma', 'no-cache'], ['expires', '0']], [['cache-control', 'no-store']]])
    return h


def h_misc_service_headers():
    h = []
    if HRNG.random() < 0.25:
        h.append(['grpc-timeout', h_pick(['29999914u', '30S', '100m', '4999837u', '2M', '1H'])])
    if HRNG.random() < 0.1:
        h += [['grpc-accept-encoding', 'identity,deflate,gzip'], ['te', 'trailers']]
    if HRNG.random() < 0.1:
        h.append(['grpc-metadata-x-user-id', str(HRNG.randrange(1, 99999))])
    if HRNG.random() < 0.2:
        h.append(['x-correlation-id', h_uuid()])
    if HRNG.random() < 0.15:
        h.append(['x-tenant-id', h_pick(['acme-eu', 'globex', 'initech-us', str(HRNG.randrange(1000))])])
    if HRNG.random() < 0.1:
        h += [['ce-specversion', '1.0'], ['ce-type', 'com.example.shop.order.created.v1'], ['ce-source', '/shop/orders'], ['ce-id', h_uuid()],
              ['ce-time', '2025-11-29T14:03:54.398Z'], ['ce-subject', f'orders/A-{HRNG.randrange(10000, 99999)}']]
    if HRNG.random() < 0.08:
        h += [['x-goog-api-client', h_pick(['gl-go/1.23.3 gccl/1.47.0 gax/2.14.0 rest/UNKNOWN', 'gl-python/3.12.7 grpc/1.68.0 gax/2.23.0 gapic/2.18.2 gccl/2.18.2'])],
              ['x-goog-user-project', 'shop-prod-123456']]
    if HRNG.random() < 0.08:
        h += [['dapr-app-id', 'orders'], ['dapr-caller-app-id', 'checkout'], ['dapr-caller-namespace', 'shop'], ['dapr-callee-app-id', 'orders']]
    if HRNG.random() < 0.08:
        h += [['x-kong-request-id', h_hex(24)], ['x-consumer-id', h_uuid()], ['x-consumer-username', 'mobile-app'], ['x-credential-identifier', h_uuid()]]
    if HRNG.random() < 0.06:
        h += [['kubectl-command', h_pick(['kubectl get', 'kubectl apply', 'kubectl logs'])], ['kubectl-session', h_uuid()]]
    return h


def h_body(kind):
    name = h_pick(["Ana O'Brien", 'Seán Murphy', 'Zoë Müller', 'José García', 'Mei Nakamura', 'Kofi Mensah'])
    return h_pick([
        {'sku': f'SKU-{HRNG.randrange(999999):06d}', 'quantity': HRNG.randrange(1, 5)},
        {'query': h_pick(['rain jacket', 'kids bikes', "o'neill wetsuit"]), 'page': HRNG.randrange(1, 5), 'filters': {'in_stock': True}},
        {'event': h_pick(['page_view', 'add_to_cart', 'checkout_started']), 'properties': {'path': '/products/42', 'referrer': 'https://www.google.com/'}, 'ts': h_ms()},
        {'display_name': name, 'preferences': {'newsletter': HRNG.random() < 0.5, 'language': h_pick(['en', 'de', 'fr'])}},
        {'order_id': f'A-{HRNG.randrange(10000, 99999)}', 'status': h_pick(['paid', 'shipped', 'cancelled']), 'note': h_pick(PROSE)},
        {'address': {'line1': h_pick(STREETS), 'city': h_pick(['Dublin', "L'Aquila", 'München']), 'postal_code': str(HRNG.randrange(10000, 99999))}},
        {'items': [{'id': HRNG.randrange(1, 9999), 'qty': HRNG.randrange(1, 4)} for _ in range(HRNG.randrange(1, 4))], 'coupon': h_pick([None, 'WELCOME10'])},
        {'rating': HRNG.randrange(1, 6), 'title': h_pick(['Great!', "It's OK", 'Not what I expected']), 'text': h_pick(PROSE)},
    ])


API_TARGETS = [
    ('shop', 'catalog', ['/api/v1/products/{n}', '/api/v1/products?category=shoes&page={p}&per_page=24', '/api/v2/skus/SKU-{n:06d}/availability']),
    ('shop', 'cart', ['/api/v1/carts/current', '/api/v1/carts/current/items', '/api/v1/carts/{u}/items']),
    ('shop', 'orders', ['/api/v1/orders?status=open&page={p}', '/api/v1/orders/A-{n}', '/api/v1/orders']),
    ('shop', 'search', ['/api/v1/search', '/api/v1/search/suggest?q=rain&limit=8']),
    ('shop', 'recommendations', ['/api/v1/recommendations?product_id={n}&limit=12']),
    ('shop', 'reviews', ['/api/v1/products/{n}/reviews?page={p}', '/api/v1/reviews']),
    ('identity', 'users', ['/api/v1/users/me', '/api/v1/users/me/preferences']),
    ('identity', 'sessions', ['/api/v1/sessions/current', '/api/v1/sessions/refresh']),
    ('identity', 'profiles', ['/api/v1/profiles/me']),
    ('support', 'tickets', ['/api/v1/tickets?mine=true', '/api/v1/tickets/SUP-{n}/comments']),
    ('payments', 'billing', ['/api/v1/invoices?year=2025', '/api/v1/payment-methods']),
    ('cms', 'articles', ['/api/v1/articles?tag=news&page={p}', '/api/v1/articles/{n}']),
    ('platform', 'feature-flags', ['/api/v1/flags?keys=new_checkout,dark_mode&env=prod', '/api/v1/evaluate']),
    ('platform', 'audit', ['/api/v1/events']),
]


def h_target():
    ns, svc, paths = h_pick(API_TARGETS)
    path = h_pick(paths).format(n=HRNG.randrange(1, 99999), p=HRNG.randrange(1, 9), u=h_uuid())
    return ns, svc, path


def h_request(method, headers, body=None, ctype=None, path='/'):
    seen = set()
    headers = [h for h in headers if not (h[0] in seen or seen.add(h[0]))]  # a header twice (CDN and tracer both) once
    if body is not None:
        text = h_json(body)
        headers.append(['content-type', ctype or h_pick(['application/json', 'application/json; charset=utf-8', 'application/json;charset=UTF-8'])])
        headers.append(['content-length', str(len(text.encode()))])
    else:
        text = ''
    return {'method': method, 'uri': path, 'http_version': 'HTTP/1.1', 'headers': headers, 'body': text}


def h_browser_headers(site, ua, xhr=True):
    h = []
    m = [s for s in SEC_CH_UA]
    chromium = 'Chrome/' in ua and 'Firefox' not in ua and 'iPhone' not in ua and 'iPad' not in ua and 'Mac OS X 10_15_7) AppleWebKit/605' not in ua
    if chromium and HRNG.random() < 0.9:
        brands, _ = h_pick(m)
        platform = ('"Android"' if 'Android' in ua else '"Windows"' if 'Windows' in ua else '"macOS"' if 'Macintosh' in ua
                    else '"Chrome OS"' if 'CrOS' in ua else '"Linux"')
        h += [['sec-ch-ua', brands], ['sec-ch-ua-mobile', '?1' if 'Mobile' in ua else '?0'], ['sec-ch-ua-platform', platform]]
        if HRNG.random() < 0.2:
            h += [['sec-ch-ua-platform-version', h_pick(['"15.0.0"', '"10.0.0"', '"14.6.1"', '"6.8.0"'])], ['sec-ch-ua-arch', h_pick(['"x86"', '"arm"'])],
                  ['sec-ch-ua-bitness', '"64"'], ['sec-ch-ua-model', h_pick(['""', '"Pixel 8"', '"SM-S918B"'])], ['sec-ch-ua-wow64', '?0'],
                  ['sec-ch-ua-full-version-list', re.sub(r'v="(\d+)"', lambda v: f'v="{v.group(1)}.0.{HRNG.randrange(6000, 7000)}.{HRNG.randrange(40, 200)}"' if int(v.group(1)) > 99 else f'v="{v.group(1)}.0.0.0"', brands)]]
        if HRNG.random() < 0.1:
            h += [['sec-ch-prefers-color-scheme', 'dark'], ['device-memory', '8'], ['downlink', '10'], ['ect', '4g'], ['rtt', '50']]
    if xhr:
        h += [['accept', h_pick(ACCEPT_XHR)], ['sec-fetch-site', h_pick(['same-origin', 'same-site', 'cross-site'])], ['sec-fetch-mode', 'cors'], ['sec-fetch-dest', 'empty']]
        if HRNG.random() < 0.7:
            h.append(['origin', h_pick([f'https://{site}', f'https://{site}', 'null', 'https://admin.example.com', 'capacitor://localhost', 'https://m.shop.example.com'])])
    else:
        h += [['accept', h_pick(ACCEPT_DOCUMENT)], ['upgrade-insecure-requests', '1'], ['sec-fetch-site', h_pick(['none', 'same-origin', 'cross-site'])],
              ['sec-fetch-mode', 'navigate'], ['sec-fetch-user', '?1'], ['sec-fetch-dest', 'document']]
        if HRNG.random() < 0.4:
            h.append(['cache-control', 'max-age=0'])
    h.append(['accept-language', h_pick(ACCEPT_LANGUAGE)])
    h.append(['accept-encoding', h_pick(ACCEPT_ENCODING[:3])])
    if HRNG.random() < 0.8:
        h.append(['referer', h_referer(site)])
    if HRNG.random() < 0.3:
        h.append(['priority', h_pick(['u=1, i', 'u=0, i', 'u=4', 'i'])])
    if HRNG.random() < 0.15:
        h.append(['dnt', '1'])
    if HRNG.random() < 0.1:
        h.append(['sec-gpc', '1'])
    if xhr and HRNG.random() < 0.3:
        h.append(['x-requested-with', 'XMLHttpRequest'])
    if xhr and HRNG.random() < 0.3:
        h.append([h_pick(['x-xsrf-token', 'x-csrf-token', 'x-csrftoken', 'csrf-token']), h_pick([h_uuid(), h_chars(ALNUM, 40), h_b64(json.dumps({'iv': h_b64(h_bytes(16)), 'value': h_b64(h_bytes(48)), 'mac': h_hex(64), 'tag': ''}, separators=(',', ':')).encode())])])
    return h


# --- request makers of this group -------------------------------------------------------------------------------------

def hs_browser_xhr():
    site = h_site()
    ns, svc, path = h_target()
    ua = h_pick(UA_BROWSERS).format(cv=HRNG.randrange(118, 134))
    caller = h_pick(['frontend', 'bff', 'graphql-gateway', 'mobile-gateway', 'istio-ingressgateway'])
    h, trace = h_mesh(ns, svc, caller, ua, external=True)
    h += h_browser_headers(site, ua, xhr=True)
    h += h_trace_headers(trace)
    h += h_forwarding_headers(site)
    if HRNG.random() < 0.25:
        h += h_cdn_headers(site)
    if HRNG.random() < 0.3:
        h += h_conditional_headers()
    if HRNG.random() < 0.35:
        h.append(['authorization', f'Bearer {h_jwt({"scope": "openid profile email", "sid": h_uuid()})}'])
    h.append(['cookie', h_cookie_header(browser=True)])
    method = h_pick(['GET', 'GET', 'POST', 'PUT'])
    body = h_body('xhr') if method != 'GET' else None
    ctype = h_pick([None, None, None, 'text/plain;charset=UTF-8', 'application/vnd.api+json', 'application/merge-patch+json'])
    return h_request(method, h, body, ctype, path)


def hs_browser_navigation():
    site = h_site()
    ua = h_pick(UA_BROWSERS).format(cv=HRNG.randrange(118, 134))
    path = h_pick(['/', '/products/rain-jacket?color=blue&size=M', '/search?q=rain+jacket&sort=price_asc', '/account/orders', '/cart',
                   '/checkout/shipping', '/blog/2025/11/black-friday', '/de/produkte/regenjacke', '/help/returns?from=order-email',
                   f'/products/{HRNG.randrange(1, 9999)}?utm_source=newsletter&utm_medium=email&utm_campaign=bf2025'])
    h, trace = h_mesh('cms', h_pick(['render', 'editor']), h_pick(['istio-ingressgateway', 'frontend']), ua, port=3000, external=True)
    h += h_browser_headers(site, ua, xhr=False)
    h += h_forwarding_headers(site)
    if HRNG.random() < 0.4:
        h += h_cdn_headers(site)
    if HRNG.random() < 0.3:
        h += h_trace_headers(trace)
    if HRNG.random() < 0.3:
        h.append(['if-none-match', f'W/"{h_hex(2)}-{h_b64(h_bytes(20)).rstrip("=")}"'])
    if HRNG.random() < 0.1:
        h += [['sec-purpose', 'prefetch;prerender'], ['purpose', 'prefetch']]
    h.append(['cookie', h_cookie_header(browser=True)])
    return h_request('GET', h, None, None, path)


def hs_framework_xhr():
    site = h_site()
    ns, svc, path = h_target()
    ua = h_pick(UA_BROWSERS).format(cv=HRNG.randrange(118, 134))
    h, trace = h_mesh(ns, svc, h_pick(['frontend', 'bff']), ua, port=3000, external=True)
    h += h_browser_headers(site, ua, xhr=True)
    flavour = HRNG.randrange(7)
    method, body = 'GET', None
    if flavour == 0:
        tree = ['', {'children': ['(shop)', {'children': ['products', {'children': [['id', str(HRNG.randrange(1, 9999)), 'd'], {'children': ['__PAGE__', {}]}]}]}]}, None, None, True]
        h += [['rsc', '1'], ['x-middleware-prefetch', '1'] if HRNG.random() < 0.3 else ['x-nextjs-data', '1'], ['next-router-state-tree', h_pct(json.dumps(tree, separators=(',', ':')))], ['next-url', f'/products/{HRNG.randrange(1, 9999)}']]
        if HRNG.random() < 0.5:
            h.append(['next-router-prefetch', '1'])
        path += ('&' if '?' in path else '?') + f'_rsc={h_chars(LOWER_ALNUM, 5)}'
    elif flavour == 1:
        method, body = 'POST', [h_body('action')]
        h = [x for x in h if x[0] != 'accept']
        h += [['next-action', h_hex(40)], ['next-router-state-tree', h_pct(json.dumps(['', {'children': ['checkout', {'children': ['__PAGE__', {}]}]}, None, 'refetch'], separators=(',', ':')))],
              ['accept', 'text/x-component']]
    elif flavour == 2:
        h += [['hx-request', 'true'], ['hx-current-url', f'https://{site}/contacts?q=o%27brien&page=2'], ['hx-target', 'search-results'], ['hx-trigger', 'search'], ['hx-trigger-name', 'q']]
        if HRNG.random() < 0.5:
            h.append(['hx-boosted', 'true'])
    elif flavour == 3:
        h += [['x-inertia', 'true'], ['x-inertia-version', h_hex(32)], ['x-inertia-partial-data', 'events,user'], ['x-inertia-partial-component', 'Events/Index']]
    elif flavour == 4:
        h = [x for x in h if x[0] != 'accept']
        h += [['turbo-frame', 'messages'], ['accept', 'text/vnd.turbo-stream.html, text/html, application/xhtml+xml']]
    elif flavour == 5:
        method = 'POST'
        body = {'operationName': 'GetProduct', 'variables': {'id': str(HRNG.randrange(1, 9999))}, 'extensions': {'persistedQuery': {'version': 1, 'sha256Hash': h_hex(64)}}}
        h += [['apollographql-client-name', 'web'], ['apollographql-client-version', f'{HRNG.randrange(1, 4)}.{HRNG.randrange(30)}.{HRNG.randrange(9)}'],
              ['x-apollo-operation-name', 'GetProduct'], ['apollo-require-preflight', 'true']]
        path = '/graphql'
    else:
        method, body = 'POST', {'id': h_uuid(), 'status': 'done'}
        h += [['x-sveltekit-action', 'true'], ['x-sveltekit-invalidated', '01']]
    h += h_trace_headers(trace)
    h.append(['cookie', h_cookie_header(browser=True)])
    return h_request(method, h, body, None, path)


def hs_legacy_cookie_client():
    """RFC 2965 cookies, as .NET Framework's CookieContainer and java.net.HttpCookie still write them."""
    ns, svc, path = h_target()
    ua = h_pick(['Java/1.8.0_432', 'Apache-HttpClient/4.5.14 (Java/1.8.0_432)', 'Jakarta Commons-HttpClient/3.1', 'Mozilla/4.0 (compatible; MSIE 6.0; MS Web Services Client Protocol 4.0.30319.42000)', ''])
    h, _ = h_mesh(ns, svc, h_pick(['worker', 'cron', 'admin-ui']), ua or 'Java/1.8.0_432')
    sid = h_hex(32).upper()
    h.append(['cookie', h_pick([
        f'$Version=1; JSESSIONID={sid}; $Path=/app',
        f'$Version="1"; JSESSIONID="{sid}"; $Path="/app"; $Domain=".shop.svc.cluster.local"',
        f'$Version=1; ASP.NET_SessionId={h_chars("abcdefghijklmnopqrstuvwxyz012345", 24)}; $Path=/; $Domain=.example.com',
        f'$Version="1"; Customer="WILE_E_COYOTE"; $Path="/acme"; Part_Number="Rocket_Launcher_0001"; $Path="/acme"',
        f'$Version=1; session_id={h_hex(32)}; $Path=/api; $Port="8080"',
        f'JSESSIONID="{sid}";$Path="/app";$Domain="orders.shop.svc.cluster.local"',
    ])])
    h.append(['cookie2', '$Version="1"'] if HRNG.random() < 0.4 else ['accept', '*/*'])
    method = h_pick(['GET', 'POST'])
    return h_request(method, h, h_body('legacy') if method == 'POST' else None, None, path)


# java.nio.charset.Charset.availableCharsets() of a JDK 8 runtime, lower-cased, as StringHttpMessageConverter wrote them.
JVM_CHARSETS = ('big5, big5-hkscs, cesu-8, euc-jp, euc-kr, gb18030, gb2312, gbk, ibm-thai, ibm00858, ibm01140, ibm01141, '
                'ibm01142, ibm01143, ibm01144, ibm01145, ibm01146, ibm01147, ibm01148, ibm01149, ibm037, ibm1026, ibm1047, '
                'ibm273, ibm277, ibm278, ibm280, ibm284, ibm285, ibm290, ibm297, ibm420, ibm424, ibm437, ibm500, ibm775, '
                'ibm850, ibm852, ibm855, ibm857, ibm860, ibm861, ibm862, ibm863, ibm864, ibm865, ibm866, ibm868, ibm869, '
                'ibm870, ibm871, ibm918, iso-2022-cn, iso-2022-jp, iso-2022-jp-2, iso-2022-kr, iso-8859-1, iso-8859-13, '
                'iso-8859-15, iso-8859-2, iso-8859-3, iso-8859-4, iso-8859-5, iso-8859-6, iso-8859-7, iso-8859-8, iso-8859-9, '
                'jis_x0201, jis_x0212-1990, koi8-r, koi8-u, shift_jis, tis-620, us-ascii, utf-16, utf-16be, utf-16le, utf-32, '
                'utf-32be, utf-32le, utf-8, windows-1250, windows-1251, windows-1252, windows-1253, windows-1254, windows-1255, '
                'windows-1256, windows-1257, windows-1258, windows-31j, x-big5-hkscs-2001, x-big5-solaris, x-compound_text, '
                'x-euc-jp-linux, x-euc-tw, x-eucjp-open, x-ibm1006, x-ibm1025, x-ibm1046, x-ibm1097, x-ibm1098, x-ibm1112, '
                'x-ibm1122, x-ibm1123, x-ibm1124, x-ibm1364, x-ibm1381, x-ibm1383, x-ibm300, x-ibm33722, x-ibm737, x-ibm833, '
                'x-ibm834, x-ibm856, x-ibm874, x-ibm875, x-ibm921, x-ibm922, x-ibm930, x-ibm933, x-ibm935, x-ibm937, x-ibm939, '
                'x-ibm942, x-ibm942c, x-ibm943, x-ibm943c, x-ibm948, x-ibm949, x-ibm949c, x-ibm950, x-ibm964, x-ibm970, '
                'x-iscii91, x-iso-2022-cn-cns, x-iso-2022-cn-gb, x-iso-8859-11, x-jis0208, x-jisautodetect, x-johab, '
                'x-macarabic, x-maccentraleurope, x-maccroatian, x-maccyrillic, x-macdingbat, x-macgreek, x-machebrew, '
                'x-maciceland, x-macroman, x-macromania, x-macsymbol, x-macthai, x-macturkish, x-macukraine, x-ms932_0213, '
                'x-ms950-hkscs, x-ms950-hkscs-xp, x-mswin-936, x-pck, x-sjis_0213, x-utf-16le-bom, x-utf-32be-bom, '
                'x-utf-32le-bom, x-windows-50220, x-windows-50221, x-windows-874, x-windows-949, x-windows-950, x-windows-iso2022jp')


def hs_spring_rest_template():
    """A Spring RestTemplate before 5.2 reading a String: StringHttpMessageConverter sent every JVM charset."""
    ns, svc, path = h_target()
    h, _ = h_mesh(ns, svc, h_pick(['billing', 'reporting', 'legacy-erp']), h_pick(['Java/1.8.0_402', 'Apache-HttpClient/4.5.13 (Java/1.8.0_402)']))
    h.append(['accept', 'text/plain, application/json, application/*+json, */*'])
    h.append(['accept-charset', JVM_CHARSETS])
    return h_request('GET', h, None, None, path)


def hs_service_call():
    ns, svc, path = h_target()
    ua = h_pick(UA_CLIENTS)
    caller = h_pick(CALLERS)
    h, trace = h_mesh(ns, svc, caller, ua)
    h.append(['accept', h_pick(['application/json', '*/*', 'application/json, text/plain, */*', 'application/x-protobuf, application/json', 'application/hal+json'])])
    if HRNG.random() < 0.5:
        h.append(['accept-encoding', h_pick(ACCEPT_ENCODING)])
    if HRNG.random() < 0.2:
        h.append(['accept-language', h_pick(ACCEPT_LANGUAGE)])
    h += h_authorization()
    h += h_trace_headers(trace)
    h += h_envoy_headers(ns, svc, caller)
    h += h_misc_service_headers()
    h += h_conditional_headers()
    if HRNG.random() < 0.25:
        h.append(['cookie', h_cookie_header(browser=False)])
    method = h_pick(['GET', 'GET', 'POST', 'PUT'])
    ctype = h_pick([None, None, 'application/cloudevents+json; charset=utf-8', 'application/vnd.kafka.json.v2+json', 'application/problem+json'])
    return h_request(method, h, h_body('svc') if method != 'GET' else None, ctype, path)


def hs_platform_tool():
    ua = h_pick(UA_TOOLS + ['kube-probe/1.31', 'Envoy/HC', 'Prometheus/2.55.1', 'Grafana/11.3.1', 'Blackbox Exporter/0.25.0'])
    ns = h_pick(NAMESPACES)
    svc = h_pick(SERVICES[ns])
    caller = h_pick(['argocd-application-controller', 'flux-system', 'prometheus', 'grafana', 'ci-runner', 'terraform', 'velero', 'cert-manager'])
    h, trace = h_mesh(ns, svc, caller, ua)
    if ua.startswith('Prometheus') or ua.startswith('Blackbox'):
        h += [['accept', 'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'],
              ['accept-encoding', 'gzip'], ['x-prometheus-scrape-timeout-seconds', '10']]
        return h_request('GET', h, None, None, h_pick(['/metrics', '/actuator/prometheus', '/stats/prometheus', '/metrics?format=prometheus']))
    if ua.startswith('kube-probe') or ua.startswith('Envoy/HC'):
        h.append(['accept', '*/*'])
        if ua.startswith('Envoy/HC'):
            h.append(['x-envoy-internal', 'true'])
        return h_request('GET', h, None, None, h_pick(['/healthz', '/readyz', '/actuator/health/liveness', '/actuator/health/readiness', '/health/ready']))
    if ua.startswith('Grafana'):
        h += [['accept', 'application/json, text/plain, */*'], ['x-grafana-org-id', '1'], ['x-datasource-uid', h_chars(ALNUM, 14)],
              ['x-dashboard-uid', h_chars(ALNUM, 9)], ['x-panel-id', str(HRNG.randrange(1, 40))], ['x-grafana-from-expr', 'now-6h'], ['x-grafana-to-expr', 'now']]
        if HRNG.random() < 0.5:
            h.append(['x-grafana-user', h_pick(['admin', 'alice@example.com'])])
        h.append(['authorization', f'Bearer glsa_{h_chars(ALNUM, 32)}_{h_hex(8)}'])
        return h_request('GET', h, None, None, '/api/v1/query_range?query=' + h_pct('sum by (code) (rate(http_requests_total{job="orders",code=~"5.."}[5m]))') + f'&start={h_ts()}&end={h_ts() + 21600}&step=30')
    if 'kubectl' in ua:
        h.append(['accept', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'])
    else:
        h.append(['accept', h_pick(['application/json', 'application/json, */*', 'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.v2+json'])])
    h += h_authorization()
    if 'kubectl' in ua and HRNG.random() < 0.6:
        h += [['kubectl-command', h_pick(['kubectl get', 'kubectl apply', 'kubectl rollout'])], ['kubectl-session', h_uuid()]]
    if HRNG.random() < 0.3:
        h += h_trace_headers(trace)
    method = h_pick(['GET', 'GET', 'PUT', 'POST'])
    path = h_pick(['/api/v1/config/checkout', '/api/v1/jobs/nightly-report', '/api/v1/releases?limit=20', '/v2/shop/orders/manifests/1.24.0',
                   '/api/v1/deployments?labelSelector=app.kubernetes.io%2Fname%3Dorders%2Capp.kubernetes.io%2Fpart-of%3Dshop&limit=500',
                   '/api/v1/backups?schedule=daily'])
    return h_request(method, h, {'name': 'orders', 'version': f'1.{HRNG.randrange(30)}.0', 'replicas': HRNG.randrange(1, 6)} if method != 'GET' else None, None, path)


def hs_object_storage():
    ua = h_pick([u for u in UA_TOOLS if u.startswith(('aws', 'Boto3', 'APN', 'MinIO', 'rclone', 'restic', 'Velero', 'azsdk', 'AZURECLI', 'gcloud', 'google'))])
    svc = h_pick(['minio', 'azurite', 'fake-gcs'])
    ns = 'platform'
    h, trace = h_mesh(ns, svc, h_pick(['velero', 'exports', 'media', 'backup']), ua, port=9000)
    if svc == 'minio':
        date = f'2025112{HRNG.randrange(0, 9)}'
        h += [['authorization', f'AWS4-HMAC-SHA256 Credential={h_chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 20)}/{date}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={h_hex(64)}'],
              ['x-amz-date', f'{date}T{HRNG.randrange(24):02d}{HRNG.randrange(60):02d}{HRNG.randrange(60):02d}Z'],
              ['x-amz-content-sha256', h_pick(['UNSIGNED-PAYLOAD', h_hex(64)])], ['amz-sdk-invocation-id', h_uuid()], ['amz-sdk-request', 'attempt=1; max=3']]
        if HRNG.random() < 0.4:
            h.append(['x-amz-user-agent', 'aws-sdk-js/3.699.0'])
        path = h_pick([f'/exports/orders-2025-11-{HRNG.randrange(1, 29):02d}.json?x-id=PutObject', '/velero-backups?list-type=2&prefix=backups%2Fdaily-20251129%2F&delimiter=%2F',
                       f'/media/{h_uuid()}.json', '/exports?location=', '/media?uploads=', f'/media/{h_uuid()}?tagging'])
        method = 'PUT' if 'PutObject' in path or path.startswith('/media/') else 'GET'
        if method == 'PUT':
            h += [['x-amz-meta-original-filename', h_pick(['Q4 report (final).json', "O'Brien invoice.json", 'export 2025-11-29.json'])],
                  ['content-disposition', h_pick(['attachment; filename="Q4 report (final).json"; filename*=UTF-8\'\'Q4%20report%20%28final%29.json',
                                                   'inline; filename="export.json"', "attachment; filename*=UTF-8''M%C3%BCller%20%26%20S%C3%B6hne.json"])],
                  ['x-amz-server-side-encryption', 'aws:kms'], ['x-amz-checksum-crc32', h_b64(h_bytes(4))]]
    elif svc == 'azurite':
        h += [['authorization', f'SharedKey devstoreaccount1:{h_b64(h_bytes(32))}'], ['x-ms-date', h_http_date(h_ts())], ['x-ms-version', '2024-11-04'],
              ['x-ms-client-request-id', h_uuid()], ['x-ms-return-client-request-id', 'true']]
        path = h_pick(['/devstoreaccount1/exports?restype=container&comp=list&prefix=orders%2F2025%2F', f'/devstoreaccount1/media/{h_uuid()}.json'])
        method = 'PUT' if path.endswith('.json') else 'GET'
        if method == 'PUT':
            h += [['x-ms-blob-type', 'BlockBlob'], ['x-ms-blob-content-type', 'application/json'], ['x-ms-meta-uploadedby', 'media-service'],
                  ['x-ms-blob-content-disposition', 'attachment; filename="export.json"']]
    else:
        h += [['authorization', f'Bearer ya29.{h_chars(B64URL, 180)}'], ['x-goog-api-client', 'gl-go/1.23.3 gccl/1.47.0 gax/2.14.0 rest/UNKNOWN'],
              ['x-goog-gcs-idempotency-token', h_uuid()]]
        path = h_pick(['/storage/v1/b/shop-exports/o?alt=json&delimiter=%2F&prefix=orders%2F&prettyPrint=false&projection=full&versions=false',
                       '/upload/storage/v1/b/shop-exports/o?alt=json&name=orders%2F2025-11-29.json&prettyPrint=false&projection=full&uploadType=media'])
        method = 'POST' if 'upload' in path else 'GET'
    h += h_trace_headers(trace)
    body = {'orders': [{'id': f'A-{HRNG.randrange(10000, 99999)}', 'total': round(HRNG.uniform(5, 500), 2)} for _ in range(HRNG.randrange(1, 4))]} if method != 'GET' else None
    return h_request(method, h, body, None, path)


def hs_webhook_delivery():
    ua = h_pick(['Stripe/1.0 (+https://stripe.com/docs/webhooks)', 'GitHub-Hookshot/8d3bfa4', 'Slackbot 1.0 (+https://api.slack.com/robots)', 'Shopify-Captain-Hook',
                 'Svix-Webhooks/1.42.0 (sender-XkF3p; +https://www.svix.com/http-sender/)', 'GitLab/17.6.0', 'Bitbucket-Webhooks/2.0', 'PagerDuty-Webhook/V3.0'])
    h, trace = h_mesh('payments', h_pick(['billing', 'ledger']), 'istio-ingressgateway', ua, external=True)
    ts = h_ts()
    if ua.startswith('Stripe'):
        h += [['stripe-signature', f't={ts},v1={h_hex(64)},v0={h_hex(64)}'], ['accept', '*/*; q=0.5, application/xml'], ['cache-control', 'no-cache']]
        body = {'id': f'evt_{h_chars(ALNUM, 24)}', 'object': 'event', 'type': 'payment_intent.succeeded', 'livemode': True, 'data': {'object': {'id': f'pi_{h_chars(ALNUM, 24)}', 'amount': HRNG.randrange(100, 100000)}}}
    elif ua.startswith('GitHub'):
        h += [['x-github-event', h_pick(['push', 'pull_request', 'workflow_run'])], ['x-github-delivery', h_uuid()], ['x-github-hook-id', str(HRNG.randrange(10 ** 8, 10 ** 9))],
              ['x-github-hook-installation-target-type', 'repository'], ['x-hub-signature', f'sha1={h_hex(40)}'], ['x-hub-signature-256', f'sha256={h_hex(64)}'], ['accept', '*/*']]
        body = {'ref': 'refs/heads/main', 'before': h_hex(40), 'after': h_hex(40), 'repository': {'full_name': 'example/shop'}, 'pusher': {'name': 'alice'}}
    elif ua.startswith('Slack'):
        h += [['x-slack-signature', f'v0={h_hex(64)}'], ['x-slack-request-timestamp', str(ts)], ['accept', 'application/json,*/*']]
        body = {'token': h_chars(ALNUM, 24), 'type': 'event_callback', 'event': {'type': 'app_mention', 'text': '<@U123ABC> deploy orders to prod?'}}
    elif ua.startswith('Shopify'):
        h += [['x-shopify-topic', 'orders/create'], ['x-shopify-hmac-sha256', h_b64(h_bytes(32))], ['x-shopify-shop-domain', 'example.myshopify.com'],
              ['x-shopify-api-version', '2024-10'], ['x-shopify-webhook-id', h_uuid()], ['x-shopify-triggered-at', '2025-11-29T14:03:54.398271Z']]
        body = {'id': HRNG.randrange(10 ** 12), 'email': 'ana.obrien@example.com', 'total_price': '59.90', 'currency': 'EUR'}
    elif ua.startswith('Svix'):
        h += [['svix-id', f'msg_{h_chars(ALNUM, 27)}'], ['svix-timestamp', str(ts)], ['svix-signature', f'v1,{h_b64(h_bytes(32))} v1,{h_b64(h_bytes(32))}']]
        body = {'type': 'invoice.paid', 'data': {'id': f'inv_{h_hex(12)}'}}
    elif ua.startswith('GitLab'):
        h += [['x-gitlab-event', 'Pipeline Hook'], ['x-gitlab-token', h_chars(ALNUM, 32)], ['x-gitlab-instance', 'https://gitlab.example.com'],
              ['x-gitlab-webhook-uuid', h_uuid()], ['x-gitlab-event-uuid', h_uuid()]]
        body = {'object_kind': 'pipeline', 'object_attributes': {'id': HRNG.randrange(10 ** 6), 'status': 'success', 'ref': 'main'}}
    elif ua.startswith('Bitbucket'):
        h += [['x-event-key', 'repo:push'], ['x-hook-uuid', h_uuid()], ['x-request-uuid', h_uuid()], ['x-attempt-number', '1'], ['x-hub-signature', f'sha256={h_hex(64)}']]
        body = {'push': {'changes': [{'new': {'name': 'main', 'type': 'branch'}}]}}
    else:
        h += [['x-pagerduty-signature', f'v1={h_hex(64)}'], ['x-webhook-id', h_uuid()], ['x-webhook-subscription', f'P{h_chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 6)}']]
        body = {'event': {'id': f'01{h_chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 24)}', 'event_type': 'incident.triggered', 'resource_type': 'incident',
                          'data': {'title': 'orders: 5xx rate above 2% for 5 minutes', 'urgency': 'high'}}}
    h += h_trace_headers(trace) if HRNG.random() < 0.3 else []
    return h_request('POST', h, body, None, h_pick(['/webhooks/stripe', '/webhooks/github', '/hooks/events', '/api/v1/webhooks/inbound']))


def hs_edge_forwarded():
    site = h_site()
    ns, svc, path = h_target()
    ua = h_pick(UA_BROWSERS + UA_CLIENTS[:20]).format(cv=HRNG.randrange(118, 134))
    h, trace = h_mesh(ns, svc, 'istio-ingressgateway', ua, external=True)
    h += h_cdn_headers(site)
    h += h_forwarding_headers(site)
    h.append(['accept', h_pick(ACCEPT_XHR)])
    h.append(['accept-encoding', h_pick(ACCEPT_ENCODING)])
    h += h_trace_headers(trace)
    if HRNG.random() < 0.6:
        h.append(['cookie', h_cookie_header(browser=True)])
    if HRNG.random() < 0.4:
        h += h_authorization()
    return h_request('GET', h, None, None, path)


SEARCH_ENGINES = [
    ('elasticsearch-es-http', 'search', 'elasticsearch-java/8.15.0 (Java/21.0.4)', 'application/vnd.elasticsearch+json; compatible-with=8'),
    ('elasticsearch-es-http', 'search', 'elastic-transport-js/8.7.1 (linux 6.1.0-amd64-x64; Node.js v20.17.0)', 'application/vnd.elasticsearch+json; compatible-with=8'),
    ('opensearch-cluster-master', 'search', 'opensearch-py/2.6.0 (Python 3.12.4)', 'application/json'),
    ('opensearch-cluster-master', 'logging', 'opensearch-java/2.13.0 (Java/17.0.12)', 'application/json'),
]
SEARCH_TERMS = ['running shoes', 'rain jacket', "kids' scooter", 'chef knife', 'vinyl', 'select a size', 'order by mail',
                'from the drop-down', 'where to buy', 'union jack flag', 'drop earrings', 'table lamp', 'script font poster']
SEARCH_INDICES = ['products', 'orders', 'reviews', 'articles', 'tickets', 'logs-app-2026.11.28', 'logs-*', 'orders-*']


def h_search_query():
    term = h_pick(SEARCH_TERMS)
    return h_pick([
        {'from': HRNG.randrange(0, 100, 10), 'size': h_pick([10, 20, 50]),
         'query': {'bool': {'must': [{'match': {'name': term}}], 'filter': [{'term': {'in_stock': True}},
                   {'range': {'price': {'gte': HRNG.randrange(1, 50), 'lte': HRNG.randrange(100, 500)}}}]}},
         'sort': [{'_score': 'desc'}, {'created_at': 'desc'}], '_source': ['name', 'price', 'sku']},
        {'size': 0, 'aggs': {'by_status': {'terms': {'field': 'status.keyword', 'size': 10}}, 'revenue': {'sum': {'field': 'total'}}},
         'query': {'range': {'@timestamp': {'gte': h_pick(['now-1d/d', 'now-15m', 'now-7d/d'])}}}},
        {'query': {'query_string': {'query': f'level:ERROR AND service:{h_pick(["checkout", "cart", "orders"])} AND NOT message:"timeout"',
                                    'default_field': 'message'}}, 'highlight': {'fields': {'message': {}}}},
        {'query': {'multi_match': {'query': term, 'fields': ['title^3', 'description']}},
         'suggest': {'title-suggest': {'prefix': term[:3], 'completion': {'field': 'suggest'}}}},
        {'query': {'match_all': {}}, 'runtime_mappings': {'day': {'type': 'keyword',
         'script': {'source': "emit(doc['@timestamp'].value.dayOfWeekEnum.toString())"}}}, 'aggs': {'days': {'terms': {'field': 'day'}}}},
        {'query': {'script_score': {'query': {'match': {'name': term}},
                   'script': {'source': "Math.log(2 + doc['popularity'].value) * params.boost", 'params': {'boost': 1.5}}}}},
        {'query': {'regexp': {'path.keyword': '/api/v[0-9]+/.*'}}, 'size': 5},
        {'size': 100, 'query': {'wildcard': {'sku': {'value': 'SKU-1*'}}}, 'pit': {'id': h_hex(40), 'keep_alive': '1m'}},
    ])


def hs_search_engine_call():
    svc, ns, ua, accept = h_pick(SEARCH_ENGINES)
    caller = h_pick(['search', 'catalog', 'orders', 'log-shipper', 'reporting', 'recommendations'])
    h, trace = h_mesh(ns, svc, caller, ua, port=9200)
    h.append(['accept', accept])
    h += h_trace_headers(trace)
    if HRNG.random() < 0.5:
        h.append(['authorization', 'Basic ' + base64.b64encode(f'{caller}:{h_hex(24)}'.encode()).decode()])
    index = h_pick(SEARCH_INDICES)
    shape = h_pick(['search', 'search', 'search', 'count', 'analyze', 'update', 'update_by_query', 'bulk', 'msearch',
                    'template', 'put_template', 'render', 'mapping', 'simulate', 'doc'])
    ctype = 'application/json' if accept == 'application/json' else accept
    if shape == 'search':
        return h_request(h_pick(['GET', 'POST']), h, h_search_query(), ctype, f'/{index}/_search' + h_pick(['', '?typed_keys=true', '?scroll=1m', '?request_cache=true']))
    if shape == 'count':
        return h_request('GET', h, {'query': {'exists': {'field': h_pick(['discount', 'deleted_at', 'assignee'])}}}, ctype, f'/{index}/_count')
    if shape == 'analyze':
        return h_request('GET', h, {'analyzer': h_pick(['standard', 'english', 'autocomplete']), 'text': h_pick(SEARCH_TERMS).capitalize()}, ctype, '/_analyze')
    if shape == 'update':
        script = h_pick(["if (ctx._source.status == params.from) { ctx._source.status = params.to } else { ctx.op = 'noop' }",
                         'ctx._source.stock -= params.qty; if (ctx._source.stock <= 0) { ctx._source.in_stock = false }',
                         "if (ctx._source.tags == null) { ctx._source.tags = [] } ctx._source.tags.add(params.tag)"])
        return h_request('POST', h, {'script': {'source': script, 'lang': 'painless', 'params': {'from': 'open', 'to': 'closed', 'qty': HRNG.randrange(1, 5), 'tag': 'sale'}}},
                         ctype, f'/{index.rstrip("*-")}/_update/{h_uuid()}')
    if shape == 'update_by_query':
        return h_request('POST', h, {'script': {'source': 'ctx._source.price = ctx._source.price * params.factor', 'lang': 'painless',
                                                'params': {'factor': h_pick([0.9, 0.85, 1.1])}}, 'query': {'term': {'category': h_pick(['shoes', 'jackets', 'lamps'])}}},
                         ctype, f'/{index.rstrip("*-")}/_update_by_query?conflicts=proceed')
    if shape in ('bulk', 'msearch'):
        if shape == 'bulk':
            lines = []
            for _ in range(HRNG.randrange(2, 6)):
                doc_id = h_uuid()
                lines.append(json.dumps({'index': {'_index': index.rstrip('*-'), '_id': doc_id}}))
                lines.append(json.dumps({'name': h_pick(PRODUCTS), 'price': round(HRNG.uniform(1, 300), 2)}, ensure_ascii=False))
            lines.append(json.dumps({'delete': {'_index': index.rstrip('*-'), '_id': h_uuid()}}))
        else:
            lines = []
            for _ in range(HRNG.randrange(2, 4)):
                lines.append(json.dumps({'index': h_pick(SEARCH_INDICES)}))
                lines.append(json.dumps({'query': {'match': {'name': h_pick(SEARCH_TERMS)}}, 'size': 5}))
        body = '\n'.join(lines) + '\n'
        h.append(['content-type', 'application/x-ndjson'])
        h.append(['content-length', str(len(body.encode()))])
        return {'method': 'POST', 'uri': f'/_{shape}', 'http_version': 'HTTP/1.1', 'headers': h, 'body': body}
    if shape == 'template':
        return h_request('GET', h, {'id': 'product-search', 'params': {'query_string': h_pick(SEARCH_TERMS), 'from': 0, 'size': 10}}, ctype, f'/{index}/_search/template')
    if shape == 'put_template':
        source = h_pick([{'query': {'match': {'name': '{{query_string}}'}}, 'from': '{{from}}{{^from}}0{{/from}}', 'size': '{{size}}{{^size}}10{{/size}}'},
                         '{"query":{"terms":{"tags":{{#toJson}}tags{{/toJson}}}}}'])
        return h_request('PUT', h, {'script': {'lang': 'mustache', 'source': source}}, ctype, '/_scripts/product-search')
    if shape == 'render':
        return h_request('POST', h, {'source': '{ "query": { "match": { "title": "{{q}}" } } }', 'params': {'q': h_pick(SEARCH_TERMS)}}, ctype, '/_render/template')
    if shape == 'mapping':
        return h_request('PUT', h, {'settings': {'number_of_shards': 1, 'analysis': {'analyzer': {'autocomplete': {'tokenizer': 'autocomplete', 'filter': ['lowercase']}},
                                                'tokenizer': {'autocomplete': {'type': 'edge_ngram', 'min_gram': 2, 'max_gram': 10, 'token_chars': ['letter']}}}},
                                    'mappings': {'properties': {'name': {'type': 'text', 'analyzer': 'autocomplete'}, 'price': {'type': 'float'},
                                                                'created_at': {'type': 'date', 'format': 'strict_date_optional_time||epoch_millis'}}}},
                         ctype, f'/{index.rstrip("*-")}-v{HRNG.randrange(2, 9)}')
    if shape == 'simulate':
        return h_request('POST', h, {'pipeline': {'processors': [{'script': {'source': 'ctx.price_cents = (long)(ctx.price * 100)'}},
                                                               {'grok': {'field': 'message', 'patterns': ['%{IP:client} %{WORD:method} %{URIPATHPARAM:request}']}}]},
                                    'docs': [{'_source': {'price': 9.99, 'message': '10.0.0.1 GET /index.html'}}]}, ctype, '/_ingest/pipeline/_simulate')
    return h_request('PUT', h, {'name': h_pick(PRODUCTS), 'description': '<p>Fits <b>all</b> sizes. Select your size from the drop-down.</p>',
                                'price': round(HRNG.uniform(1, 300), 2)}, ctype, f'/{index.rstrip("*-")}/_doc/{HRNG.randrange(1, 99999)}')


PROMQL = [
    'sum(rate(http_requests_total{{job="{svc}",status=~"5.."}}[5m])) by (service)',
    'histogram_quantile(0.99, sum by (le, service) (rate(http_request_duration_seconds_bucket{{namespace="{ns}"}}[5m])))',
    'up{{job=~"kubernetes-.*"}} == 0',
    'count(kube_pod_status_phase{{phase!="Running",namespace="{ns}"}} > 0) or vector(0)',
    'label_replace(rate(container_cpu_usage_seconds_total{{container!="",namespace="{ns}"}}[1m]), "pod", "$1", "pod_name", "(.*)")',
    '100 * (1 - avg by(instance)(irate(node_cpu_seconds_total{{mode="idle"}}[5m])))',
    'sum(increase(istio_requests_total{{reporter="destination",destination_workload_namespace="{ns}",response_code=~"4..|5.."}}[1h])) / sum(increase(istio_requests_total{{reporter="destination"}}[1h]))',
    'sum(rate(eastwestids_alerts_total{{severity="high"}}[5m])) by (category) > 0',
    'topk(5, sum by (pod) (container_memory_working_set_bytes{{namespace="{ns}", container!~"POD|istio-proxy"}}))',
]
LOGQL = [
    '{{namespace="{ns}", app="{svc}"}} |= "error" | json | line_format "{{{{.level}}}} {{{{.msg}}}}"',
    'sum by (pod) (count_over_time({{namespace="{ns}"}} |~ "(?i)exception|panic" [5m]))',
    '{{app="{svc}"}} | pattern `<ip> - - <_> "<method> <uri> <_>" <status> <_>` | status >= 500',
    '{{namespace="{ns}"}} | logfmt | duration > 1s | label_format svc="{{{{.app}}}}"',
    'rate({{namespace="{ns}", container="istio-proxy"}} |= "response_code=503" [1m])',
]


def hs_observability_call():
    ns = h_pick(NAMESPACES)
    svc = h_pick(SERVICES[ns])
    shape = h_pick(['prom_range', 'prom_range', 'prom_instant', 'prom_series', 'loki', 'loki', 'grafana_ds', 'otlp_traces', 'otlp_logs'])
    if shape.startswith('otlp'):
        caller, ua = svc, h_pick(['OTel-OTLP-Exporter-Java/1.42.1', 'OTel-OTLP-Exporter-Go/1.31.0', 'OTel-OTLP-Exporter-Python/1.27.0'])
        h, trace = h_mesh('observability', 'otel-collector', caller, ua, port=4318)
        now = h_ms()
        if shape == 'otlp_traces':
            # no db.statement: SQL text in a span is SQL by design, like a search engine's SQL endpoint (README)
            body = {'resourceSpans': [{'resource': {'attributes': [{'key': 'service.name', 'value': {'stringValue': svc}}]},
                     'scopeSpans': [{'scope': {'name': 'io.opentelemetry.jdbc'}, 'spans': [
                         {'traceId': trace, 'spanId': h_hex(16), 'name': h_pick(['SELECT', 'UPDATE', 'INSERT']) + ' ' + svc, 'kind': 3,
                          'startTimeUnixNano': str(now * 1000000), 'endTimeUnixNano': str(now * 1000000 + 1000000),
                          'attributes': [{'key': 'db.system', 'value': {'stringValue': 'postgresql'}},
                                         {'key': 'db.operation', 'value': {'stringValue': 'SELECT'}}, {'key': 'db.sql.table', 'value': {'stringValue': 'orders'}}]},
                         {'traceId': trace, 'spanId': h_hex(16), 'name': 'HTTP GET', 'kind': 2, 'status': {'code': 2},
                          'attributes': [{'key': 'http.url', 'value': {'stringValue': f'http://{svc}.{ns}:8080/api/v1/items?id={HRNG.randrange(1, 999)}&fields=name,price'}},
                                         {'key': 'exception.stacktrace', 'value': {'stringValue': 'java.lang.IllegalStateException: boom\n\tat com.shop.Orders.create(Orders.java:42)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)'}}]}]}]}]}
            return h_request('POST', h, body, 'application/json', '/v1/traces')
        body = {'resourceLogs': [{'resource': {'attributes': [{'key': 'service.name', 'value': {'stringValue': svc}}]}, 'scopeLogs': [{'logRecords': [
            {'timeUnixNano': str(h_ms() * 1000000), 'severityText': 'ERROR', 'body': {'stringValue': f'Payment failed for order A-{HRNG.randrange(10000, 99999)}: card declined; retry=1'}},
            {'severityText': 'INFO', 'body': {'stringValue': 'GET /api/v1/cart?id=5 200 12ms ua="Mozilla/5.0 (Windows NT 10.0; Win64; x64)"'}}]}]}]}
        return h_request('POST', h, body, 'application/json', '/v1/logs')
    promql = h_pick(PROMQL).format(ns=ns, svc=svc)
    if shape == 'grafana_ds':
        h, trace = h_mesh('monitoring', 'grafana', 'grafana', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36', port=3000)
        h += [['accept', 'application/json, text/plain, */*'], ['x-grafana-org-id', '1'], ['x-dashboard-uid', h_hex(9)], ['x-panel-id', str(HRNG.randrange(1, 40))]]
        now = h_ms()
        body = {'queries': [{'refId': 'A', 'expr': promql, 'datasource': {'type': 'prometheus', 'uid': 'prometheus'}, 'intervalMs': 15000,
                             'maxDataPoints': 1200, 'legendFormat': '{{service}}'}], 'from': str(now - 3600000), 'to': str(now)}
        return h_request('POST', h, body, 'application/json', '/api/ds/query?ds_type=prometheus')
    caller, ua = h_pick([('grafana', 'Grafana/11.3.1'), ('prometheus-operator', 'Go-http-client/1.1'), ('kiali', 'Go-http-client/1.1'), ('thanos-ruler', 'Thanos/0.36.1')])
    if shape == 'loki':
        h, trace = h_mesh('monitoring', 'loki-gateway', caller, ua, port=80)
        logql = h_pick(LOGQL).format(ns=ns, svc=svc)
        path = f'/loki/api/v1/query_range?query={urllib.parse.quote(logql, safe="")}&limit=1000&direction=backward&start={h_ts()}000000000'
        return h_request('GET', h, None, None, path)
    h, trace = h_mesh('monitoring', 'prometheus-k8s', caller, ua, port=9090)
    h.append(['accept', 'application/json, text/plain, */*'])
    now = h_ts()
    if shape == 'prom_series':
        selector = h_pick([f'up{{namespace="{ns}"}}', f'http_requests_total{{job="{svc}"}}', 'kube_pod_info', f'istio_requests_total{{destination_service_namespace="{ns}"}}'])
        path = f'/api/v1/series?match[]={urllib.parse.quote(selector, safe="")}&start={now - 3600}&end={now}'
    elif shape == 'prom_instant':
        path = f'/api/v1/query?query={urllib.parse.quote(promql, safe="")}&time={now}'
    else:
        path = f'/api/v1/query_range?query={urllib.parse.quote(promql, safe="")}&start={now - 3600}&end={now}&step={h_pick([15, 30, 60])}'
    return h_request('GET', h, None, None, path)


def h_app_url():
    site = h_pick(['https://shop.example.com', 'https://admin.example.com', 'https://grafana.example.com', 'https://argo.example.com'])
    inner = h_pick(['/orders?tab=open&q=rain jacket', '/account/tickets?status=open&sort=-updated', '/d/abc123/checkout?orgId=1&var-ns=shop',
                    '/applications?proj=shop&sync=OutOfSync', '/search?q=men\'s shoes&size=42', '/'])
    return site, inner


def hs_identity_provider_call():
    site, inner = h_app_url()
    shape = h_pick(['auth', 'auth', 'token_code', 'token_client', 'token_exchange', 'logout', 'userinfo', 'webhook'])
    if shape == 'webhook':
        ns = h_pick(NAMESPACES)
        h, trace = h_mesh(ns, 'notifications', h_pick(CALLERS), h_pick(UA_CLIENTS))
        h += h_trace_headers(trace)
        callback = f'https://hooks.{h_pick(["partner.example", "erp.example.net"])}/ewids?source={ns}&redirect=' + urllib.parse.quote(site + inner, safe='')
        return h_request('POST', h, {'url': callback, 'events': ['order.created', 'order.paid'], 'secret': h_b64(bytes(HRNG.randrange(256) for _ in range(24)), url=True)},
                         None, '/api/v1/webhooks')
    idp, port, realm = h_pick([('keycloak', 8080, '/realms/shop/protocol/openid-connect'), ('dex', 5556, '/dex')])
    caller, ua = h_pick([('oauth2-proxy', 'oauth2-proxy/v7.7.1'), ('frontend', 'Go-http-client/1.1'), ('bff', 'ReactorNetty/1.1.22')])
    h, trace = h_mesh('auth', idp, caller, ua, port=port)
    h += h_trace_headers(trace)
    redirect = f'{site}/oauth2/callback?next=' + urllib.parse.quote(inner, safe='')
    if shape == 'auth':
        query = urllib.parse.urlencode({'client_id': 'web', 'redirect_uri': redirect, 'response_type': 'code', 'scope': 'openid email profile groups',
                                        'state': h_b64(bytes(HRNG.randrange(256) for _ in range(16)), url=True), 'nonce': h_hex(16),
                                        'code_challenge': h_b64(bytes(HRNG.randrange(256) for _ in range(32)), url=True), 'code_challenge_method': 'S256'})
        return h_request('GET', h, None, None, f'{realm}/auth?{query}')
    if shape == 'logout':
        return h_request('GET', h, None, None, f'{realm}/logout?' + urllib.parse.urlencode({'post_logout_redirect_uri': site + inner, 'client_id': 'web'}))
    if shape == 'userinfo':
        h.append(['authorization', 'Bearer ' + '.'.join(h_b64(bytes(HRNG.randrange(256) for _ in range(n)), url=True) for n in (36, 120, 64))])
        return h_request('GET', h, None, None, f'{realm}/userinfo')
    secret = ''.join(HRNG.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') for _ in range(32))
    form = {'token_code': {'grant_type': 'authorization_code', 'code': h_hex(32), 'redirect_uri': redirect, 'client_id': 'web', 'client_secret': secret,
                           'code_verifier': h_b64(bytes(HRNG.randrange(256) for _ in range(32)), url=True)},
            'token_client': {'grant_type': 'client_credentials', 'client_id': h_pick(['orders', 'billing', 'reporting']), 'client_secret': secret,
                             'scope': h_pick(['orders:write', 'billing:read invoices:read', 'reports'])},
            'token_exchange': {'grant_type': 'urn:ietf:params:oauth:grant-type:token-exchange', 'subject_token_type': 'urn:ietf:params:oauth:token-type:access_token',
                               'subject_token': '.'.join(h_b64(bytes(HRNG.randrange(256) for _ in range(n)), url=True) for n in (36, 120, 64)),
                               'audience': h_pick(['payments', 'ledger'])}}[shape]
    body = urllib.parse.urlencode(form)
    h += [['content-type', 'application/x-www-form-urlencoded'], ['content-length', str(len(body))]]
    return {'method': 'POST', 'uri': f'{realm}/token', 'http_version': 'HTTP/1.1', 'headers': h, 'body': body}


def h_msgpack(value):
    """MessagePack as msgpack-python (use_bin_type=True) writes it: the smallest head for each item."""
    import struct
    if value is None:
        return b'\xc0'
    if isinstance(value, bool):
        return b'\xc3' if value else b'\xc2'
    if isinstance(value, int):
        if 0 <= value < 128:
            return bytes([value])
        return b'\xd3' + struct.pack('>q', value) if value < 0 else b'\xcf' + struct.pack('>Q', value)
    if isinstance(value, float):
        return b'\xcb' + struct.pack('>d', value)
    if isinstance(value, (str, bytes)):
        data, base = (value.encode(), (0xa0, 0xd9)) if isinstance(value, str) else (value, (None, 0xc4))
        n = len(data)
        if base[0] is not None and n < 32:
            return bytes([base[0] | n]) + data
        if n < 256:
            return bytes([base[1], n]) + data
        return bytes([base[1] + 1]) + struct.pack('>H', n) + data
    if isinstance(value, list):
        return (bytes([0x90 | len(value)]) if len(value) < 16 else b'\xdc' + struct.pack('>H', len(value))) + b''.join(h_msgpack(v) for v in value)
    head = bytes([0x80 | len(value)]) if len(value) < 16 else b'\xde' + struct.pack('>H', len(value))
    return head + b''.join(h_msgpack(k) + h_msgpack(v) for k, v in value.items())


def h_cbor(value, chunk=0):
    """CBOR (RFC 8949, preferred serialization); with chunk, text strings longer than it are sent in chunks of that size."""
    import struct

    def head(major, n):
        if n < 24:
            return bytes([major << 5 | n])
        for info, fmt in ((24, '>B'), (25, '>H'), (26, '>I'), (27, '>Q')):
            if n < 1 << (8 * struct.calcsize(fmt)):
                return bytes([major << 5 | info]) + struct.pack(fmt, n)
    if value is None:
        return b'\xf6'
    if isinstance(value, bool):
        return b'\xf5' if value else b'\xf4'
    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, float):
        return b'\xfb' + struct.pack('>d', value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode()
        if chunk and len(data) > chunk:
            pieces, text = [], value
            while text:
                pieces.append(text[:chunk])
                text = text[chunk:]
            return b'\x7f' + b''.join(head(3, len(p.encode())) + p.encode() for p in pieces) + b'\xff'
        return head(3, len(data)) + data
    if isinstance(value, list):
        return head(4, len(value)) + b''.join(h_cbor(v, chunk) for v in value)
    return head(5, len(value)) + b''.join(h_cbor(k, chunk) + h_cbor(v, chunk) for k, v in value.items())


def hs_binary_document_call():
    ns, svc, path = h_target()
    caller = h_pick(CALLERS)
    shape = h_pick(['msgpack', 'msgpack', 'cbor', 'cbor', 'graphql'])
    ua = {'msgpack': h_pick(['python-requests/2.32.3', 'Ruby', 'Go-http-client/1.1']), 'cbor': h_pick(['Go-http-client/1.1', 'okhttp/4.12.0']),
          'graphql': h_pick(['apollo-router/1.57.1', 'graphql-java', 'okhttp/4.12.0'])}[shape]
    h, trace = h_mesh(ns, svc, caller, ua)
    h += h_authorization()
    h += h_trace_headers(trace)
    h += h_envoy_headers(ns, svc, caller)
    if shape == 'graphql':
        term = h_pick(SEARCH_TERMS).replace('"', '\\"')
        document = h_pick([
            f'query Search {{ search(query: "{term}", first: 20) {{ nodes {{ id name price }} }} }}',
            f'mutation AddNote {{ addNote(orderId: "{h_uuid()}", text: "{h_pick(PROSE)}") {{ id createdAt }} }}',
            f'query {{ customer(email: "{h_pick(FIRST).lower()}@example.com") {{ name orders(last: 5) {{ id total }} }} }}',
        ])
        data = document.encode()
        h += [['accept', 'application/graphql-response+json, application/json'], ['content-type', 'application/graphql'], ['content-length', str(len(data))]]
        return {'method': 'POST', 'uri': '/graphql', 'http_version': 'HTTP/1.1', 'headers': h, 'body': document}
    doc = h_pick([
        {'order_id': h_uuid(), 'customer': f'{h_pick(FIRST)} {h_pick(LAST)}', 'address': h_pick(STREETS), 'items': [
            {'sku': f'SKU-{HRNG.randrange(10000):04d}', 'name': h_pick(PRODUCTS), 'qty': HRNG.randrange(1, 4), 'price': round(HRNG.uniform(2, 300), 2)}
            for _ in range(HRNG.randrange(1, 4))], 'note': h_pick(PROSE), 'gift': HRNG.random() < 0.2, 'coupon': None},
        {'event': h_pick(['order.created', 'cart.updated', 'user.login']), 'ts': h_ms(), 'session': h_jwt(), 'tags': HRNG.sample(TAGS, 3),
         'digest': h_bytes(32), 'source': f'https://{h_pick(SITES)}/checkout?step=2'},
        {'key': f'cache:{svc}:{h_hex(12)}', 'ttl': 3600, 'value': {'query': h_pick(SEARCH), 'hits': HRNG.randrange(500), 'etag': h_bytes(16)}},
    ])
    if shape == 'msgpack':
        data, ctype = h_msgpack(doc), h_pick(['application/msgpack', 'application/x-msgpack', 'application/vnd.msgpack'])
    else:
        data, ctype = h_cbor(doc, chunk=h_pick([0, 0, 8])), h_pick(['application/cbor', 'application/cbor'])
    h += [['content-type', ctype], ['content-length', str(len(data))]]
    return {'method': h_pick(['POST', 'PUT']), 'uri': path, 'http_version': 'HTTP/1.1', 'headers': h,
            'body': base64.b64encode(data).decode(), 'body_base64': True}


def h_yaml_quote(text):
    """A YAML scalar as PyYAML's safe_dump writes it: plain when it can be, else single-quoted ('' for ')."""
    plain = text and not any(c in text for c in ':#\'"{}[],&*!|>%@`') and text.strip() == text and not text[0] in '-?'
    return text if plain else "'" + text.replace("'", "''") + "'"


def hs_yaml_call():
    ns, svc, path = h_target()
    caller = h_pick(CALLERS)
    h, trace = h_mesh(ns, h_pick(['config', 'flags', 'alerting', 'deployer']), caller, h_pick(['python-requests/2.32.3', 'Go-http-client/1.1', 'kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46']))
    h += h_authorization()
    h += h_trace_headers(trace)
    shape = h_pick(['flags', 'rules', 'deployment', 'values'])
    if shape == 'flags':
        lines = ['flags:'] + [f'  {name}:\n    enabled: {h_pick(["true", "false"])}\n    rollout: {HRNG.randrange(101)}\n    description: {h_yaml_quote(h_pick(PROSE))}'
                              for name in HRNG.sample(['new_checkout', 'dark_mode', 'fast_search', 'gift_cards', 'one_click'], 3)]
        lines.append(f'updated_by: {h_pick(FIRST).lower()}@example.com')
        uri = f'/api/v1/namespaces/{ns}/flags'
    elif shape == 'rules':
        svc_name = h_pick(['orders', 'checkout', 'catalog'])
        lines = ['groups:', f'  - name: {svc_name}.rules', '    rules:', f'      - alert: {svc_name.title()}HighErrorRate',
                 f'        expr: sum(rate(http_requests_total{{job="{svc_name}",code=~"5.."}}[5m])) / sum(rate(http_requests_total{{job="{svc_name}"}}[5m])) > 0.05',
                 '        for: 10m', '        labels:', '          severity: page', '        annotations:',
                 f'          summary: "{svc_name} is failing {{{{ $value | humanizePercentage }}}} of requests on {{{{ $labels.instance }}}}"',
                 '          description: |', f'            {h_pick(PROSE)}', '            Runbook: https://runbooks.example.com/' + svc_name]
        uri = '/api/v1/rules'
    elif shape == 'deployment':
        name = h_pick(['orders', 'cart', 'reviews'])
        lines = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', f'  name: {name}', f'  namespace: {ns}', '  labels:', f'    app.kubernetes.io/name: {name}',
                 'spec:', f'  replicas: {HRNG.randrange(1, 6)}', '  template:', '    spec:', '      containers:', f'        - name: {name}',
                 f'          image: registry.example.com/shop/{name}:1.{HRNG.randrange(40)}.{HRNG.randrange(10)}', '          args: ["--port=8080", "--log-format=json"]',
                 '          env:', '            - name: DB_URL', f'              value: postgres://{name}@db.{ns}.svc:5432/{name}?sslmode=require',
                 '            - name: GREETING', f'              value: {h_yaml_quote(h_pick(PROSE))}',
                 '          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}']
        uri = f'/apis/apps/v1/namespaces/{ns}/deployments'
    else:
        lines = ['replicaCount: 2', 'image:', '  tag: "' + f'1.{HRNG.randrange(40)}.0"', 'ingress:', '  enabled: true', '  hosts:',
                 f'    - host: {h_pick(SITES)}', '      paths: ["/"]', 'config:', f'  welcome: {h_yaml_quote(h_pick(PROSE))}',
                 f'  owner: {h_yaml_quote(h_pick(FIRST) + " " + h_pick(LAST))}', '  address: >', f'    {h_pick(STREETS)}']
        uri = f'/api/v1/releases/{svc}/values'
    body = '\n'.join(lines) + '\n'
    h += [['content-type', h_pick(['application/yaml', 'application/x-yaml', 'text/yaml'])], ['content-length', str(len(body.encode()))]]
    return {'method': h_pick(['POST', 'PUT']), 'uri': uri, 'http_version': 'HTTP/1.1', 'headers': h, 'body': body}


HEADER_SHAPE_MAKERS = [(hs_browser_xhr, 30), (hs_browser_navigation, 11), (hs_framework_xhr, 8), (hs_legacy_cookie_client, 3), (hs_service_call, 20),
                       (hs_platform_tool, 10), (hs_object_storage, 7), (hs_webhook_delivery, 5), (hs_edge_forwarded, 6)]


if __name__ == '__main__':
    # generate-benign.py [SEED HEADER_SEED OUT]: the committed corpus is the default; other seeds build a corpus of the
    # same shapes with other values, which no rule was tuned on (bench/quality/benign-seeds.sh).
    import sys
    if len(sys.argv) not in (1, 4) or (len(sys.argv) == 4 and not (sys.argv[1].isdigit() and sys.argv[2].isdigit())):
        sys.stderr.write('usage: generate-benign.py [SEED HEADER_SEED OUT]\n')
        sys.exit(2)
    if len(sys.argv) == 4:
        RNG.seed(int(sys.argv[1]))
        HRNG.seed(int(sys.argv[2]))
        OUT = sys.argv[3]
    main()
