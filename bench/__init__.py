"""The benchmark harness (`make bench`). Only bench/urls.py and bench/views.py
are imported by Django, and only when settings.BENCH_ENDPOINTS is on."""


def log(message: str) -> None:
    print(f"bench: {message}", flush=True)
