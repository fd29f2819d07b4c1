#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The host half of `make bench`: bench/raw.json (one JSON object a line,
written by bench/run in the guest) to bench/results.json, bench/results.md
(the table, printed too) and bench/results.png (gnuplot).

Each figure is the median of the rounds, with its spread (lowest and
highest); ratios are of medians, to veth and to WireGuard.
"""
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# (metric, column heading, higher is better)
METRICS = [
    ("tcp1_mbps", "TCP 1 flow Mbit/s", True),
    ("tcp4_mbps", "TCP 4 flows Mbit/s", True),
    ("udp64_pps", "UDP 64 B pkt/s", True),
    ("rtt_median_ms", "RTT median ms", False),
    ("rtt_p99_ms", "RTT p99 ms", False),
    ("tcp1_retransmits", "TCP 1 flow retr.", False),
    ("tcp4_retransmits", "TCP 4 flows retr.", False),
    ("tcp1_reorders", "TCP 1 flow reord.", False),
    ("tcp4_reorders", "TCP 4 flows reord.", False),
]
RATIOS = ["tcp1_mbps", "tcp4_mbps", "udp64_pps", "rtt_median_ms"]


def load(path):
    meta, samples = {}, {}
    with open(path) as f:
        for line in f:
            obj = json.loads(line)
            if "row" not in obj:
                meta = obj
                continue
            samples.setdefault(obj["row"], {}).setdefault(
                obj["metric"], []).append(obj["value"])
    return meta, samples


def summary(values):
    return {"median": statistics.median(values), "min": min(values),
            "max": max(values), "n": len(values)}


def fmt(x):
    if x >= 1000:
        return "%d" % round(x)
    if isinstance(x, float) and not x.is_integer():
        return "%.3g" % x if x < 10 else "%.1f" % x
    return "%d" % x


ENCRYPTED = ("wireguard", "ipsec", "vpcpeer-128", "vpcpeer-256",
             "vpcpeer-scale")


def cell(s):
    if not s:
        return "-"
    if s["min"] == s["max"]:
        return fmt(s["median"])
    return "%s (%s-%s)" % (fmt(s["median"]), fmt(s["min"]), fmt(s["max"]))


def table(meta, results, rows):
    head = ["row"] + [h for _, h, _ in METRICS]
    lines = ["| " + " | ".join(head) + " |",
             "|" + "|".join("---" for _ in head) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(
            [row] + [cell(results[row].get(m)) for m, _, _ in METRICS]) + " |")
    refs = [r for r in ("veth", "wireguard") if r in results]
    if refs:
        head = ["ratio of medians"] + ["%s / %s" % (h, ref)
                                       for ref in refs
                                       for h in ("TCP 1", "TCP 4", "UDP",
                                                 "RTT")]
        lines += ["", "| " + " | ".join(head) + " |",
                  "|" + "|".join("---" for _ in head) + "|"]
        for row in rows:
            cells = [row]
            for ref in refs:
                for m in RATIOS:
                    a, b = results[row].get(m), results[ref].get(m)
                    cells.append("%.2fx" % (a["median"] / b["median"])
                                 if a and b and b["median"] else "-")
            lines.append("| " + " | ".join(cells) + " |")
    out = "\n".join(lines) + "\n"
    t = results.get("tcrypt")
    if t and "enc_mbps" in t and "dec_mbps" in t:
        e, d = t["enc_mbps"]["median"], t["dec_mbps"]["median"]
        ceiling = 2 / (1 / e + 1 / d)
        shares = ", ".join("%s %.0f%%" % (
            row, 100 * results[row]["tcp1_mbps"]["median"] / ceiling)
            for row in rows
            if row in ENCRYPTED and "tcp1_mbps" in results[row])
        out += ("\nAES-GCM ceiling (tcrypt mode 211, rfc4106(gcm(aes)), "
                "1420 bytes, 128-bit key): one CPU encrypts %.0f Mbit/s and "
                "decrypts %.0f Mbit/s, so two CPUs that each encrypt and "
                "decrypt what they carry reach %.0f Mbit/s. TCP 1 flow as a "
                "share of it: %s.\n" % (e, d, ceiling, shares or "no row"))
    sc = results.get("vpcpeer-scale", {})
    if "config_s" in sc:
        g = lambda m: sc[m]["median"]  # noqa: E731
        base = results.get("vpcpeer-128", {}).get("tcp1_mbps")
        vs = ""
        if base and "tcp1_mbps" in sc:
            vs = (" Its TCP 1 flow is %.1f%% of vpcpeer-128's."
                  % (100 * g("tcp1_mbps") / base["median"]))
        out += ("\nvpcpeer-scale: vpcpeer-128 with %d peerings and %d routes "
                "configured in the guest (8 VPCs), by vpcpeerctl batch in "
                "%.2f s; slab grew %d bytes a peering and %d bytes a route.%s"
                "\n" % (g("config_peers"), g("config_routes"), g("config_s"),
                        g("slab_per_peer_bytes"), g("slab_per_route_bytes"),
                        vs))
    out += ("\n%s, %d vCPUs (TCG), %d rounds of %d s, medians (lowest-highest)."
            "\n" % (meta.get("kernel", "?"), meta.get("cpus", 0),
                    meta.get("rounds", 0), meta.get("seconds", 0)))
    return out


def chart(results, rows, png):
    dat = png[:-4] + ".dat"
    with open(dat, "w") as f:
        for i, row in enumerate(rows):
            s = results[row].get("tcp1_mbps")
            s4 = results[row].get("tcp4_mbps")
            if not s or not s4:
                continue
            f.write("%d %s %g %g %g %g %g %g\n" % (
                i, row, s["median"], s["min"], s["max"],
                s4["median"], s4["min"], s4["max"]))
    script = """
set terminal pngcairo size 900,500 noenhanced
set output '%s'
set title 'TCP throughput in one guest boot (median, lowest-highest)'
set ylabel 'Mbit/s (log scale)'
set style data histogram
set style histogram errorbars gap 2 lw 1
set style fill solid 0.8 border -1
set logscale y
set yrange [1:*]
set key top left
set xtics rotate by -30
plot '%s' using 3:4:5:xtic(2) title '1 flow', '' using 6:7:8 title '4 flows'
""" % (png, dat)
    try:
        subprocess.run(["gnuplot"], input=script, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit("report: gnuplot: %s" % e)
    finally:
        os.unlink(dat)


def main():
    raw = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "raw.json")
    try:
        meta, samples = load(raw)
    except (OSError, ValueError) as e:
        sys.exit("report: %s: %s" % (raw, e))
    # bench/run's order; the scale row's setup samples come first.
    order = ["veth", "vxlan", "wireguard", "ipsec", "vpcpeer-128",
             "vpcpeer-256", "vpcpeer-scale"]
    rows = sorted((r for r in samples if r != "tcrypt"),
                  key=lambda r: order.index(r) if r in order else len(order))
    if not rows:
        sys.exit("report: %s holds no samples" % raw)
    results = {row: {m: summary(v) for m, v in ms.items()}
               for row, ms in samples.items()}
    with open(os.path.join(HERE, "results.json"), "w") as f:
        json.dump({"meta": meta, "results": results, "samples": samples},
                  f, indent=1, sort_keys=True)
        f.write("\n")
    md = table(meta, results, rows)
    with open(os.path.join(HERE, "results.md"), "w") as f:
        f.write(md)
    chart(results, rows, os.path.join(HERE, "results.png"))
    print(md, end="")
    print("bench: bench/results.json, bench/results.md, bench/results.png")


if __name__ == "__main__":
    main()
