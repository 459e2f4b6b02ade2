#!/usr/bin/env python3
"""A tiny static server for the claimmark demo (python3 standard library only).

    python3 scripts/serve.py [--port PORT] [--host 127.0.0.1] [DIR]

Serves DIR (default: www/ next to this script's folder) on 127.0.0.1, with
`Content-Type: application/wasm` for .wasm, `Access-Control-Allow-Origin: *` (the bookmarklet
loads the module from another page's origin), `Access-Control-Allow-Private-Network: true` on
preflight (a public page may reach this local server), and `Cache-Control: no-store`.
`--port 0` picks a free port. Prints `serving DIR at http://127.0.0.1:PORT/` once listening.
"""

import argparse
import functools
import http.server
import os
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".txt": "text/plain; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".svg": "image/svg+xml",
    }

    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_OPTIONS(self):  # noqa: N802 (http.server naming)
        self.send_response(204)
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        requested = self.headers.get("Access-Control-Request-Headers")
        if requested:
            self.send_header("Access-Control-Allow-Headers", requested)
        if self.headers.get("Access-Control-Request-Private-Network"):
            self.send_header("Access-Control-Allow-Private-Network", "true")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, fmt, *args):
        if os.environ.get("CLAIMMARK_SERVE_QUIET"):
            return
        super().log_message(fmt, *args)


def main(argv=None):
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "www")
    p = argparse.ArgumentParser(description="Serve a folder for the claimmark demo.")
    p.add_argument("dir", nargs="?", default=root, help="folder to serve (default: www)")
    p.add_argument("--port", type=int, default=8000, help="port, 0 for a free one (default 8000)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    args = p.parse_args(argv)
    if not os.path.isdir(args.dir):
        p.error(f"not a folder: {args.dir}")
    handler = functools.partial(Handler, directory=os.path.abspath(args.dir))
    server = http.server.ThreadingHTTPServer((args.host, args.port), handler)
    server.daemon_threads = True
    host, port = server.server_address[:2]
    name = os.path.basename(os.path.normpath(args.dir))
    print(f"serving {name} at http://{host}:{port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
