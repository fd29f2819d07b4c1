#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Packet helpers for the vpcpeer selftests (no scapy).

inject.py raw SRC DST [COUNT]
    Sends COUNT (1) ICMP echo requests from SRC to DST through a raw socket
    that writes the IP header itself, so SRC need not be a local address.
inject.py relay PORT TO READY LOG MODE [SRC DST]
    A man in the middle of an IPv4 underlay on lo: receives the datagrams
    to 127.0.0.1:PORT and passes each payload on to 127.0.0.1:TO, until
    killed. Creates READY once bound; appends "tos=0xNN len=N" (the
    received outer TOS byte and payload length) to LOG for each. MODE:
    same (TOS kept), ce (ECN set to CE), frag (sent from lo as two hand-made
    IPv4 fragments, the first holding only the UDP and vpcpeer headers, its
    frame padded with zeros to 128 bytes), frag-stale (frag, but the
    padding is what a keyed peer would choose to be misread as an inner
    IPv6 header from SRC to DST). A frame from a packet socket carries no
    route, so the frag modes set route_localnet and accept_local on lo:
    else the stack takes 127.0.0.1 arriving that way for a martian.
inject.py tos-send ADDR PORT TOS COUNT
    Sends COUNT 200-byte UDP datagrams to ADDR:PORT with the IP TOS (IPv6
    traffic class) byte TOS.
inject.py tos-sink PORT READY LOG
    Receives UDP datagrams on PORT (IPv4 and IPv6) until killed and appends
    "tos=0xNN" (the TOS or traffic class byte) to LOG for each. Creates
    READY once bound.
inject.py l3-send DEV HEX
    Writes the bytes HEX to the layer-3 device DEV through a packet socket,
    as if the stack sent them as an IPv4 packet.
inject.py capture PORT OUT READY [TIMEOUT [LEN]]
    Captures, on lo with AF_PACKET, the payload of the first UDP datagram
    (IPv4 or IPv6) to PORT, of LEN bytes if LEN is given (a peering also
    sends keepalives and handshakes), and writes it to OUT. Creates READY
    once the socket is bound. Exits 1 after TIMEOUT (10) seconds without
    one.
inject.py send HOST PORT IN [MUTATION]
    Sends the payload in IN from a new UDP socket to HOST:PORT, changed by
    MUTATION: none (default), flip (one ciphertext byte flipped and the
    counter moved past the replay window's top), index (the
    receiver index changed), short (only its first 10 bytes), teardown
    (made a session teardown with an unused counter, whose tag then
    cannot be right).
inject.py flood SRC HOST PORT IN STOP
    Until the file STOP exists, sends the handshake message in IN from
    address SRC to HOST:PORT as fast as it can, every other copy with its
    MAC's last byte flipped: a flood of replayed and of forged handshakes.
    Then prints how many it sent, and in how many seconds.
inject.py tcp-sink PORT
    Accepts one TCP connection on PORT (IPv4 and IPv6), reads until EOF and
    answers with the byte count and SHA-256 of what it read.
inject.py tcp-send ADDR PORT NBYTES
    Sends NBYTES of random data to a tcp-sink at ADDR:PORT; exits 0 only if
    the sink got exactly those bytes.
inject.py sizes DEV READY STOP
    Watches the packets DEV sends and receives, through a packet socket,
    until the file STOP exists. Creates READY once bound; then prints "N
    OUT IN": the packets seen, and the length of the largest one sent and
    of the largest one received.
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


def capture(port, out, ready, timeout=10, length=None):
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
        if payload is not None and (length is None or
                                    len(payload) == int(length)):
            with open(out, "wb") as f:
                f.write(payload)
            return


