#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Packet helpers for the vpcpeer selftests (no scapy).

inject.py raw SRC DST [COUNT]
    Sends COUNT (1) ICMP echo requests from SRC to DST through a raw socket
    that writes the IP header itself, so SRC need not be a local address.
inject.py capture PORT OUT READY [TIMEOUT]
    Captures, on lo with AF_PACKET, the payload of the first UDP datagram
    (IPv4 or IPv6) to PORT and writes it to OUT. Creates READY once the
    socket is bound. Exits 1 after TIMEOUT (10) seconds without one.
inject.py send HOST PORT IN [MUTATION]
    Sends the payload in IN from a new UDP socket to HOST:PORT, changed by
    MUTATION: none (default), flip (one ciphertext byte flipped), index (the
    receiver index changed), short (only its first 10 bytes).
inject.py tcp-sink PORT
    Accepts one TCP connection on PORT (IPv4 and IPv6), reads until EOF and
    answers with the byte count and SHA-256 of what it read.
inject.py tcp-send ADDR PORT NBYTES
    Sends NBYTES of random data to a tcp-sink at ADDR:PORT; exits 0 only if
    the sink got exactly those bytes.
"""
import hashlib
import ipaddress
import os
import select
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
HDR_LEN = 16  # vpcpeer header: the AES-GCM associated data


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def raw(src, dst, count=1):
    src, dst = ipaddress.ip_address(src), ipaddress.ip_address(dst)
    if src.version != dst.version:
        sys.exit("raw: %s and %s are not of one family" % (src, dst))
    for seq in range(1, int(count) + 1):
        payload = b"vpcpeer-selftest" * 4
        if src.version == 4:
            icmp = struct.pack("!BBHHH", 8, 0, 0, 0x5650, seq) + payload
            icmp = icmp[:2] + struct.pack("!H", csum(icmp)) + icmp[4:]
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(icmp), seq,
                             0x4000, 64, socket.IPPROTO_ICMP, 0,
                             src.packed, dst.packed)
            ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
            s = socket.socket(socket.AF_INET, socket.SOCK_RAW,
                              socket.IPPROTO_RAW)
            s.sendto(ip + icmp, (str(dst), 0))
        else:
            icmp = struct.pack("!BBHHH", 128, 0, 0, 0x5650, seq) + payload
            pseudo = src.packed + dst.packed + struct.pack(
                "!I3xB", len(icmp), socket.IPPROTO_ICMPV6)
            icmp = icmp[:2] + struct.pack("!H", csum(pseudo + icmp)) + icmp[4:]
            ip = struct.pack("!IHBB16s16s", 6 << 28, len(icmp),
                             socket.IPPROTO_ICMPV6, 64, src.packed, dst.packed)
            # IPPROTO_RAW on an IPv6 raw socket: the header is ours.
            s = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                              socket.IPPROTO_RAW)
            s.sendto(ip + icmp, (str(dst), 0))
        s.close()


def udp_payload(frame, port):
    """The UDP payload of an Ethernet frame if it is a datagram to port."""
    if len(frame) < 14:
        return None
    ethertype = struct.unpack("!H", frame[12:14])[0]
    pkt = frame[14:]
    if ethertype == 0x0800 and len(pkt) >= 20:
        ihl = (pkt[0] & 0xF) * 4
        if pkt[9] != socket.IPPROTO_UDP:
            return None
        total = struct.unpack("!H", pkt[2:4])[0]
        udp = pkt[ihl:total]
    elif ethertype == 0x86DD and len(pkt) >= 40:
        if pkt[6] != socket.IPPROTO_UDP:
            return None
        udp = pkt[40:40 + struct.unpack("!H", pkt[4:6])[0]]
    else:
        return None
    if len(udp) < 8 or struct.unpack("!H", udp[2:4])[0] != port:
        return None
    return udp[8:struct.unpack("!H", udp[4:6])[0]]


def capture(port, out, ready, timeout=10):
    port, deadline = int(port), time.monotonic() + float(timeout)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                      socket.htons(ETH_P_ALL))
    s.bind(("lo", 0))
    open(ready, "w").close()
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([s], [], [], left)[0]:
            sys.exit("capture: no UDP datagram to port %d in %ss"
                     % (port, timeout))
        payload = udp_payload(s.recv(65535), port)
        if payload is not None:
            with open(out, "wb") as f:
                f.write(payload)
            return


def send(host, port, infile, mutation="none"):
    data = bytearray(open(infile, "rb").read())
    if len(data) < HDR_LEN + 16:
        sys.exit("send: %s holds %d bytes, not a vpcpeer datagram"
                 % (infile, len(data)))
    if mutation == "flip":
        data[HDR_LEN] ^= 0x01
    elif mutation == "index":
        index = struct.unpack("!I", data[4:8])[0]
        data[4:8] = struct.pack("!I", index ^ 0x5A5A5A5A)
    elif mutation == "short":
        data = data[:10]
    elif mutation != "none":
        sys.exit("send: unknown mutation %s" % mutation)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.sendto(bytes(data), (host, int(port)))
    s.close()


TCP_TIMEOUT = 120


def tcp_sink(port):
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", int(port)))
    s.listen(1)
    s.settimeout(TCP_TIMEOUT)
    conn, _ = s.accept()
    conn.settimeout(TCP_TIMEOUT)
    digest, count = hashlib.sha256(), 0
    while True:
        data = conn.recv(65536)
        if not data:
            break
        digest.update(data)
        count += len(data)
    conn.sendall(b"%d %s\n" % (count, digest.hexdigest().encode()))
    conn.close()


def tcp_send(addr, port, nbytes):
    nbytes = int(nbytes)
    family = socket.AF_INET6 if ":" in addr else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(TCP_TIMEOUT)
    s.connect((addr, int(port)))
    digest, left = hashlib.sha256(), nbytes
    while left:
        chunk = os.urandom(min(left, 65536))
        digest.update(chunk)
        s.sendall(chunk)
        left -= len(chunk)
    s.shutdown(socket.SHUT_WR)
    reply = b""
    while not reply.endswith(b"\n"):
        data = s.recv(256)
        if not data:
            break
        reply += data
    want = "%d %s" % (nbytes, digest.hexdigest())
    got = reply.decode(errors="replace").strip()
    if got != want:
        sys.exit("tcp-send: sink got '%s', want '%s'" % (got, want))
    print("%d bytes sent to %s and received intact" % (nbytes, addr))


def main():
    cmds = {"raw": (raw, 2, 3), "capture": (capture, 3, 4),
            "send": (send, 3, 4), "tcp-sink": (tcp_sink, 1, 1),
            "tcp-send": (tcp_send, 3, 3)}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    fn, least, most = cmds[sys.argv[1]]
    args = sys.argv[2:]
    if not least <= len(args) <= most:
        sys.exit(__doc__)
    fn(*args)


if __name__ == "__main__":
    main()
