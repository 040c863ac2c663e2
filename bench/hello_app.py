"""A bare Flask "hello", the yardstick for bench/load.py (served by the same gunicorn settings)."""

from flask import Flask

app = Flask("hello")


@app.get("/")
def hello() -> str:
    return "Hello"
