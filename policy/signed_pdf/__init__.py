"""The board-signed PDF of a protocol version, kept in one package because what is rendered, signed,
stored, handed out and later verified is one chain of evidence, best read in one place: render (and
the poster), sign, services (the one stored copy and its exports), verify, and their views, forms,
urls and tags. The rest of policy uses only `services` and `sign`."""
