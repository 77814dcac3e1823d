"""N-body simulation of the outer planets: float arithmetic on lists in tight loops."""

import math

DEFAULT_N = 50_000

PI = math.pi
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24

# name: (x, y, z, vx, vy, vz, mass) in AU, AU/year, solar masses.
INITIAL = {
    "sun": (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
    "jupiter": (4.84143144246472090e00, -1.16032004402742839e00, -1.03622044471123109e-01,
                1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
                9.54791938424326609e-04),
    "saturn": (8.34336671824457987e00, 4.12479856412430479e00, -4.03523417114321381e-01,
               -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
               2.85885980666130812e-04),
    "uranus": (1.28943695621391310e01, -1.51111514016986312e01, -2.23307578892655734e-01,
               2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
               4.36624404335156298e-05),
    "neptune": (1.53796971148509165e01, -2.59193146099879641e01, 1.79258772950371181e-01,
                2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
                5.15138902046611451e-05),
}


def make_system():
    bodies = []
    for name in ("sun", "jupiter", "saturn", "uranus", "neptune"):
        x, y, z, vx, vy, vz, m = INITIAL[name]
        # Positions and velocities as mutable lists; velocities converted to AU/day-ish units.
        bodies.append(([x, y, z], [vx * DAYS_PER_YEAR, vy * DAYS_PER_YEAR, vz * DAYS_PER_YEAR],
                       m * SOLAR_MASS))
    pairs = [(bodies[i], bodies[j]) for i in range(len(bodies)) for j in range(i + 1, len(bodies))]
    return bodies, pairs


def offset_momentum(bodies):
    px = py = pz = 0.0
    for _, v, m in bodies:
        px -= v[0] * m
        py -= v[1] * m
        pz -= v[2] * m
    _, v, m = bodies[0]
    v[0] = px / m
    v[1] = py / m
    v[2] = pz / m


def energy(bodies, pairs):
    e = 0.0
    for (p1, v1, m1), (p2, v2, m2) in pairs:
        dx = p1[0] - p2[0]
        dy = p1[1] - p2[1]
        dz = p1[2] - p2[2]
        e -= (m1 * m2) / math.sqrt(dx * dx + dy * dy + dz * dz)
    for _, v, m in bodies:
        e += m * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) / 2.0
    return e


def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        for (p1, v1, m1), (p2, v2, m2) in pairs:
            dx = p1[0] - p2[0]
            dy = p1[1] - p2[1]
            dz = p1[2] - p2[2]
            mag = dt * ((dx * dx + dy * dy + dz * dz) ** -1.5)
            b1 = m1 * mag
            b2 = m2 * mag
            v1[0] -= dx * b2
            v1[1] -= dy * b2
            v1[2] -= dz * b2
            v2[0] += dx * b1
            v2[1] += dy * b1
            v2[2] += dz * b1
        for p, v, _ in bodies:
            p[0] += dt * v[0]
            p[1] += dt * v[1]
            p[2] += dt * v[2]


def run(n=DEFAULT_N):
    bodies, pairs = make_system()
    offset_momentum(bodies)
    before = energy(bodies, pairs)
    advance(bodies, pairs, 0.01, n)
    after = energy(bodies, pairs)
    # Exact floats on purpose: the JIT must reproduce IEEE results bit for bit.
    return before, after
