# Bitwise operations.


def popcount(n):
    c = 0
    while n:
        n &= n - 1
        c += 1
    return c


def xorshift(state):
    state ^= (state << 13) & 0xFFFFFFFF
    state ^= state >> 17
    state ^= (state << 5) & 0xFFFFFFFF
    return state & 0xFFFFFFFF


def reverse_bits(x, width):
    r = 0
    for _ in range(width):
        r = (r << 1) | (x & 1)
        x >>= 1
    return r


def main():
    print(sum(popcount(i) for i in range(2000)))
    s = 2463534242
    for _ in range(1000):
        s = xorshift(s)
    print(s)
    print([reverse_bits(i, 8) for i in range(16)])
    t = 0
    for i in range(-300, 300):
        t += (i & 0xF0) | (i ^ 0x55) - (i >> 2) + (i << 3)
    print(t)
    print(1 << 100, (1 << 100) >> 99, -1 >> 10, -(2 ** 65) >> 3, ~0 & 0xFF, 0b1010 ^ 0b0110)
    print(bin(-37), hex(255), oct(8), (255).bit_length(), (-5) & 0xFFFF, 7 | 8 | 16)
    print(True & False, True | False, True ^ True, {1, 2} & {2}, {1} | {3})
    try:
        1 << -1
    except ValueError as e:
        print("ValueError:", e)
    try:
        1.0 & 1
    except TypeError as e:
        print("TypeError:", e)


main()
