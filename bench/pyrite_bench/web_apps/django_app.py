"""The Django app of the web benchmark: one module, Django templates with inheritance, URL
converters, middleware, JsonResponse."""

import django
from django.conf import settings

from blog_data import PAGE_SIZE, POSTS, page_of, summary

TEMPLATES = {
    "base.html": """<!doctype html>
<html><head><title>{% block title %}Blog{% endblock %}</title></head>
<body><nav>{% for t in tags %}<a href="/tag/{{ t }}">{{ t }}</a> {% endfor %}</nav>
<main>{% block content %}{% endblock %}</main>
<footer>{{ posts_total }} posts</footer></body></html>""",
    "index.html": """{% extends "base.html" %}
{% block title %}Blog - page {{ page }}{% endblock %}
{% block content %}
{% for post in posts %}
<article id="{{ post.slug }}"><h2><a href="/post/{{ post.id }}">{{ post.title|title }}</a></h2>
<p class="meta">by {{ post.author|capfirst }} on {{ post.date }}
{% for tag in post.tags %}<span class="tag">{{ tag }}</span>{% endfor %}</p>
<p>{{ post.body.0|truncatechars:70 }}</p>
<p>{{ post.comments|length }} comment{{ post.comments|length|pluralize }}</p></article>
{% empty %}<p>No posts.</p>{% endfor %}
{% if page > 1 %}<a href="/?page={{ page|add:"-1" }}">newer</a>{% endif %}
{% endblock %}""",
    "post.html": """{% extends "base.html" %}
{% block title %}{{ post.title }}{% endblock %}
{% block content %}
<h1>{{ post.title }}</h1><p class="meta">{{ post.author }} / {{ post.date }}</p>
{% for para in post.body %}<p>{{ para }}</p>{% endfor %}
<section>{% for c in post.comments %}
<div class="comment {% cycle 'odd' 'even' %}"><b>{{ c.author }}</b>: {{ c.text }}</div>
{% endfor %}</section>
{% endblock %}""",
}

settings.configure(
    DEBUG=False,
    SECRET_KEY="pyrite-bench-not-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[],
    MIDDLEWARE=[
        "django.middleware.common.CommonMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    TEMPLATES=[{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", TEMPLATES)]},
    }],
    USE_TZ=True,
    LOGGING_CONFIG=None,
)
django.setup()

from django.http import Http404, JsonResponse  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.urls import path  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

ALL_TAGS = sorted({t for p in POSTS for t in p["tags"]})


def common():
    return {"tags": ALL_TAGS, "posts_total": len(POSTS)}


def _int_arg(request, name, default):
    try:
        return int(request.GET.get(name, default))
    except ValueError:
        return default


def index(request):
    page = _int_arg(request, "page", 1)
    return render(request, "index.html", dict(posts=page_of(POSTS, page), page=page, **common()))


def by_tag(request, tag):
    posts = [p for p in POSTS if tag in p["tags"]]
    return render(request, "index.html", dict(posts=posts[:PAGE_SIZE], page=1, **common()))


def post(request, post_id):
    if not 0 <= post_id < len(POSTS):
        raise Http404("no such post")
    return render(request, "post.html", dict(post=POSTS[post_id], **common()))


def api_posts(request):
    page = _int_arg(request, "page", 1)
    tag = request.GET.get("tag")
    posts = [p for p in POSTS if tag is None or tag in p["tags"]]
    return JsonResponse({"page": page, "total": len(posts),
                         "posts": [summary(p) for p in page_of(posts, page)]})


urlpatterns = [
    path("", index),
    path("tag/<str:tag>", by_tag),
    path("post/<int:post_id>", post),
    path("api/posts", api_posts),
]

application = get_wsgi_application()
