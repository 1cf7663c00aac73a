'use strict';
// The DIDComm reference implementation (didcomm-node, SICPA didcomm-rust as WASM) as a client of Parley's
// mediator. Reuses the package installed for didcomm-session's interop tests (same lock file, same version).
// A long-lived process: one JSON request per stdin line, one JSON response per stdout line.
// Request:  {"id": n, "op": "...", "docs": [DIDDoc...], "secrets": [Secret...], ...op arguments}
// Response: {"id": n, "ok": true, "result": ...} or {"id": n, "ok": false, "error": "..."}
const path = require('path');
const readline = require('readline');
const moduleDir = process.env.PARLEY_DIDCOMM_NODE
  || path.join(__dirname, '..', '..', '..', '..', 'didcomm-session', 'src', 'test', 'node', 'node_modules', 'didcomm-node');
const { Message } = require(moduleDir);

class Resolver {
  constructor(docs) { this.docs = new Map((docs || []).map(d => [d.id, d])); }
  async resolve(did) { return this.docs.get(did) || null; }
}

class Secrets {
  constructor(secrets) { this.secrets = new Map((secrets || []).map(s => [s.id, s])); }
  async get_secret(id) { return this.secrets.get(id) || null; }
  async find_secrets(ids) { return ids.filter(id => this.secrets.has(id)); }
}

async function post(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/didcomm-encrypted+json' },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text };
}

const ops = {
  // Authcrypts a request from `from` to the mediator (return_route all), POSTs it, unpacks the answer.
  async request(req, dids, secrets) {
    const msg = new Message({
      id: req.message_id, typ: 'application/didcomm-plain+json', type: req.type,
      from: req.from, to: [req.mediator_did], body: req.body || {}, return_route: 'all',
    });
    const [packed] = await msg.pack_encrypted(req.mediator_did, req.from, null, dids, secrets, { forward: false });
    const res = await post(req.url, packed);
    if (!res.body) return { status: res.status, reply: null };
    if (res.status !== 200) return { status: res.status, reply: JSON.parse(res.body) };
    const [reply, meta] = await Message.unpack(res.body, dids, secrets, {});
    return { status: res.status, reply: reply.as_value(), authenticated: meta.authenticated };
  },
  // Authcrypts a message to `to`, wraps it in forwards for the recipient's routing keys, POSTs it.
  async send(req, dids, secrets) {
    const msg = new Message({
      id: req.message_id, typ: 'application/didcomm-plain+json', type: req.type,
      from: req.from, to: [req.to], body: req.body || {},
    });
    const [packed, meta] = await msg.pack_encrypted(req.to, req.from, null, dids, secrets, { forward: true });
    const res = await post(req.url, packed);
    return { status: res.status, body: res.body, service: meta.messaging_service || null };
  },
  // Unpacks a base64url-encoded envelope (a delivery attachment).
  async open(req, dids, secrets) {
    const envelope = Buffer.from(req.base64, 'base64url').toString('utf8');
    const [msg, meta] = await Message.unpack(envelope, dids, secrets, {});
    return { message: msg.as_value(), authenticated: meta.authenticated };
  },
};

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on('line', async (line) => {
  let req;
  try {
    req = JSON.parse(line);
  } catch (e) {
    process.stdout.write(JSON.stringify({ id: null, ok: false, error: 'bad request JSON: ' + e.message }) + '\n');
    return;
  }
  try {
    const op = ops[req.op];
    if (!op) throw new Error('unknown op ' + req.op);
    const result = await op(req, new Resolver(req.docs), new Secrets(req.secrets));
    process.stdout.write(JSON.stringify({ id: req.id, ok: true, result }) + '\n');
  } catch (e) {
    const error = (e && (e.message || e.toString())) || String(e);
    process.stdout.write(JSON.stringify({ id: req.id, ok: false, error }) + '\n');
  }
});
process.stdout.write(JSON.stringify({ id: 0, ok: true, result: 'ready' }) + '\n');
