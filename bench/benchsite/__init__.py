"""The production site plus one minimal view: what `bench/bench_http.py` serves with gunicorn."""
