#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Raw generic netlink for the vpcpeer selftests: what vpcpeerctl will not
send, and dumps read one part at a time (no pyroute2, no libnl).

genl.py set DEV ATTR HEX
    SET_DEVICE on DEV with ATTR (vpc-id or region) set to the bytes HEX and
    a terminating NUL. Prints "ok", or "error ERRNO: EXTACK MESSAGE" and
    exits 1.
genl.py port DEV PORT
    Prints "ready" once the family is resolved, reads a line on stdin (the
    cue), then sets DEV's listen port, with nothing left to start up that
    could wait on another CPU. Prints "ok" or "error ERRNO: MESSAGE" and
    exits 1.
genl.py setup DEV VPC_ID N PREFIX
    Gives DEV a vpc-id and cidr 10.0.0.0/16, then N peerings pcx-PREFIX1..N
    (remote VPCs PREFIX-vpc-1..N, cidrs 10.I.0.0/16, endpoint 127.0.0.1).
genl.py dump DEV rename OTHER | recreate
    Dumps DEV's peerings, reading one part (a datagram of up to 4 KiB) at
    a time; after the first part (by when the kernel has made the second), either swaps the names of DEV and OTHER
    or deletes DEV and makes a new DEV with the same configuration under
    other names ("setup DEV vpc-r N b"). Prints one line per peering
    "IFINDEX PCX", then "parts N", and "interrupted" if a part had
    NLM_F_DUMP_INTR set.
