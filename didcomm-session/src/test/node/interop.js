'use strict';
// Parley's driver for the DIDComm reference implementation (didcomm-node, SICPA didcomm-rust as WASM).
// A long-lived process: one JSON request per stdin line, one JSON response per stdout line.
// Request:  {"id": n, "op": "...", "docs": [DIDDoc...], "secrets": [Secret...], ...op arguments}
// Response: {"id": n, "ok": true, "result": ...} or {"id": n, "ok": false, "error": "..."}
// DID documents and secrets come from the Java test, in didcomm-node's DIDDoc/Secret shapes.
const readline = require('readline');
const { Message } = require('didcomm-node');

class Resolver {
  constructor(docs) { this.docs = new Map((docs || []).map(d => [d.id, d])); }
  async resolve(did) { return this.docs.get(did) || null; }
}

class Secrets {
  constructor(secrets) { this.secrets = new Map((secrets || []).map(s => [s.id, s])); }
  async get_secret(id) { return this.secrets.get(id) || null; }
  async find_secrets(ids) { return ids.filter(id => this.secrets.has(id)); }
}

const ops = {
  async pack_encrypted(req, dids, secrets) {
    const msg = new Message(req.message);
    const [packed, meta] = await msg.pack_encrypted(req.to, req.from || null, req.sign_by || null,
      dids, secrets, req.options || {});
    return { packed, meta };
  },
  async pack_signed(req, dids, secrets) {
    const [packed, meta] = await new Message(req.message).pack_signed(req.sign_by, dids, secrets);
    return { packed, meta };
  },
  async pack_plaintext(req, dids) {
    return { packed: await new Message(req.message).pack_plaintext(dids) };
  },
  async unpack(req, dids, secrets) {
    const [msg, meta] = await Message.unpack(req.packed, dids, secrets, req.options || {});
    const value = msg.as_value();
    let forward = null;
    let forward_error = null;
    if (value.type === 'https://didcomm.org/routing/2.0/forward') {
      try {
        const v = msg.try_parse_forward();
        forward = v ? { next: v.next, forwarded_msg: v.forwarded_msg } : null;
      } catch (e) {
        forward_error = (e && e.message) || String(e);
      }
    }
    return { message: value, meta, forward, forward_error };
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
