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
        for i in range(ERROR_REPORTS):
            line = {'id': f'benign-{first + i + 1:05d}', 'category': 'benign', 'expect_detect': False, 'kind': 'java_error_report'}
            line.update(java_error_report())
            out.write(json.dumps(line, ensure_ascii=False) + '\n')


ERROR_REPORTS = 20

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


if __name__ == '__main__':
    main()
