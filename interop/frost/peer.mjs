// One FROST participant implemented by @noble/curves schnorr_FROST (FROST-secp256k1-SHA256-TR-v1),
// driven line by line over stdin/stdout by Custos's NobleFrostInteropTest. It shares no code with
// Custos: its curve arithmetic, hashes and FROST logic are noble's.
//
// Protocol: one request per line, tokens separated by single spaces, byte strings in lowercase
// hex; one reply line "ok <tokens...>" or "err <message>".
//   dkg1 <id32> <min> <max>                 -> ok <commitment (33*min)> <proofOfKnowledge (64)>
//   dkg2 (<id32> <commitment> <pok>)...     -> ok (<recipientId32> <share32>)...
//   dkg3 (<senderId32> <share32>)...        -> ok <groupKey33> (<id32> <verifyingShare33>)...
//   commit <session>                        -> ok <commitments98: id32 || hiding33 || binding33>
//   sign <session> <msg> <commitments98>... -> ok <share32>
//   verifyshare <msg> <id32> <share32> <commitments98>...          -> ok true|false
//   aggregate <msg> <n> <commitments98>{n} (<id32> <share32>)...   -> ok <signature64>
//   verify <signature64> <msg>              -> ok true|false  (against the group's x-only key)
import { schnorr_FROST as frost } from '@noble/curves/secp256k1.js';
import { bytesToHex, hexToBytes } from '@noble/curves/utils.js';
import { createInterface } from 'node:readline';

let dkgSecret;
let round1Others;
let key;
const pendingNonces = new Map();

function commitmentsFromWire(hex) {
  const b = hexToBytes(hex);
  if (b.length !== 98) throw new Error(`commitments must be 98 bytes, got ${b.length}`);
  return { identifier: bytesToHex(b.subarray(0, 32)), hiding: b.slice(32, 65), binding: b.slice(65, 98) };
}

function commitmentsToWire(c) {
  return c.identifier + bytesToHex(c.hiding) + bytesToHex(c.binding);
}

function pairs(tokens) {
  if (tokens.length % 2 !== 0) throw new Error('expected pairs');
  const out = [];
  for (let i = 0; i < tokens.length; i += 2) out.push([tokens[i], tokens[i + 1]]);
  return out;
}

function handle(cmd, args) {
  switch (cmd) {
    case 'dkg1': {
      const [id, min, max] = args;
      const r = frost.DKG.round1(id, { min: Number(min), max: Number(max) });
      dkgSecret = r.secret;
      return [r.public.commitment.map(bytesToHex).join(''), bytesToHex(r.public.proofOfKnowledge)];
    }
    case 'dkg2': {
      if (args.length % 3 !== 0) throw new Error('dkg2 expects triples');
      round1Others = [];
      for (let i = 0; i < args.length; i += 3) {
        const c = hexToBytes(args[i + 1]);
        if (c.length % 33 !== 0) throw new Error('commitment is not a list of 33-byte points');
        const commitment = [];
        for (let o = 0; o < c.length; o += 33) commitment.push(c.slice(o, o + 33));
        round1Others.push({ identifier: args[i], commitment, proofOfKnowledge: hexToBytes(args[i + 2]) });
      }
      const out = frost.DKG.round2(dkgSecret, round1Others);
      return Object.entries(out).flatMap(([to, p]) => [to, bytesToHex(p.signingShare)]);
    }
    case 'dkg3': {
      const round2 = pairs(args).map(([from, share]) => ({ identifier: from, signingShare: hexToBytes(share) }));
      key = frost.DKG.round3(dkgSecret, round1Others, round2);
      frost.DKG.clean(dkgSecret);
      const shares = Object.entries(key.public.verifyingShares).flatMap(([id, v]) => [id, bytesToHex(v)]);
      return [bytesToHex(key.public.commitments[0]), ...shares];
    }
    case 'commit': {
      const g = frost.commit(key.secret);
      pendingNonces.set(args[0], g.nonces);
      return [commitmentsToWire(g.commitments)];
    }
    case 'sign': {
      const [session, msg, ...list] = args;
      const nonces = pendingNonces.get(session);
      if (nonces === undefined) throw new Error(`no nonces for session ${session}`);
      pendingNonces.delete(session);
      const share = frost.signShare(key.secret, key.public, nonces, list.map(commitmentsFromWire), hexToBytes(msg));
      return [bytesToHex(share)];
    }
    case 'verifyshare': {
      const [msg, id, share, ...list] = args;
      return [String(frost.verifyShare(key.public, list.map(commitmentsFromWire), hexToBytes(msg), id, hexToBytes(share)))];
    }
    case 'aggregate': {
      const [msg, n, ...rest] = args;
      const list = rest.slice(0, Number(n)).map(commitmentsFromWire);
      const shares = Object.fromEntries(pairs(rest.slice(Number(n))).map(([id, s]) => [id, hexToBytes(s)]));
      return [bytesToHex(frost.aggregate(key.public, list, hexToBytes(msg), shares))];
    }
    case 'verify': {
      const [sig, msg] = args;
      const xOnly = key.public.commitments[0].slice(1);
      return [String(frost.verify(hexToBytes(sig), hexToBytes(msg), xOnly))];
    }
    default:
      throw new Error(`unknown command ${cmd}`);
  }
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [cmd, ...args] = line.trim().split(' ').filter((t) => t.length > 0);
  try {
    process.stdout.write(['ok', ...handle(cmd, args)].join(' ') + '\n');
  } catch (e) {
    process.stdout.write('err ' + String(e.message).replace(/\s+/g, ' ') + '\n');
  }
});