def send(host, port, infile, mutation="none"):
    data = bytearray(open(infile, "rb").read())
    if len(data) < HDR_LEN + 16:
        sys.exit("send: %s holds %d bytes, not a vpcpeer datagram"
                 % (infile, len(data)))
    if mutation == "flip":
        # The counter too, past any the window has seen: a replay is
        # refused before decryption, and this is to reach the tag check.
        data[HDR_LEN] ^= 0x01
        counter = struct.unpack("!Q", data[8:16])[0]
        data[8:16] = struct.pack("!Q", counter + (1 << 20))
    elif mutation == "index":
        index = struct.unpack("!I", data[4:8])[0]
        data[4:8] = struct.pack("!I", index ^ 0x5A5A5A5A)
    elif mutation == "short":
        data = data[:10]
    elif mutation == "teardown":
        # A control message (type 4) under the captured session's index,
        # with a counter not used yet (so that the replay window lets it
        # through to the AEAD), 4 bytes of "ciphertext" and a tag its
        # sender cannot make.
        data[1] = 4
        counter = struct.unpack("!Q", data[8:16])[0]
        data[8:16] = struct.pack("!Q", counter + (1 << 20))
        data = data[:HDR_LEN + 4 + 16]
    elif mutation != "none":
        sys.exit("send: unknown mutation %s" % mutation)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.sendto(bytes(data), (host, int(port)))
    s.close()


def flood(src, host, port, infile, stop):
    good = open(infile, "rb").read()
    bad = good[:-1] + bytes([good[-1] ^ 0x01])
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.bind((src, 0))
    dst, sent, start = (host, int(port)), 0, time.monotonic()
    while not os.path.exists(stop):
        for _ in range(64):
            try:
                s.sendto(bad if sent & 1 else good, dst)
            except OSError:  # a full socket buffer: try again
                continue
            sent += 1
    print(sent, round(time.monotonic() - start))


IP_RECVTOS = 13
IPV6_RECVTCLASS = 66
IPV6_TCLASS = 67
ECN_CE = 0x03


def log_line(path, line):
    with open(path, "a") as f:
        f.write(line + "\n")


def ipv4_header(total, ident, frag, src, dst):
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, ident, frag, 64,
                     socket.IPPROTO_UDP, 0, src, dst)
    return ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]


def send_fragments(sport, dport, payload, padding, ident):
    """payload as a UDP datagram from 127.0.0.1 to 127.0.0.1:dport, in two
    IPv4 fragments sent from lo: the first holds the UDP header and the
    vpcpeer header (24 bytes, a multiple of 8), the rest is in the second.
    padding follows the first fragment in its frame."""
    lo = socket.inet_aton("127.0.0.1")
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    pseudo = lo + lo + struct.pack("!BBH", 0, socket.IPPROTO_UDP, len(udp))
    check = csum(pseudo + udp) or 0xFFFF
    udp = udp[:6] + struct.pack("!H", check) + udp[8:]
    first, rest = udp[:8 + HDR_LEN], udp[8 + HDR_LEN:]
    eth = b"\0" * 12 + struct.pack("!H", 0x0800)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
    s.bind(("lo", 0))
    # The tail first: the head then completes the datagram.
    s.send(eth + ipv4_header(20 + len(rest), ident, len(first) // 8, lo, lo)
           + rest)
    s.send(eth + ipv4_header(20 + len(first), ident, 0x2000, lo, lo) + first
           + padding)
    s.close()


def stale_padding(src, dst):
    """Bytes that, left behind the first fragment, read as an IPv4 version
    nibble where the inner packet starts, then as the last 4 bytes of an
    IPv6 source SRC and as the IPv6 destination DST."""
    pad = bytearray(128 - 14 - 20 - 8 - HDR_LEN)
    pad[0] = 0x45
    pad[20:24] = ipaddress.IPv6Address(src).packed[12:]
    pad[24:40] = ipaddress.IPv6Address(dst).packed
    return bytes(pad)


def relay(port, to, ready, log, mode, src=None, dst=None):
    port, to = int(port), int(to)
    if mode not in ("same", "ce", "frag", "frag-stale"):
        sys.exit("relay: unknown mode %s" % mode)
    if mode == "frag-stale" and not dst:
        sys.exit("relay: frag-stale needs SRC and DST")
    padding = bytes(128 - 14 - 20 - 8 - HDR_LEN)
    if mode.startswith("frag"):
        for knob in ("route_localnet", "accept_local"):
            with open("/proc/sys/net/ipv4/conf/lo/" + knob, "w") as f:
                f.write("1\n")
    if mode == "frag-stale":
        padding = stale_padding(src, dst)
    r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    r.setsockopt(socket.IPPROTO_IP, IP_RECVTOS, 1)
    r.bind(("127.0.0.1", port))
    out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    open(ready, "w").close()
    ident = 0x5650
    while True:
        data, anc, _, _ = r.recvmsg(65535, socket.CMSG_SPACE(4))
        tos = 0
        for level, kind, value in anc:
            if level == socket.IPPROTO_IP and kind == socket.IP_TOS:
                tos = value[0]
        log_line(log, "tos=0x%02x len=%d" % (tos, len(data)))
        if mode in ("frag", "frag-stale"):
            ident = (ident + 1) & 0xFFFF
            send_fragments(port, to, data, padding, ident)
            continue
        if mode == "ce":
            tos |= ECN_CE
        out.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, tos)
        out.sendto(data, ("127.0.0.1", to))


