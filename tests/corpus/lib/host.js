/*
 * host.js — talks to the real keyfill-host over native-messaging framing
 * (4-byte native-endian length + UTF-8 JSON) through pipes, as a browser does.
 *
 * Owns: spawning the host with the Chromium extension origin as argv[1] (so
 * the caller check passes), framing requests and replies, matching replies to
 * requests in order, and cutting one page's descriptors into `classify`
 * requests under the host's size limit. Must never: interpret a reply beyond
 * the envelope.
 */
'use strict';

const { spawn } = require('node:child_process');
const os = require('node:os');

const CHROMIUM_ORIGIN = 'chrome-extension://iceljohmipnjghdnlgkldoicbgkapcab/';
const MAX_REPLY_BYTES = 1024 * 1024;   // the host never answers more than 1,000,000 bytes
const MAX_REQUEST_BYTES = 900 * 1024; // the host's default incoming limit is 1 MiB

class HostClient {
  constructor(hostPath) {
    this.child = spawn(hostPath, [CHROMIUM_ORIGIN], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.pending = [];
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.failure = null;
    this.child.stdout.on('data', (chunk) => this.onData(chunk));
    this.child.on('error', (e) => this.fail(new Error(`cannot start ${hostPath}: ${e.message}`)));
    this.child.on('exit', (code, signal) => {
      this.fail(new Error(`${hostPath} exited (${signal || code}) with ${this.pending.length} request(s) unanswered`));
    });
    this.child.stdin.on('error', (e) => this.fail(e));
  }

  fail(error) {
    this.failure = this.failure || error;
    for (const p of this.pending.splice(0)) {
      p.reject(this.failure);
    }
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 4) {
      const length = os.endianness() === 'LE' ? this.buffer.readUInt32LE(0) : this.buffer.readUInt32BE(0);
      if (length > MAX_REPLY_BYTES) {
        this.fail(new Error(`host reply of ${length} bytes is over the ${MAX_REPLY_BYTES}-byte limit`));
        this.child.kill();
        return;
      }
      if (this.buffer.length < 4 + length) {
        return;
      }
      const body = this.buffer.subarray(4, 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(4 + length);
      const waiter = this.pending.shift();
      if (!waiter) {
        this.fail(new Error('host sent a reply nobody asked for'));
        return;
      }
      try {
        waiter.resolve(JSON.parse(body));
      } catch (e) {
        waiter.reject(new Error(`host reply is not JSON: ${e.message}`));
      }
    }
  }

  /* Sends {id, type, ...fields}; resolves to the reply's "result" or rejects
   * with the host's error code and message. */
  request(type, fields) {
    if (this.failure) {
      return Promise.reject(this.failure);
    }
    const id = this.nextId++;
    const body = Buffer.from(JSON.stringify(Object.assign({ id, type }, fields)), 'utf8');
    const header = Buffer.alloc(4);
    if (os.endianness() === 'LE') {
      header.writeUInt32LE(body.length, 0);
    } else {
      header.writeUInt32BE(body.length, 0);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({
        resolve: (reply) => {
          if (reply.id !== id) {
            reject(new Error(`host answered id ${JSON.stringify(reply.id)} to request ${id}`));
          } else if (reply.ok !== true) {
            const err = reply.error || {};
            reject(new Error(`host refused ${type}: ${err.code}: ${err.message}`));
          } else {
            resolve(reply.result);
          }
        },
        reject,
      });
      this.child.stdin.write(Buffer.concat([header, body]));
    });
  }

  /* Closes the host's stdin and waits for it to exit; resolves to its exit code. */
  close() {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) {
        resolve(this.child.exitCode);
        return;
      }
      this.child.once('exit', (code) => resolve(code));
      this.child.stdin.end();
    });
  }
}

/* Splits @fields into consecutive runs whose JSON stays under the request
 * limit, cutting only between forms when it can. One page is normally one run. */
function batches(fields) {
  const out = [];
  let run = [];
  let bytes = 0;
  for (const f of fields) {
    const size = Buffer.byteLength(JSON.stringify(f)) + 1;
    if (run.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
      let cut = run.length;
      for (let k = run.length - 1; k > 0; k--) {
        if (run[k].form !== run[k - 1].form) {
          cut = k;
          break;
        }
      }
      out.push(run.slice(0, cut));
      run = run.slice(cut);
      bytes = run.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r)) + 1, 0);
    }
    run.push(f);
    bytes += size;
  }
  if (run.length > 0) {
    out.push(run);
  }
  return out;
}

/* Classifies @fields (one page's descriptors) with the host's `classify`
 * command, in runs under the request limit; resolves to a Map index -> token
 * ('' for no fill). */
async function classifyFields(host, fields) {
  const types = new Map();
  for (const run of batches(fields)) {
    const result = await host.request('classify', { fields: run });
    if (!result || !Array.isArray(result.fields)) {
      throw new Error('classify reply has no "fields" array');
    }
    for (const r of result.fields) {
      types.set(r.index, typeof r.type === 'string' ? r.type : '');
    }
  }
  return types;
}

module.exports = { HostClient, CHROMIUM_ORIGIN, classifyFields };
