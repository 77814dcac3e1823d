"""The Flask app of the web benchmark: Jinja2 templates with inheritance, URL converters, JSON."""

from flask import Flask, abort, jsonify, render_template, request
from jinja2 import DictLoader

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
<p class="meta">by {{ post.author|capitalize }} on {{ post.date }}
{% for tag in post.tags %}<span class="tag">{{ tag }}</span>{% endfor %}</p>
<p>{{ post.body[0]|truncate(70) }}</p>
<p>{{ post.comments|length }} comment{{ "s" if post.comments|length != 1 }}</p></article>
{% else %}<p>No posts.</p>{% endfor %}
{% if page > 1 %}<a href="/?page={{ page - 1 }}">newer</a>{% endif %}
{% endblock %}""",
    "post.html": """{% extends "base.html" %}
{% block title %}{{ post.title }}{% endblock %}
{% block content %}
<h1>{{ post.title }}</h1><p class="meta">{{ post.author }} / {{ post.date }}</p>
{% for para in post.body %}<p>{{ para }}</p>{% endfor %}
<section>{% for c in post.comments %}
<div class="comment {{ loop.cycle('odd', 'even') }}"><b>{{ c.author }}</b>: {{ c.text }}</div>
{% endfor %}</section>
{% endblock %}""",
}

ALL_TAGS = sorted({t for p in POSTS for t in p["tags"]})

app = Flask(__name__)
app.jinja_loader = DictLoader(TEMPLATES)


def common():
    return {"tags": ALL_TAGS, "posts_total": len(POSTS)}


@app.route("/")
def index():
    page = request.args.get("page", 1, type=int)
    return render_template("index.html", posts=page_of(POSTS, page), page=page, **common())


@app.route("/tag/<tag>")
def by_tag(tag):
    posts = [p for p in POSTS if tag in p["tags"]]
    return render_template("index.html", posts=posts[:PAGE_SIZE], page=1, **common())


@app.route("/post/<int:post_id>")
def post(post_id):
    if not 0 <= post_id < len(POSTS):
        abort(404)
    return render_template("post.html", post=POSTS[post_id], **common())


@app.route("/api/posts")
def api_posts():
    page = request.args.get("page", 1, type=int)
    tag = request.args.get("tag")
    posts = [p for p in POSTS if tag is None or tag in p["tags"]]
    return jsonify(page=page, total=len(posts), posts=[summary(p) for p in page_of(posts, page)])


application = app
