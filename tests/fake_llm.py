"""A local fake OpenAI-compatible server: scripted replies, streaming included."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeLLMServer:
    """Serves /v1/chat/completions on 127.0.0.1; ``enqueue`` scripts the next replies."""

    def __init__(self) -> None:
        self.replies: deque[str] = deque()
        self.readings: deque[str] = deque()   # replies to the interpretation prompt
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(body)
                system = (body.get("messages") or [{}])[0].get("content", "")
                if system.startswith("【任务：理解问题】"):   # the interpretation call has its own script
                    reply = server.readings.popleft() if server.readings else "{}"
                else:
                    reply = server.replies.popleft() if server.replies else "报告中没有相关内容。"
                if body.get("stream"):
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    for i in range(0, len(reply), 4):
                        self._event({"choices": [{"index": 0, "delta": {"content": reply[i:i + 4]},
                                                  "finish_reason": None}]})
                    self._event({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
                    self.wfile.write(b"data: [DONE]\n\n")
                else:
                    payload = json.dumps({
                        "id": "fake", "object": "chat.completion", "created": int(time.time()),
                        "model": body.get("model", "fake"),
                        "choices": [{"index": 0, "finish_reason": "stop",
                                     "message": {"role": "assistant", "content": reply}}],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)

            def _event(self, data: dict) -> None:
                data.update({"id": "fake", "object": "chat.completion.chunk",
                             "created": int(time.time()), "model": "fake"})
                self.wfile.write(f"data: {json.dumps(data)}\n\n".encode())
                self.wfile.flush()

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def enqueue(self, *replies: str) -> None:
        self.replies.extend(replies)

    def enqueue_reading(self, *replies: str) -> None:
        """Script the model's reading of the next questions (JSON, or anything hostile)."""
        self.readings.extend(replies)

    def __enter__(self) -> "FakeLLMServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
