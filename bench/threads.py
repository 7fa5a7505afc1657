"""Per-thread CPU of a process between two snapshots: python3 bench/threads.py snap PID > a; ...; python3 bench/threads.py diff a b SECONDS"""
import os, re, sys, collections

def snap(pid):
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = open(f"/proc/{pid}/task/{tid}/stat").read()
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            f = stat.rsplit(")", 1)[1].split()
            out[tid] = (name, int(f[11]), int(f[12]))
        except OSError:
            pass
    return out

if sys.argv[1] == "snap":
    for tid, (name, u, s) in snap(sys.argv[2]).items():
        print(tid, u, s, name, sep="\t")
else:
    hz = os.sysconf("SC_CLK_TCK")
    def load(path):
        d = {}
        for line in open(path):
            tid, u, s, name = line.rstrip("\n").split("\t")
            d[tid] = (name, int(u), int(s))
        return d
    a, b, secs = load(sys.argv[2]), load(sys.argv[3]), float(sys.argv[4])
    groups = collections.defaultdict(lambda: [0, 0])
    for tid, (name, u, s) in b.items():
        u0, s0 = a.get(tid, (name, 0, 0))[1:]
        g = re.sub(r"\d+$", "N", name)
        groups[g][0] += u - u0
        groups[g][1] += s - s0
    for g, (u, s) in sorted(groups.items(), key=lambda x: -sum(x[1])):
        if u + s:
            print(f"  {g:24s} user {u / hz / secs:5.2f}  sys {s / hz / secs:5.2f} cores")
