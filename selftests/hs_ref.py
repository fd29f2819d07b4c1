# SPDX-License-Identifier: GPL-2.0
"""Reference of the session handshake's key schedule and MACs
(module/handshake.c, Documentation/sessions.rst), written from the
document with Python's hashlib and hmac only: an implementation that
shares no code with the module's. The host unit tests' fixed vectors come
from here (python3 selftests/hs_ref.py prints them); --seeds DIR writes a
valid INIT and RESP for the fuzzer's corpus."""

import hashlib
import hmac
import os
import struct
import sys

LABEL = b"vpcpeer-v2"
MSG_LEN = 800
MAC_OFF = MSG_LEN - 16


def hkdf_extract(salt, ikm):
    return hmac.new(salt or bytes(32), ikm, hashlib.sha256).digest()


def hkdf_expand(prk, info, n):
    out, t, c = b"", b"", 1
    while len(out) < n:
        t = hmac.new(prk, t + info + bytes([c]), hashlib.sha256).digest()
        out += t
        c += 1
    return out[:n]


def peering_keys(secret, pcx):
    """(mac key, session salt) of a peering."""
    prk = hkdf_extract(LABEL, secret)
    mac = hkdf_expand(prk, LABEL + b" mac\0" + pcx.encode(), 32)
    salt = hkdf_expand(prk, LABEL + b" session\0" + pcx.encode(), 32)
    return mac, salt


def msg_mac(mac_key, msg, init=None):
    """The 16-byte MAC of an 800-byte INIT (init None) or RESP."""
    data = (hashlib.sha256(init).digest() if init else b"") + msg[:MAC_OFF]
    return hmac.new(mac_key, data, hashlib.sha256).digest()[:16]


def session_keys(session_salt, dh, init, resp, key_len):
    """(initiator tx key, salt), (responder tx key, salt)."""
    th = hashlib.sha256(init + resp).digest()
    prk = hkdf_extract(session_salt, dh)
    okm = hkdf_expand(prk, LABEL + b" data" + th, 2 * (key_len + 4))
    n = key_len + 4
    return ((okm[:key_len], okm[key_len:n]),
            (okm[n:n + key_len], okm[n + key_len:2 * n]))


def info(pcx, sender_vpc, receiver_vpc, cipher, cidrs):
    """The 732-byte info block; cidrs: (family 4 or 6, len, addr bytes)."""
    out = struct.pack("24s64s64sBBxx", pcx.encode(), sender_vpc.encode(),
                      receiver_vpc.encode(), cipher, len(cidrs))
    for fam, plen, addr in cidrs:
        out += struct.pack("BB16s", fam, plen, addr)
    return out + bytes(18 * (32 - len(cidrs)))


def message(mac_key, mtype, sender_index, ephemeral, info_block,
            timestamp=0, receiver_index=0, status=0, init=None):
    """An INIT (mtype 2) or RESP (mtype 3), MAC included."""
    body = struct.pack(">BBBBIIQ32s", 2, mtype, status, 0, sender_index,
                       receiver_index, timestamp, ephemeral) + info_block
    return body + msg_mac(mac_key, body + bytes(16), init)


def seeds(directory):
    """A valid INIT and RESP, to start the fuzzer's corpus."""
    mac, _ = peering_keys(bytes(32), "pcx-0ab")
    a = info("pcx-0ab", "vpc-a", "vpc-b", 1,
             [(4, 16, bytes([10, 1]) + bytes(14)),
              (6, 48, bytes.fromhex("fd000001") + bytes(12))])
    b = info("pcx-0ab", "vpc-b", "vpc-a", 1,
             [(4, 16, bytes([10, 2]) + bytes(14))])
    init = message(mac, 2, 0x11223344, bytes(range(32)), a, timestamp=1)
    resp = message(mac, 3, 0x55667788, bytes(range(32, 64)), b,
                   receiver_index=0x11223344, init=init)
    os.makedirs(directory, exist_ok=True)
    for name, m in (("init", init), ("resp", resp)):
        with open(os.path.join(directory, "seed-" + name), "wb") as f:
            f.write(m)


if __name__ == "__main__" and sys.argv[1:2] == ["--seeds"]:
    seeds(sys.argv[2])
elif __name__ == "__main__":
    # The unit test's inputs (selftests/unit/test_handshake.c, vectors).
    secret = bytes(range(32))
    mac, salt = peering_keys(secret, "pcx-0ab")
    init = bytes((i * 7 + 1) % 256 for i in range(MSG_LEN))
    resp = bytes((i * 13 + 5) % 256 for i in range(MSG_LEN))
    # RFC 7748 6.1: X25519 of Alice's and Bob's keys.
    dh = bytes.fromhex("4a5d9d5ba4ce2de1728e3bf480350f25"
                       "e07e21c947d19e3376f09b3c1e161742")
    print("mac_key      ", mac.hex())
    print("session_salt ", salt.hex())
    print("init_mac     ", msg_mac(mac, init).hex())
    print("resp_mac     ", msg_mac(mac, resp, init).hex())
    for kl in (16, 32):
        (itx, isalt), (rtx, rsalt) = session_keys(salt, dh, init, resp, kl)
        print("aes%d i->r   " % (kl * 8), itx.hex(), isalt.hex())
        print("aes%d r->i   " % (kl * 8), rtx.hex(), rsalt.hex())
