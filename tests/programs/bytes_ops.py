# bytes and bytearray operations.


def checksum(data):
    s = 0
    for b in data:
        s = (s * 31 + b) & 0xFFFFFFFF
    return s


def xor_bytes(a, key):
    return bytes(x ^ key[i % len(key)] for i, x in enumerate(a))


def main():
    data = bytes(range(256)) * 4
    print(checksum(data), len(data))
    enc = xor_bytes(b"secret message" * 20, b"key")
    print(enc[:10], checksum(enc), xor_bytes(enc, b"key")[:14])
    ba = bytearray()
    for i in range(1000):
        ba.append(i % 256)
        if i % 100 == 0:
            ba.extend(b"--")
    print(len(ba), ba[:8], ba[-4:], checksum(ba))
    b = b"Hello, World"
    print(b.upper(), b.lower(), b.split(b", "), b.replace(b"l", b"L"), b.find(b"W"), b[::-1])
    print(b.hex(), bytes.fromhex("deadbeef"), b.decode("ascii"), "ü".encode("utf-8"))
    print(b"%d-%s" % (5, b"x"), b"a" + b"b", b"ab" * 3, b"b" in b"abc", 98 in b"abc")
    print(int.from_bytes(b"\x01\x02", "big"), (258).to_bytes(2, "little"), bytes(3), list(b"az"))
    ba2 = bytearray(b"abcdef")
    ba2[1] = 66
    ba2[2:4] = b"XYZ"
    del ba2[0]
    print(ba2, ba2.pop(), ba2)
    try:
        b"x" + "y"
    except TypeError as e:
        print("TypeError:", e)
    try:
        bytearray(b"a")[0] = 300
    except ValueError as e:
        print("ValueError:", e)
    mv = memoryview(bytearray(b"abcd"))
    mv[0] = 65
    print(mv.tobytes(), mv[1:3].tobytes(), len(mv))


main()
