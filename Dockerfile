# Khooshe in production: `docker compose up -d` (see README, «Production»). Runtime dependencies only.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin khooshe

# The dependencies first (a layer that changes only with pyproject.toml), then the code.
COPY pyproject.toml README.md ./
RUN mkdir -p bot handlers models migrations \
    && pip install . \
    && pip uninstall --yes khooshe
COPY bot ./bot
COPY handlers ./handlers
COPY models ./models
COPY migrations ./migrations
COPY config.toml ./config.toml
RUN pip install --no-deps . && rm -rf build ./*.egg-info

USER khooshe
ENV KHOOSHE_CONFIG=/app/config.toml \
    HEALTH_LISTEN=127.0.0.1:8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status != 200)"]
STOPSIGNAL SIGTERM
CMD ["khooshe", "run"]
