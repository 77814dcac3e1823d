"""Deterministic content shared by the two web apps: a small blog (posts, authors, comments)."""

LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
         "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
         "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. <Duis> & aute.")

AUTHORS = ["ada", "brian", "carmen", "dmitri", "eun-ji", "farid"]
TAGS = ["python", "jit", "rust", "web", "performance", "compilers", "testing", "x86"]


def make_posts(n=40):
    posts = []
    for i in range(n):
        comments = [
            {"author": AUTHORS[(i + j) % len(AUTHORS)],
             "text": "Comment %d on post %d: %s" % (j, i, LOREM[: 40 + (i * j) % 120])}
            for j in range(i % 7)
        ]
        posts.append({
            "id": i,
            "slug": "post-%d" % i,
            "title": "Post number %d about %s" % (i, TAGS[i % len(TAGS)]),
            "author": AUTHORS[i % len(AUTHORS)],
            "date": "2026-%02d-%02d" % (1 + i % 12, 1 + i % 28),
            "tags": [TAGS[(i + k) % len(TAGS)] for k in range(1 + i % 3)],
            "body": [LOREM[: 80 + (i * 37 + p * 11) % 160] for p in range(3 + i % 4)],
            "comments": comments,
        })
    return posts


POSTS = make_posts()
PAGE_SIZE = 10

# The client cycles through these paths, in this order, on both apps.
PATHS = ["/", "/post/7", "/api/posts?page=2", "/post/13", "/?page=3", "/tag/rust",
         "/api/posts?page=1&tag=web", "/post/22"]


def page_of(posts, page):
    start = (page - 1) * PAGE_SIZE
    return posts[start:start + PAGE_SIZE]


def summary(post):
    return {"id": post["id"], "title": post["title"], "author": post["author"],
            "date": post["date"], "tags": post["tags"], "comments": len(post["comments"]),
            "excerpt": post["body"][0][:60]}
