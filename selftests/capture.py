#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Checks a capture of real vpcpeer underlay traffic as decoded by the
Wireshark dissector (selftests/48-capture.sh).

capture.py LUA PCAP DIR [PCX VPC_X=PORT=CIDRS VPC_Y=PORT=CIDRS]...

Decodes PCAP with tshark and tools/wireshark/vpcpeer.lua, heuristic only,
and checks that every UDP datagram is vpcpeer, that every message kind
shows up, that each kind carries all its fields, equal to the bytes at
their offsets in the datagram, with sane values
(handshakes name a known peering and its VPCs and the sender's CIDRs, a
RESP answers an INIT, every datagram goes to its receiver's listen port,
counters 0, 1, 2... each once per session index, key ids change
with the session), and that the indexes and counters agree with
`vpcpeerctl show -j` snapshots DIR/NAME-X.json (X: the VPC, NAME: the
moment) taken during the run. PORT: a VPC's listen port, CIDRS: its
CIDRs, comma-separated.
Prints a summary; exits 1 with every problem found.
"""

import glob
import ipaddress
import json
import os
import subprocess
import sys
from itertools import accumulate

LUA, PCAP, DIR = sys.argv[1:4]
PEERINGS = {}       # pcx -> {vpc id: [its CIDRs]}
PORTS = {}          # vpc id -> listen port
for i in range(4, len(sys.argv), 3):
    PEERINGS[sys.argv[i]] = {}
    for arg in sys.argv[i + 1:i + 3]:
        vpc, port, cidrs = arg.split("=")
        PEERINGS[sys.argv[i]][vpc] = [str(ipaddress.ip_network(c))
                                      for c in cidrs.split(",")]
        PORTS[vpc] = port

COMMON = ["frame.number", "frame.time_epoch", "frame.protocols",
          "udp.dstport", "udp.length", "udp.payload", "_ws.expert",
          "vpcpeer.version", "vpcpeer.type"]
SEALED = ["vpcpeer.key_id", "vpcpeer.reserved", "vpcpeer.receiver_index",
          "vpcpeer.counter", "vpcpeer.ciphertext_len", "vpcpeer.tag"]
HS = ["vpcpeer.status", "vpcpeer.reserved", "vpcpeer.sender_index",
      "vpcpeer.receiver_index", "vpcpeer.timestamp", "vpcpeer.ephemeral",
      "vpcpeer.pcx", "vpcpeer.sender_vpc", "vpcpeer.receiver_vpc",
      "vpcpeer.cipher", "vpcpeer.n_cidrs", "vpcpeer.info_reserved",
      "vpcpeer.cidr", "vpcpeer.cidr.family", "vpcpeer.cidr.len",
      "vpcpeer.mac"]
FIELDS = COMMON + sorted(set(SEALED + HS + [
    "vpcpeer.ciphertext", "vpcpeer.keepalive", "vpcpeer.cidr.ipv4",
    "vpcpeer.cidr.ipv6"]))

bad = []


def problem(row, msg):
    bad.append("frame %s: %s" % (row["frame.number"] if row else "-", msg))


def decode():
    cmd = ["tshark", "-n", "-r", PCAP, "-X", "lua_script:" + LUA,
           # vpcpeer's ports are its own choice: let no port-based
           # dissector take a datagram before the heuristic sees it
           "-o", "udp.try_heuristic_first:TRUE",
           "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a",
           "-E", "aggregator=,"]
    for f in FIELDS:
        cmd += ["-e", f]
    r = subprocess.run(cmd, capture_output=True, text=True,
                       env=dict(os.environ, HOME=DIR))
    err = [line for line in r.stderr.splitlines()
           if "Running as user" not in line]
    if r.returncode or err:
        sys.exit("tshark: %d %s" % (r.returncode, " ".join(err)))
    return [dict(zip(FIELDS, line.split("\t")))
            for line in r.stdout.splitlines()]


def num(s):
    return int(s, 0)


def snapshots():
    """{name: {vpc_letter: {pcx: peering}}} from DIR/NAME-X.json."""
    out = {}
    for path in sorted(glob.glob(os.path.join(DIR, "*-?.json"))):
        name, vpc = os.path.basename(path)[:-5].rsplit("-", 1)
        with open(path) as f:
            devs = json.load(f)
        out.setdefault(name, {})[vpc] = {
            p["pcx"]: p for d in devs for p in d["peerings"]}
    return out


def main():
    rows = decode()
    kinds = {}
    announced = {}      # sender_index -> (pcx, sender_vpc, frame)
    inits = {}          # sender_index of an INIT -> its row
    last_ts = {}        # (pcx, sender_vpc) -> INIT timestamp
    sessions = {}       # receiver_index -> [rows]
    for row in rows:
        if "vpcpeer" not in row["frame.protocols"].split(":"):
            problem(row, "a UDP datagram on the underlay that is not "
                    "vpcpeer: " + row["frame.protocols"])
            continue
        if row["_ws.expert"]:
            problem(row, "expert info: " + row["_ws.expert"])
        t = num(row["vpcpeer.type"])
        missing = [f for f in ["vpcpeer.version"] +
                   (SEALED if t in (1, 4) else HS) if row[f] == ""]
        if missing:
            problem(row, "type %d without %s" % (t, " ".join(missing)))
            continue
        if num(row["vpcpeer.version"]) != 2:
            problem(row, "version " + row["vpcpeer.version"])
            continue
        if num(row["vpcpeer.reserved"]) != 0:
            problem(row, "reserved %s" % row["vpcpeer.reserved"])
        check_raw(row, RAW_SEALED if t in (1, 4) else RAW_HS)
        if t in (1, 4):
            check_sealed(row, t, kinds, sessions)
        elif t in (2, 3):
            check_hs(row, t, kinds, announced, inits, last_ts)
        else:
            problem(row, "type %d" % t)

    for kind in ("INIT", "RESP", "data", "keepalive", "control"):
        if not kinds.get(kind):
            bad.append("no %s message in the capture" % kind)

    # Sessions: the receiver announced the index in a handshake first;
    # counters 0, 1, 2... in capture order; one key id per session.
    key_ids = {}        # (pcx, receiver vpc) -> [key id per session]
    for idx, srows in sessions.items():
        first = num(srows[0]["frame.number"])
        ann = announced.get(idx)
        if not ann or ann[2] > first:
            problem(srows[0], "receiver index 0x%08x never announced "
                    "by a handshake before" % idx)
            continue
        for r in srows:
            if r["udp.dstport"] != PORTS[ann[1]]:
                problem(r, "to port %s, not %s's %s" %
                        (r["udp.dstport"], ann[1], PORTS[ann[1]]))
        # Each of 0, 1, 2... once. Keepalives and control messages are
        # sealed outside the data queues, so one may pass a data packet
        # sealed before it (wire-format.rst: out of order within the
        # window), but never by more than a few.
        counters = [num(r["vpcpeer.counter"]) for r in srows]
        if sorted(counters) != list(range(len(counters))) or \
                any(c + 8 < top for c, top in
                    zip(counters[1:], accumulate(counters, max))):
            problem(srows[0], "counters under 0x%08x are %s, want 0 to %d "
                    "in order" % (idx, counters[:40], len(counters) - 1))
        kids = {num(r["vpcpeer.key_id"]) for r in srows}
        if len(kids) != 1:
            problem(srows[0], "key ids under 0x%08x: %s" % (idx, kids))
        key_ids.setdefault(ann[:2], []).append(min(kids))
    for (pcx, vpc), kids in key_ids.items():
        for a, b in zip(kids, kids[1:]):
            if a == b:
                bad.append("%s to %s: two sessions in a row with key id %d"
                           % (pcx, vpc, a))

    check_snapshots(sessions, announced)

    print("%d datagrams: %s; %d sessions" % (
        len(rows), ", ".join("%d %s" % (len(v), k)
                             for k, v in sorted(kinds.items())),
        len(sessions)))
    if bad:
        print("\n".join(bad))
        sys.exit(1)


# Fields against the datagram's own bytes: (field, offset, length), a
# negative offset counting from the end.
RAW_SEALED = [("vpcpeer.version", 0, 1), ("vpcpeer.type", 1, 1),
              ("vpcpeer.key_id", 2, 1), ("vpcpeer.receiver_index", 4, 4),
              ("vpcpeer.counter", 8, 8), ("vpcpeer.tag", -16, 16)]
RAW_HS = [("vpcpeer.version", 0, 1), ("vpcpeer.type", 1, 1),
          ("vpcpeer.status", 2, 1), ("vpcpeer.sender_index", 4, 4),
          ("vpcpeer.receiver_index", 8, 4), ("vpcpeer.timestamp", 12, 8),
          ("vpcpeer.ephemeral", 20, 32), ("vpcpeer.cipher", 204, 1),
          ("vpcpeer.n_cidrs", 205, 1), ("vpcpeer.mac", 784, 16)]


def check_raw(row, layout):
    raw = bytes.fromhex(row["udp.payload"].replace(":", ""))
    for field, off, n in layout:
        b = raw[off:off + n] if off >= 0 else raw[len(raw) + off:]
        got = row[field]
        if got.startswith("0x") or got.isdigit():
            ok = int(got, 0) == int.from_bytes(b, "big")
        else:
            ok = got == b.hex()
        if not ok:
            problem(row, "%s is %s, the %d bytes at %d are %s" %
                    (field, got, n, off, b.hex()))
    if row["vpcpeer.ciphertext"] and \
            row["vpcpeer.ciphertext"] != raw[16:-16].hex():
        problem(row, "vpcpeer.ciphertext is not bytes 16 to -16")


def check_sealed(row, t, kinds, sessions):
    n = num(row["vpcpeer.ciphertext_len"])
    if n != num(row["udp.length"]) - 8 - 32:
        problem(row, "ciphertext_len %d in a UDP length of %s" %
                (n, row["udp.length"]))
    if len(row["vpcpeer.tag"]) != 32:
        problem(row, "tag " + row["vpcpeer.tag"])
    if (n > 0) != (row["vpcpeer.ciphertext"] != ""):
        problem(row, "ciphertext_len %d, ciphertext '%s'" %
                (n, row["vpcpeer.ciphertext"][:20]))
    if t == 1:
        ka = row["vpcpeer.keepalive"] in ("1", "True")
        if ka != (n == 0):
            problem(row, "keepalive %s with %d bytes" %
                    (row["vpcpeer.keepalive"], n))
        kind = "keepalive" if n == 0 else "data"
    else:
        if n != 4:
            problem(row, "control with %d bytes" % n)
        kind = "control"
    kinds.setdefault(kind, []).append(row)
    sessions.setdefault(num(row["vpcpeer.receiver_index"]), []).append(row)


def check_hs(row, t, kinds, announced, inits, last_ts):
    kinds.setdefault("INIT" if t == 2 else "RESP", []).append(row)
    pcx, svpc, rvpc = (row["vpcpeer.pcx"], row["vpcpeer.sender_vpc"],
                       row["vpcpeer.receiver_vpc"])
    vpcs = PEERINGS.get(pcx)
    if not vpcs or svpc not in vpcs or rvpc not in vpcs or svpc == rvpc:
        problem(row, "peering %s from %s to %s" % (pcx, svpc, rvpc))
        return
    if row["udp.dstport"] != PORTS[rvpc]:
        problem(row, "to port %s, not %s's %s" %
                (row["udp.dstport"], rvpc, PORTS[rvpc]))
    if num(row["vpcpeer.status"]) != 0:
        problem(row, "status " + row["vpcpeer.status"])
    if num(row["vpcpeer.cipher"]) != 2:
        problem(row, "cipher %s, want 2 (aes-gcm-256)" %
                row["vpcpeer.cipher"])
    if num(row["vpcpeer.info_reserved"]) != 0:
        problem(row, "info reserved " + row["vpcpeer.info_reserved"])
    cidrs = row["vpcpeer.cidr"].split(",")
    if cidrs != vpcs[svpc]:
        problem(row, "CIDRs %s, want %s's %s" % (cidrs, svpc, vpcs[svpc]))
    if num(row["vpcpeer.n_cidrs"]) != len(cidrs):
        problem(row, "n_cidrs %s for %d CIDRs" %
                (row["vpcpeer.n_cidrs"], len(cidrs)))
    for c, fam, ln in zip(cidrs, row["vpcpeer.cidr.family"].split(","),
                          row["vpcpeer.cidr.len"].split(",")):
        try:
            net = ipaddress.ip_network(c)
        except ValueError:
            problem(row, "CIDR " + c)
            continue
        if (net.version, net.prefixlen) != (int(fam), int(ln)):
            problem(row, "CIDR %s: family %s, length %s" % (c, fam, ln))
    eph, mac = row["vpcpeer.ephemeral"], row["vpcpeer.mac"]
    if len(eph) != 64 or eph == "0" * 64 or len(mac) != 32:
        problem(row, "ephemeral %s, MAC %s" % (eph, mac))
    sender = num(row["vpcpeer.sender_index"])
    if sender == 0 or sender in announced:
        problem(row, "sender index 0x%08x, not fresh" % sender)
    announced[sender] = (pcx, svpc, num(row["frame.number"]))
    receiver, ts = (num(row["vpcpeer.receiver_index"]),
                    num(row["vpcpeer.timestamp"]))
    if t == 2:
        # ns since the epoch, the guest's clock, as the capture's
        if receiver != 0 or abs(ts / 1e9 - float(row["frame.time_epoch"])) > 5:
            problem(row, "INIT with receiver index 0x%08x, timestamp %d "
                    "at %s" % (receiver, ts, row["frame.time_epoch"]))
        if ts <= last_ts.get((pcx, svpc), 0):
            problem(row, "INIT timestamp %d not increasing" % ts)
        last_ts[(pcx, svpc)] = ts
        inits[sender] = row
        return
    init = inits.get(receiver)
    if ts != 0 or not init:
        problem(row, "RESP with timestamp %d, receiver index 0x%08x "
                "that no INIT announced" % (ts, receiver))
    elif (init["vpcpeer.pcx"], init["vpcpeer.sender_vpc"]) != (pcx, rvpc):
        problem(row, "RESP of %s to %s answering INIT frame %s (%s from "
                "%s)" % (pcx, rvpc, init["frame.number"],
                         init["vpcpeer.pcx"], init["vpcpeer.sender_vpc"]))


def check_snapshots(sessions, announced):
    """Each snapshot of a peering's session: X's remote index is Y's local
    one, X announced its local index in a handshake, the datagrams to it
    carry it, and X's next counter was seen (or X sent nothing yet)."""
    snaps = snapshots()
    if not snaps:
        bad.append("no show -j snapshots in " + DIR)
    for name, vpcs in sorted(snaps.items()):
        for x, peerings in vpcs.items():
            for pcx, p in peerings.items():
                if p["state"] != "active":
                    continue
                local, remote = p["local_index"], p["remote_index"]
                for y, other in vpcs.items():
                    q = other.get(pcx)
                    if y != x and q and q["state"] == "active" and \
                            q["local_index"] != remote:
                        bad.append("%s: %s's %s remote index 0x%08x, %s's "
                                   "local 0x%08x" % (name, x, pcx, remote,
                                                     y, q["local_index"]))
                ann = announced.get(local)
                if not ann or ann[0] != pcx:
                    bad.append("%s: %s's %s local index 0x%08x not "
                               "announced in a handshake of %s" %
                               (name, x, pcx, local, pcx))
                sent = [num(r["vpcpeer.counter"])
                        for r in sessions.get(remote, [])]
                if p["tx_counter"] and max(sent, default=-1) < \
                        p["tx_counter"] - 1:
                    bad.append("%s: %s's %s sent counters up to %d under "
                               "0x%08x; the capture has %s" %
                               (name, x, pcx, p["tx_counter"] - 1, remote,
                                sent[-5:]))


main()
