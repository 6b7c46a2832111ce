import sys, re, bisect
txt, mp, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
ents = []
for line in open(mp):
    a, s, name = line.rstrip('\n').split(' ', 2)
    ents.append((int(a, 16), int(s, 16), name))
ents.sort()
starts = [e[0] for e in ents]
for line in open(txt):
    m = re.match(r'\s*([\d,]+) \(\s*([\d.]+)%\)\s+\?\?\?:0x([0-9a-f]+)', line)
    if m:
        addr = int(m.group(3), 16); i = bisect.bisect_right(starts, addr) - 1
        name = ents[i][2] if i >= 0 and addr < ents[i][0] + ents[i][1] else '?'
        print(f"{int(m.group(1).replace(',', ''))//n:>9} {m.group(2):>6}% {name[:150]}")
    elif re.match(r'\s*[\d,]+ \(', line) and 'TOTALS' not in line:
        m2 = re.match(r'\s*([\d,]+) \(\s*([\d.]+)%\)\s+(.*)', line)
        print(f"{int(m2.group(1).replace(',', ''))//n:>9} {m2.group(2):>6}% {m2.group(3)[:150]}")
