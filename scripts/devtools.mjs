// Headless Chromium's open page over the DevTools protocol, with Node's built-in
// WebSocket (node --experimental-websocket): shared by the browser checks.
//
// connect(PORT, onEvent) gives { call(method, params), close() }; every message that
// answers no call (an event) goes to onEvent.
export async function connect(devtoolsPort, onEvent) {
  const list = await (await fetch(`http://127.0.0.1:${devtoolsPort}/json/list`)).json();
  const target = list.find((t) => t.type === "page");
  if (!target) throw new Error("Chromium has no page open");
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let id = 0;
  const pending = new Map();
  ws.onmessage = (message) => {
    const msg = JSON.parse(message.data);
    if (pending.has(msg.id)) {
      pending.get(msg.id)(msg);
      pending.delete(msg.id);
    } else {
      onEvent(msg);
    }
  };
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      pending.set(n, (msg) => (msg.error ? reject(new Error(`${method}: ${msg.error.message}`)) : resolve(msg.result)));
      ws.send(JSON.stringify({ id: n, method, params }));
    });
  return { call, close: () => ws.close() };
}
