# cgdiff.py A B REQUESTS [ns|sym] [TOP]: per-request self-cost difference B - A
import sys, subprocess, re, os
def load(n, g):
    out = subprocess.run(['python3', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'cginstr.py'), n, sys.argv[3], '100000', g], capture_output=True, text=True).stdout.splitlines()
    d = {}
    for l in out[1:]:
        m = re.match(r'\s*([\d,]+)  (.*)$', l)
        if m: d[m.group(2)] = int(m.group(1).replace(',', ''))
    return out[0], d
g = sys.argv[4] if len(sys.argv) > 4 else 'ns'; top = int(sys.argv[5]) if len(sys.argv) > 5 else 40
ha, a = load(sys.argv[1], g); hb, b = load(sys.argv[2], g)
print(ha); print(hb)
keys = sorted(set(a) | set(b), key=lambda k: -(b.get(k, 0) - a.get(k, 0)))
print(f"{'B-A':>8} {'A':>8} {'B':>8}")
for k in keys[:top]: print(f"{b.get(k,0)-a.get(k,0):8,} {a.get(k,0):8,} {b.get(k,0):8,}  {k[:170]}")
print('...')
for k in keys[-8:]: print(f"{b.get(k,0)-a.get(k,0):8,} {a.get(k,0):8,} {b.get(k,0):8,}  {k[:170]}")
