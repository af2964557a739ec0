"""Production run: settings from the environment, the web server (webhooks, /healthz), the runner."""
