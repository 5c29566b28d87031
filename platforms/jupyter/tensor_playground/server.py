"""Serves the playground's files bundled in this package to the notebook's
browser, from this machine, on a port of the loopback interface."""

import functools
import http.server
import os
import threading

STATIC = os.path.join(os.path.dirname(__file__), "static")

_url = None
_lock = threading.Lock()


class _Handler(http.server.SimpleHTTPRequestHandler):
    # The notebook's page is on another origin (Jupyter's port): the module,
    # the wasm and the lessons are fetched across origins.
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".md": "text/markdown; charset=utf-8",
    }

    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, *args):
        pass


def bundled_url():
    """The address of the bundled playground, served once per kernel."""
    global _url
    with _lock:
        if _url is None:
            if not os.path.exists(os.path.join(STATIC, "tensor-playground.js")):
                raise RuntimeError(
                    "tensor_playground has no playground files: build them (make dist) and copy dist/ "
                    f"to {STATIC}, or pass src= (or set TENSOR_PLAYGROUND_SRC) to a published playground"
                )
            handler = functools.partial(_Handler, directory=STATIC)
            httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
            _url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        return _url
