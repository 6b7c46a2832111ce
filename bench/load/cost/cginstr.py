# cginstr.py NAME REQUESTS [TOP] [GROUP]: self cost per request by symbol from a --dump-instr=yes callgrind file; JIT code by perf map,
# other code by mapped file (R2R framework images show as their DLL)
import sys, re, bisect, collections, os
W = os.environ.get('COST_WORK', '/tmp/ewids-cost')
name, nreq = sys.argv[1], int(sys.argv[2]); top = int(sys.argv[3]) if len(sys.argv) > 3 else 40
group = sys.argv[4] if len(sys.argv) > 4 else 'sym'
ents = []
for l in open(f'{W}/cg-{name}.perfmap'):
    a, s, n = l.rstrip('\n').split(' ', 2); ents.append((int(a, 16), int(s, 16), n))
ents.sort(); starts = [e[0] for e in ents]
maps = []
for l in open(f'{W}/cg-{name}.maps'):
    p = l.split(); lo, hi = (int(x, 16) for x in p[0].split('-')); maps.append((lo, hi, p[5] if len(p) > 5 else '[anon]'))
maps.sort(); mstarts = [m[0] for m in maps]
cache = {}
def res(addr):
    if isinstance(addr, str): return addr
    if addr in cache: return cache[addr]
    i = bisect.bisect_right(starts, addr) - 1; best = None
    for j in range(i, max(-1, i - 3000), -1):
        a, sz, n = ents[j]
        if a <= addr < a + sz and (best is None or sz < best[0]): best = (sz, n)
    if best: r = best[1]
    else:
        k = bisect.bisect_right(mstarts, addr) - 1
        r = ('[' + maps[k][2].split('/')[-1] + ']') if k >= 0 and addr < maps[k][1] else '[unknown]'
    r = re.sub(r'\[(OptimizedTier1|Optimized|Tier0|Tier1|QuickJitted|InstrumentedTier\d?|PreJIT|OptimizedTier1OSR)\]$', '', r)
    cache[addr] = r; return r
costs = collections.Counter(); callout = collections.Counter(); pos = 0; skip = False; total = 0
incl = group == 'incl'; obs = {}; cur_ob = ''; edges = collections.Counter(); target = None
for l in open(f'{W}/cg-{name}.last'):
    c = l[0]
    if c in '0123456789+-*':
        t = l.split()
        s = t[0]
        if s.startswith('0x'): pos = int(s, 16)
        elif s[0] == '+': pos += int(s[1:])
        elif s[0] == '-': pos -= int(s[1:])
        if len(t) >= 3: v = int(t[2])
        elif len(t) == 2: v = int(t[1])
        else: v = 0
        if skip:
            skip = False; callout[pos] += v
            if target is not None: edges[(pos, target)] += v
            continue
        key = ('[' + cur_ob.split('/')[-1] + ']') if '.so' in cur_ob else pos
        costs[key] += v; total += v
    elif l.startswith('ob='):
        m = re.match(r'ob=\((\d+)\)\s*(.*)', l.strip())
        if m:
            if m.group(2): obs[m.group(1)] = m.group(2)
            cur_ob = obs.get(m.group(1), '')
        else: cur_ob = l.strip()[3:]
    elif l.startswith('cob='):
        m = re.match(r'cob=\((\d+)\)\s*(.+)', l.strip())
        if m: obs[m.group(1)] = m.group(2)
    elif l.startswith('calls='):
        skip = True; tt = l.split()[1]
        target = int(tt, 16) if tt.startswith('0x') else None
if group == 'edges':
    pat = re.compile(sys.argv[5]); out = collections.Counter()
    for (a, t), v in edges.items():
        ca = res(a)
        if pat.search(ca): out[(ca, res(t))] += v
    for (ca, ct), v in out.most_common(top): print(f'{v/nreq:10,.0f}  {ca[-70:]}  ->  {ct[:150]}')
    sys.exit()
agg = collections.Counter()
items = list(costs.items()) + (list(callout.items()) if incl else [])
for a, v in items:
    s = res(a)
    if group == 'ns':
        m = re.search(r'\] ([A-Za-z0-9_]+\.[A-Za-z0-9_]+)', s); s = m.group(1) if m else s
    agg[s] += v
print(f'{name}: total {total/nreq:,.0f} instr/request (self sum)')
for s, v in agg.most_common(top): print(f'{v/nreq:10,.0f}  {s[:190]}')
