/*
 * host.js — talks to the real keyfill-host over native-messaging framing
 * (4-byte native-endian length + UTF-8 JSON) through pipes, as a browser does.
 *
 * Owns: spawning the host with the Chromium extension origin as argv[1] (so
 * the caller check passes), framing requests and replies, matching replies to
 * requests in order. Must never: interpret a reply beyond the envelope.
 */
'use strict';

const { spawn } = require('node:child_process');
const os = require('node:os');

const CHROMIUM_ORIGIN = 'chrome-extension://iceljohmipnjghdnlgkldoicbgkapcab/';
const MAX_REPLY_BYTES = 1024 * 1024;   // the host never answers more than 1,000,000 bytes

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

module.exports = { HostClient, CHROMIUM_ORIGIN };
