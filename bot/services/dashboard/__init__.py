"""The read-only web dashboard's access: one-time links from /admin and the browser sessions they open."""