def tos_send(addr, port, tos, count):
    family = socket.AF_INET6 if ":" in addr else socket.AF_INET
    s = socket.socket(family, socket.SOCK_DGRAM)
    if family == socket.AF_INET:
        s.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, int(tos, 0))
    else:
        s.setsockopt(socket.IPPROTO_IPV6, IPV6_TCLASS, int(tos, 0))
    for _ in range(int(count)):
        s.sendto(b"vpcpeer-tos-test" * 12 + b"12345678", (addr, int(port)))
    s.close()


def tos_sink(port, ready, log):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.setsockopt(socket.IPPROTO_IP, IP_RECVTOS, 1)
    s.setsockopt(socket.IPPROTO_IPV6, IPV6_RECVTCLASS, 1)
    s.bind(("::", int(port)))
    open(ready, "w").close()
    while True:
        _, anc, _, _ = s.recvmsg(65535, 2 * socket.CMSG_SPACE(4))
        tos = None
        for level, kind, value in anc:
            if level == socket.IPPROTO_IP and kind == socket.IP_TOS:
                tos = value[0]
            elif level == socket.IPPROTO_IPV6 and kind == IPV6_TCLASS:
                tos = struct.unpack("i", value[:4])[0]
        log_line(log, "tos=" + ("none" if tos is None else "0x%02x" % tos))


def l3_send(dev, data):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, 0)
    s.sendto(bytes.fromhex(data), (dev, 0x0800))
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


PACKET_OUTGOING = 4


def sizes(dev, ready, stop):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM,
                      socket.htons(ETH_P_ALL))
    s.bind((dev, 0))
    open(ready, "w").close()
    count, largest = 0, {True: 0, False: 0}
    while not os.path.exists(stop):
        if not select.select([s], [], [], 0.1)[0]:
            continue
        data, addr = s.recvfrom(1 << 17)
        out = addr[2] == PACKET_OUTGOING
        count += 1
        largest[out] = max(largest[out], len(data))
    print(count, largest[True], largest[False])


def main():
    cmds = {"raw": (raw, 2, 3), "capture": (capture, 3, 5),
            "relay": (relay, 5, 7), "tos-send": (tos_send, 4, 4),
            "tos-sink": (tos_sink, 3, 3), "l3-send": (l3_send, 2, 2),
            "send": (send, 3, 4), "flood": (flood, 5, 5), "tcp-sink": (tcp_sink, 1, 1),
            "tcp-send": (tcp_send, 3, 3), "sizes": (sizes, 3, 3)}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    fn, least, most = cmds[sys.argv[1]]
    args = sys.argv[2:]
    if not least <= len(args) <= most:
        sys.exit(__doc__)
    fn(*args)


if __name__ == "__main__":
    main()