"""
import os
import socket
import struct
import subprocess
import sys

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_EXT_ACK = 11
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK = 1, 2, 4
NLM_F_DUMP_INTR = 0x10
NLM_F_DUMP = 0x300
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLMSGERR_ATTR_MSG = 1
NLA_F_NESTED = 0x8000

# uapi/linux/vpcpeer.h
CMD_SET_DEVICE, CMD_NEW_PEER, CMD_GET_PEER = 2, 3, 5
A_DEVICE_IFNAME, A_DEVICE_VPC_ID, A_DEVICE_CIDRS = 2, 3, 4
A_DEVICE_LISTEN_PORT, A_DEVICE_REGION, A_DEVICE_PEER = 5, 6, 7
A_DEVICE_IFINDEX = 1
A_CIDR = 1
A_PREFIX_ADDR, A_PREFIX_LEN = 1, 2
A_PEER_PCX, A_PEER_REMOTE_VPC, A_PEER_CIDRS = 1, 2, 3
A_PEER_ENDPOINT, A_PEER_SECRET = 4, 5


def attr(kind, data):
    if isinstance(data, str):
        data = data.encode() + b"\0"
    hdr = struct.pack("=HH", 4 + len(data), kind)
    return hdr + data + b"\0" * (-len(data) % 4)


def nest(kind, *attrs):
    return attr(kind | NLA_F_NESTED, b"".join(attrs))


def attrs(data):
    out = []
    while len(data) >= 4:
        length, kind = struct.unpack("=HH", data[:4])
        if length < 4:
            break
        out.append((kind & 0x3FFF, data[4:length]))
        data = data[(length + 3) & ~3:]
    return out


def prefix(addr, plen):
    return nest(A_CIDR, attr(A_PREFIX_ADDR, socket.inet_aton(addr)),
                attr(A_PREFIX_LEN, struct.pack("B", plen)))


class Genl:
    # Every recv asks for this much: the kernel sizes the parts of a dump
    # to the largest buffer a socket has read with (at least ~3.7 KiB), and
    # what does not fit in the buffer is lost.
    BUFSIZE = 4096

    def __init__(self, family=None):
        self.sk = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                NETLINK_GENERIC)
        self.sk.bind((0, 0))
        self.sk.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.seq = 0
        self.family = GENL_ID_CTRL
        if family is not None:
            self.family = family
            return
        for kind, data in self.request(CTRL_CMD_GETFAMILY,
                                       attr(CTRL_ATTR_FAMILY_NAME, "vpcpeer"),
                                       version=1)[0]:
            if kind == CTRL_ATTR_FAMILY_ID:
                self.family = struct.unpack("=H", data[:2])[0]

    def send(self, cmd, payload, flags, version=1):
        self.seq += 1
        msg = struct.pack("=BBH", cmd, version, 0) + payload
        self.sk.send(struct.pack("=IHHII", 16 + len(msg), self.family,
                                 NLM_F_REQUEST | flags, self.seq, 0) + msg)

    def messages(self, data):
        """(type, flags, payload) of each message in a datagram."""
        while len(data) >= 16:
            length, kind, flags = struct.unpack("=IHH", data[:8])
            yield kind, flags, data[16:length]
            data = data[(length + 3) & ~3:]

    @staticmethod
    def error(flags, payload):
        err = struct.unpack("=i", payload[:4])[0]
        msg = ""
        if err and flags & NLM_F_ACK_TLVS:
            inner = struct.unpack("=I", payload[4:8])[0]
            skip = 4 + (16 if flags & NLM_F_CAPPED else inner)
            for kind, data in attrs(payload[(skip + 3) & ~3:]):
                if kind == NLMSGERR_ATTR_MSG:
                    msg = data.rstrip(b"\0").decode(errors="replace")
        return err, msg

    def request(self, cmd, payload, version=1):
        """A doit: the attributes of each reply; raises OSError on error."""
        self.send(cmd, payload, NLM_F_ACK, version)
        replies = []
        while True:
            for kind, flags, data in self.messages(self.sk.recv(self.BUFSIZE)):
                if kind == NLMSG_ERROR:
                    err, msg = self.error(flags, data)
                    if err:
                        raise OSError(-err, msg or os.strerror(-err))
                    return replies
                replies.append(attrs(data[4:]))


def setup(g, dev, vpc_id, n, pfx):
    g.request(CMD_SET_DEVICE, attr(A_DEVICE_IFNAME, dev) +
              attr(A_DEVICE_VPC_ID, vpc_id) +
              nest(A_DEVICE_CIDRS, prefix("10.0.0.0", 16)))
    for i in range(1, n + 1):
        ep = struct.pack("=H", socket.AF_INET) + struct.pack("!H", 50000 + i)
        ep += socket.inet_aton("127.0.0.1") + b"\0" * 8
        g.request(CMD_NEW_PEER, attr(A_DEVICE_IFNAME, dev) + nest(
            A_DEVICE_PEER,
            attr(A_PEER_PCX, "pcx-%s%x" % (pfx, i)),
            attr(A_PEER_REMOTE_VPC, "%s-vpc-%d" % (pfx, i)),
            nest(A_PEER_CIDRS, prefix("10.%d.0.0" % i, 16)),
            attr(A_PEER_ENDPOINT, ep),
            attr(A_PEER_SECRET, bytes(range(32)))))


def ip(*args):
    subprocess.run(["ip"] + list(args), check=True)


def dump(g, dev, how, other=None):
    """Reads the dump part by part, disturbing it after the first part."""
    g.send(CMD_GET_PEER, attr(A_DEVICE_IFNAME, dev), NLM_F_DUMP)
    rows, parts, intr, deleting = [], 0, False, None
    while True:
        data = g.sk.recv(g.BUFSIZE)
        parts += 1
        done = False
        for kind, flags, payload in g.messages(data):
            if kind == NLMSG_DONE:
                err = struct.unpack("=i", payload[:4])[0]
                if err:
                    sys.exit("dump: error %d" % err)
                intr |= bool(flags & NLM_F_DUMP_INTR)
                done = True
                break
            if kind == NLMSG_ERROR:
                err, msg = g.error(flags, payload)
                sys.exit("dump: error %d: %s" % (err, msg))
            intr |= bool(flags & NLM_F_DUMP_INTR)
            ifindex, pcx = None, None
            for k, v in attrs(payload[4:]):
                if k == A_DEVICE_IFINDEX:
                    ifindex = struct.unpack("=I", v)[0]
                elif k == A_DEVICE_PEER:
                    for k2, v2 in attrs(v):
                        if k2 == A_PEER_PCX:
                            pcx = v2.rstrip(b"\0").decode()
            rows.append("%s %s" % (ifindex, pcx))
        if done:
            break
        if parts == 1 and how == "rename":
            ip("link", "set", dev, "name", dev + "-x")
            ip("link", "set", other, "name", dev)
            ip("link", "set", dev + "-x", "name", other)
        elif parts == 1 and how == "recreate":
            # The delete may wait for the dump to let go of DEV: run it in
            # the background, and go on once DEV's name is free.
            deleting = subprocess.Popen(["ip", "link", "del", dev])
            while True:
                try:
                    socket.if_nametoindex(dev)
                except OSError:
                    break
                if deleting.poll() not in (None, 0):
                    sys.exit("dump: ip link del %s failed" % dev)
            ip("link", "add", dev, "type", "vpcpeer")
            setup(Genl(g.family), dev, "vpc-r", N_PEERS, "b")
    if deleting and deleting.wait():
        sys.exit("dump: ip link del %s failed" % dev)
    for row in rows:
        print(row)
    print("parts", parts)
    if intr:
        print("interrupted")


N_PEERS = int(os.environ.get("GENL_PEERS", "30"))


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    g = Genl()
    if argv[1] == "set":
        kind = {"vpc-id": A_DEVICE_VPC_ID, "region": A_DEVICE_REGION}[argv[3]]
        try:
            g.request(CMD_SET_DEVICE, attr(A_DEVICE_IFNAME, argv[2]) +
                      attr(kind, bytes.fromhex(argv[4]) + b"\0"))
        except OSError as e:
            print("error %d: %s" % (e.errno, e.strerror))
            return 1
        print("ok")
    elif argv[1] == "port":
        msg = attr(A_DEVICE_IFNAME, argv[2]) + attr(
            A_DEVICE_LISTEN_PORT, struct.pack("=H", int(argv[3])))
        print("ready", flush=True)
        sys.stdin.readline()
        try:
            g.request(CMD_SET_DEVICE, msg)
        except OSError as e:
            print("error %d: %s" % (e.errno, e.strerror), flush=True)
            return 1
        print("ok", flush=True)
    elif argv[1] == "setup":
        setup(g, argv[2], argv[3], int(argv[4]), argv[5])
    elif argv[1] == "dump":
        dump(g, argv[2], argv[3], argv[4] if len(argv) > 4 else None)
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
