#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Checks tools/wireshark/vpcpeer.lua against hand-made datagrams.

wireshark.py LUA_SCRIPT SCRATCH_DIR

Writes a pcap of Ethernet/IP/UDP frames around vpcpeer messages of every
kind, built from the byte layouts of Documentation/wire-format.rst and
sessions.rst (not from the dissector), and frames that are not vpcpeer:
WireGuard on 51820 and elsewhere, random bytes, and near misses that break
one rule each. Decodes it with tshark and the dissector and checks that
every field of every vpcpeer message has the value put in, that every
field the dissector registers is checked somewhere, and that nothing else
is claimed. Also decodes a datagram to a port of another protocol by the
ports preference and by Decode As. Exits 1 with the differences.
"""

import ipaddress
import os
import random
import struct
import subprocess
import sys

LUA, SCRATCH = sys.argv[1:3]


# ------------------------------------------------------------ the messages

def sealed(mtype, key_id, receiver_index, counter, ct, tag, reserved=0):
    """A data (1) or control (4) message: wire-format.rst."""
    return struct.pack(">BBBBIQ", 2, mtype, key_id, reserved,
                       receiver_index, counter) + ct + tag


def cidr_slot(prefix):
    net = ipaddress.ip_network(prefix)
    fam = 4 if net.version == 4 else 6
    return struct.pack(">BB", fam, net.prefixlen) + \
        net.network_address.packed.ljust(16, b"\0")


def handshake(mtype, status, sender, receiver, ts, eph, pcx, svpc, rvpc,
              cipher, cidrs, mac):
    """An INIT (2) or RESP (3): the 800-byte layout of sessions.rst."""
    m = struct.pack(">BBBBIIQ", 2, mtype, status, 0, sender, receiver, ts)
    m += eph
    m += pcx.encode().ljust(24, b"\0")
    m += svpc.encode().ljust(64, b"\0")
    m += rvpc.encode().ljust(64, b"\0")
    m += struct.pack(">BBH", cipher, len(cidrs), 0)
    m += b"".join(cidr_slot(c) for c in cidrs).ljust(32 * 18, b"\0")
    m += mac
    assert len(m) == 800
    return m


def poke(msg, off, val):
    return msg[:off] + bytes([val]) + msg[off + 1:]


def hexs(b):
    return b.hex()


def seq(start, n):
    return bytes((start + i) & 0xff for i in range(n))


# What tshark must show for each field of a message, as -T fields prints
# it (numbers compared as numbers); "" where the field must be absent.
def expect_sealed(mtype, key_id, receiver_index, counter, ct, tag):
    e = {
        "vpcpeer.version": 2, "vpcpeer.type": mtype,
        "vpcpeer.key_id": key_id, "vpcpeer.reserved": 0,
        "vpcpeer.receiver_index": receiver_index,
        "vpcpeer.counter": counter, "vpcpeer.ciphertext_len": len(ct),
        "vpcpeer.ciphertext": hexs(ct), "vpcpeer.tag": hexs(tag),
        "vpcpeer.keepalive": "",
    }
    if mtype == 1:
        e["vpcpeer.keepalive"] = int(len(ct) == 0)
    return e


def expect_hs(mtype, status, sender, receiver, ts, eph, pcx, svpc, rvpc,
              cipher, cidrs, mac):
    cidrs = [str(ipaddress.ip_network(c)) for c in cidrs]
    v4 = [c for c in cidrs if ":" not in c]
    v6 = [c for c in cidrs if ":" in c]
    return {
        "vpcpeer.version": 2, "vpcpeer.type": mtype,
        "vpcpeer.status": status, "vpcpeer.reserved": 0,
        "vpcpeer.sender_index": sender, "vpcpeer.receiver_index": receiver,
        "vpcpeer.timestamp": ts, "vpcpeer.ephemeral": hexs(eph),
        "vpcpeer.pcx": pcx, "vpcpeer.sender_vpc": svpc,
        "vpcpeer.receiver_vpc": rvpc, "vpcpeer.cipher": cipher,
        "vpcpeer.n_cidrs": len(cidrs), "vpcpeer.info_reserved": 0,
        "vpcpeer.cidr": ",".join(cidrs),
        "vpcpeer.cidr.family": ",".join(
            "6" if ":" in c else "4" for c in cidrs),
        "vpcpeer.cidr.len": ",".join(c.split("/")[1] for c in cidrs),
        "vpcpeer.cidr.ipv4": ",".join(c.split("/")[0] for c in v4),
        "vpcpeer.cidr.ipv6": ",".join(c.split("/")[0] for c in v6),
        "vpcpeer.cidr_unused": "00" * ((32 - len(cidrs)) * 18)
        if len(cidrs) < 32 else "",
        "vpcpeer.mac": hexs(mac),
    }


# ------------------------------------------------------------------ pcap

def csum(b):
    s = sum(struct.unpack(">%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def frame(src, dst, sport, dport, payload):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    if ":" in src:
        addrs = ipaddress.ip_address(src).packed + \
            ipaddress.ip_address(dst).packed
        # IPv6 wants the UDP checksum (IPv4: 0, none)
        pseudo = addrs + struct.pack(">IxxxB", len(udp), 17) + udp
        c = csum(pseudo + b"\0" * (len(pseudo) % 2)) or 0xffff
        udp = udp[:6] + struct.pack(">H", c) + udp[8:]
        ip = struct.pack(">IHBB", 6 << 28, len(udp), 17, 64) + addrs
        etype = 0x86dd
    else:
        h = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0x4000,
                        64, 17, 0, ipaddress.ip_address(src).packed,
                        ipaddress.ip_address(dst).packed)
        ip = h[:10] + struct.pack(">H", csum(h)) + h[12:]
        etype = 0x0800
    eth = bytes.fromhex("020000000002" "020000000001") + \
        struct.pack(">H", etype)
    return eth + ip + udp


def write_pcap(path, frames):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1765000000 + i, 0, len(fr), len(fr)))
            f.write(fr)


# ----------------------------------------------------------------- tshark

def tshark(pcap, fields, *opts):
    cmd = ["tshark", "-n", "-r", pcap, "-X", "lua_script:" + LUA,
           "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a",
           "-E", "aggregator=,", *opts]
    for name in fields:
        cmd += ["-e", name]
    env = dict(os.environ, HOME=SCRATCH)
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    err = "\n".join(l for l in r.stderr.splitlines()
                    if "Running as user" not in l)
    if r.returncode or err:
        sys.exit("tshark failed (%d): %s" % (r.returncode, err))
    return [dict(zip(fields, line.split("\t")))
            for line in r.stdout.splitlines()]


def registered_fields():
    r = subprocess.run(["tshark", "-G", "fields", "-X", "lua_script:" + LUA],
                       capture_output=True, text=True,
                       env=dict(os.environ, HOME=SCRATCH), check=True)
    out = set()
    for line in r.stdout.splitlines():
        f = line.split("\t")
        if f[0] == "F" and f[2].startswith("vpcpeer.") and \
                f[3] != "FT_NONE":
            out.add(f[2])
    return out


def same(got, want):
    if isinstance(want, int):
        try:
            return int(got, 0) == want
        except ValueError:
            # booleans: 4.0 prints 1/0, later versions True/False
            return {"True": 1, "False": 0}.get(got) == want
    return got == want


# ------------------------------------------------------------------- main

def main():
    rnd = random.Random(10)
    cases = []      # (frame, what, expected fields or None: not vpcpeer)

    def add(src, dst, sport, dport, payload, what, want):
        cases.append((frame(src, dst, sport, dport, payload), what, want))

    a4, b4, a6, b6 = "192.0.2.1", "192.0.2.2", "2001:db8::1", "2001:db8::2"
    cidrs_a = ["10.1.0.0/16", "fd00:1::/48", "172.16.255.0/24",
               "2001:db8:ff::/64"]
    ini = (2, 0, 0x11223344, 0, 0x188e2b5d3a5f1e15, seq(0x20, 32),
           "pcx-0ab", "vpc-a", "vpc-b", 2, cidrs_a, seq(0xa0, 16))
    add(a4, b4, 41234, 51002, handshake(*ini), "INIT", expect_hs(*ini))
    # A RESP with a failure status, one CIDR, over IPv6
    hs = (3, 3, 0xfedcba98, 0x11223344, 0, seq(0x40, 32),
          "pcx-0123456789abcdef0", "vpc-" + "b" * 59, "vpc-a", 1,
          ["fd00:2::/48"], seq(0xb0, 16))
    add(b6, a6, 51002, 41234, handshake(*hs), "RESP", expect_hs(*hs))
    # A RESP with every CIDR slot used, ok
    cidrs32 = ["10.%d.0.0/16" % i for i in range(16)] + \
        ["fd00:%x::/48" % i for i in range(16)]
    resp = (3, 0, 0x01, 0xffffffff, 0, seq(0x60, 32), "pcx-1", "b", "a", 2,
            cidrs32, seq(0xc0, 16))
    add(b4, a4, 51002, 60999, handshake(*resp), "RESP 32 CIDRs",
        expect_hs(*resp))

    ct, tag = bytes(rnd.randrange(256) for _ in range(84)), seq(0xd0, 16)
    m = (1, 7, 0xdeadbeef, 0x123456, ct, tag)
    add(a4, b4, 33333, 51002, sealed(*m), "data", expect_sealed(*m))
    ct = bytes(rnd.randrange(256) for _ in range(1400))
    m = (1, 255, 0x00000001, 2 ** 24 - 2 ** 13, ct, tag)
    add(a6, b6, 45678, 51002, sealed(*m), "data, IPv6, last counter",
        expect_sealed(*m))
    m = (1, 0, 0x89abcdef, 0, b"", seq(0xe0, 16))
    add(b4, a4, 51002, 51001, sealed(*m), "keepalive", expect_sealed(*m))
    m = (4, 3, 0x0badcafe, 41, seq(0x11, 4), seq(0xf0, 16))
    add(a4, b4, 52000, 51002, sealed(*m), "control", expect_sealed(*m))

    # Not vpcpeer: WireGuard (its handshake initiation and data, on 51820
    # and elsewhere), random bytes, and near misses that break one rule.
    wg_init = struct.pack("<BBBBI", 1, 0, 0, 0, 0x1234) + seq(0, 140)
    wg_data = struct.pack("<BBBBIQ", 4, 0, 0, 0, 0x1234, 5) + seq(0, 48)
    wg_resp = struct.pack("<BBBBII", 2, 0, 0, 0, 0x1234, 0x5678) + seq(0, 80)
    others = [
        (51820, wg_init, "WireGuard initiation, 51820"),
        (51820, wg_data, "WireGuard data, 51820"),
        (51820, wg_resp, "WireGuard response, 51820"),
        (40000, wg_data, "WireGuard data, 40000"),
        (40001, bytes(rnd.randrange(256) for _ in range(200)), "random"),
        (40001, b"\x02\x01" + bytes(rnd.randrange(256) for _ in range(60)),
         "random after a data type"),
        (40002, sealed(1, 1, 1, 1, b"x", seq(0, 16), reserved=1),
         "data, reserved 1"),
        (40002, sealed(1, 1, 1, 2 ** 24, b"x", seq(0, 16)),
         "data, counter 2^24"),
        (40002, b"\x01" + sealed(1, 1, 1, 1, b"x", seq(0, 16))[1:],
         "data, version 1"),
        (40002, sealed(1, 1, 1, 1, b"", seq(0, 15)), "data, 31 bytes"),
        (40002, sealed(4, 1, 1, 1, b"abcde", seq(0, 16)),
         "control, 5 bytes"),
        (40002, sealed(5, 1, 1, 1, b"abcd", seq(0, 16)), "type 5"),
        (40002, handshake(*resp)[:799], "RESP, 799 bytes"),
        (40002, handshake(*ini, ) + b"\0", "INIT, 801 bytes"),
        (40002, handshake(2, 1, *ini[2:]), "INIT with a status"),
        (40002, handshake(*ini[:3], 5, *ini[4:]), "INIT with a receiver"),
        (40002, handshake(*resp[:4], 3, *resp[5:]),
         "RESP with a timestamp"),
        (40002, handshake(*ini[:6], "pcy-1", *ini[7:]), "pcx id not pcx-"),
        (40002, poke(handshake(*ini), 75, 1), "pcx id not terminated"),
        (40002, handshake(*ini[:9], 3, *ini[10:]), "cipher 3"),
        (40002, poke(handshake(*ini), 3, 1), "INIT, reserved 1"),
        (40002, poke(handshake(*resp), 205, 33), "RESP, 33 CIDRs"),
        (40002, poke(handshake(*ini), 207, 1), "INIT, info reserved 1"),
    ]
    for port, payload, what in others:
        add(a4, b4, 50000, port, payload, what, None)

    pcap = os.path.join(SCRATCH, "vpcpeer.pcap")
    write_pcap(pcap, [c[0] for c in cases])

    checked = sorted({k for c in cases if c[2] for k in c[2]})
    missing = registered_fields() - set(checked)
    if missing:
        sys.exit("fields the dissector registers that no case checks: " +
                 " ".join(sorted(missing)))
    fields = ["frame.protocols", "wg.type", "_ws.expert"] + checked
    bad = []
    rows = tshark(pcap, fields)
    if len(rows) != len(cases):
        sys.exit("tshark shows %d frames, want %d" % (len(rows), len(cases)))
    for n, (row, (_, what, want)) in enumerate(zip(rows, cases), 1):
        is_vp = "vpcpeer" in row["frame.protocols"].split(":")
        if want is None:
            if is_vp:
                bad.append("frame %d (%s): claimed as vpcpeer" % (n, what))
            if "51820" in what and not row["wg.type"]:
                bad.append("frame %d (%s): not WireGuard" % (n, what))
            continue
        if not is_vp:
            bad.append("frame %d (%s): not vpcpeer (%s)" %
                       (n, what, row["frame.protocols"]))
            continue
        if row["_ws.expert"]:
            bad.append("frame %d (%s): expert info %s" %
                       (n, what, row["_ws.expert"]))
        for k in checked:
            w = want.get(k, "")
            if not same(row[k], w):
                bad.append("frame %d (%s): %s is '%s', want '%s'" %
                           (n, what, k, row[k][:80], str(w)[:80]))
    print("%d frames: %d vpcpeer messages, %d others, %d fields checked" %
          (len(cases), sum(1 for c in cases if c[2]),
           sum(1 for c in cases if not c[2]), len(checked)))

    # A port of another protocol (DNS): only by the preference or Decode
    # As; a near miss decoded that way shows as malformed.
    m = (1, 9, 0x01020304, 77, b"abc", seq(0, 16))
    pcap2 = os.path.join(SCRATCH, "port.pcap")
    write_pcap(pcap2, [frame(a4, b4, 50000, 53, sealed(*m)),
                       frame(a4, b4, 50000, 53, sealed(*m, reserved=1))])
    for opts in ([], ["-o", "vpcpeer.ports:53"],
                 ["-d", "udp.port==53,vpcpeer"]):
        rows = tshark(pcap2, ["vpcpeer.counter", "vpcpeer.reserved",
                              "_ws.expert.message"], *opts)
        # (DNS finds them malformed: its business)
        got = [(r["vpcpeer.counter"], r["vpcpeer.reserved"],
                r["_ws.expert.message"] if opts else "") for r in rows]
        want = [("77", "0x00", ""), ("77", "0x01", "reserved is not 0")] \
            if opts else [("", "", ""), ("", "", "")]
        if got != want:
            bad.append("port 53 with %s: %s, want %s" %
                       (" ".join(opts) or "no option", got, want))
    print("port 53: not vpcpeer by default; vpcpeer by vpcpeer.ports and "
          "by Decode As")

    if bad:
        print("\n".join(bad))
        sys.exit(1)


main()
